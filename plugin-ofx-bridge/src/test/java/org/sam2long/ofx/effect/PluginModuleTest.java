package org.sam2long.ofx.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.name.Names;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sam2long.ofx.cache.MatteCache;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.ofx.track.EngineTracker;
import org.sam2long.ofx.track.ModelPool;
import org.sam2long.presets.PresetLibrary;

class PluginModuleTest {

    @Test
    void processWideObjectsAreMadeOnce() {
        Injector injector = Guice.createInjector(new PluginModule(Path.of("/tmp/s2l-cache")));
        assertSame(injector.getInstance(PresetLibrary.class), injector.getInstance(PresetLibrary.class));
        assertSame(injector.getInstance(PresetChoices.class), injector.getInstance(PresetChoices.class));
        assertSame(injector.getInstance(ModelPool.class), injector.getInstance(ModelPool.class));
        assertSame(injector.getInstance(InstanceSettings.Reader.class), injector.getInstance(InstanceSettings.Reader.class));
        assertEquals(Path.of("/tmp/s2l-cache"), injector.getInstance(Key.get(Path.class, Names.named(PluginModule.CACHE_ROOT))));
        assertEquals("default", injector.getInstance(PresetChoices.class).get(0).name());
    }

    @Test
    void eachInstanceGetsItsOwnTracker() {
        EngineTracker.Factory trackers = Guice.createInjector(new PluginModule()).getInstance(EngineTracker.Factory.class);
        try (EngineTracker a = trackers.create(); EngineTracker b = trackers.create()) {
            assertNotSame(a, b);
        }
    }

    @Test
    void theDefaultCacheRootIsTheUsersCacheFolder() {
        assertEquals(MatteCache.defaultRoot(), Guice.createInjector(new PluginModule())
                .getInstance(Key.get(Path.class, Names.named(PluginModule.CACHE_ROOT))));
    }

    /**
     * The per-host graph is complete (every dependency of the plug-in is bound). Suites need a live
     * host, so this checks the bindings in Guice's TOOL stage, which validates without building;
     * OfxTestHostIT runs the real thing on every setHost.
     */
    @Test
    void thePerHostGraphIsComplete() {
        Injector process = Guice.createInjector(Stage.TOOL, new PluginModule());
        Injector host = process.createChildInjector(new HostModule(null));
        assertNotNull(host.getBinding(RotoPlugin.class));
        assertNotNull(host.getBinding(RotoFactory.class));
        assertSame(process.getBinding(ModelPool.class), host.getBinding(ModelPool.class), "the pool lives in the process injector");
    }
}
