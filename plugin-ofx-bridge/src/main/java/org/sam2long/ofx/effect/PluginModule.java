package org.sam2long.ofx.effect;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import java.nio.file.Path;
import org.sam2long.ofx.cache.MatteCache;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.ofx.track.ClickPreview;
import org.sam2long.ofx.track.EngineTracker;
import org.sam2long.ofx.track.ModelPool;
import org.sam2long.presets.PresetLibrary;

/**
 * Guice wiring of the plug-in, the part that lives as long as the host process: the preset library,
 * the model pool (a host that unloads and reloads the plug-in keeps its loaded models), the default
 * matte cache folder, and how instances get their trackers and read their settings. {@link OfxEntry}
 * creates it once; each setHost adds a {@link HostModule} in a child injector. Everything it makes
 * is built with plain constructors; nothing outside {@link OfxEntry} and the two modules knows Guice.
 */
final class PluginModule extends AbstractModule {
    /** Names the default matte cache folder (used when an instance's Cache folder parameter is empty). */
    static final String CACHE_ROOT = "sam2long.ofx.cacheRoot";

    private final Path cacheRoot;

    /** The production wiring: the cache under {@code $XDG_CACHE_HOME} or {@code ~/.cache}. */
    PluginModule() {
        this(MatteCache.defaultRoot());
    }

    /** @param cacheRoot the default matte cache folder */
    PluginModule(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** Built-in presets only: hosts save the preset choice index, so the list must not depend on the machine. */
    @Provides
    @Singleton
    PresetLibrary presetLibrary() {
        return PresetLibrary.builtInOnly();
    }

    @Provides
    @Singleton
    PresetChoices presetChoices(PresetLibrary library) {
        return new PresetChoices(library);
    }

    @Provides
    @Singleton
    ModelPool modelPool() {
        return new ModelPool();
    }

    @Provides
    @Named(CACHE_ROOT)
    Path cacheRoot() {
        return cacheRoot;
    }

    /** One tracker (and with it one tracking session) per effect instance, all sharing the pool. */
    @Provides
    @Singleton
    EngineTracker.Factory trackers(ModelPool models) {
        return () -> new EngineTracker(models);
    }

    /** One click preview (and with it one kept frame embedding) per effect instance, sharing the pool. */
    @Provides
    @Singleton
    ClickPreview.Factory previewers(ModelPool models) {
        return () -> new ClickPreview(models);
    }

    @Provides
    @Singleton
    InstanceSettings.Reader settingsReader(PresetChoices presets, @Named(CACHE_ROOT) Path cacheRoot) {
        return new InstanceSettings.Reader(presets, cacheRoot);
    }
}
