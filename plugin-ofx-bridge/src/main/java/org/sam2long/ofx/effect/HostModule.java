package org.sam2long.ofx.effect;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.sam2long.ofx.bindings.Suites;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.ofx.track.ClickPreview;
import org.sam2long.ofx.track.EngineTracker;

/**
 * Guice wiring for one setHost, in a child injector of {@link PluginModule}'s: the host's suites and
 * what is built on them (error reporting, the factory that describes the effect and creates
 * instances, the plug-in with its action tables).
 */
final class HostModule extends AbstractModule {
    private final Suites suites;

    HostModule(Suites suites) {
        this.suites = suites;
    }

    @Provides
    @Singleton
    Suites suites() {
        return suites;
    }

    @Provides
    @Singleton
    ErrorReport errors(Suites s) {
        return new ErrorReport(s);
    }

    @Provides
    @Singleton
    RotoFactory factory(Suites s, InstanceSettings.Reader settings, PresetChoices presets, EngineTracker.Factory trackers,
                        ClickPreview.Factory previewers) {
        return new RotoFactory(s, settings, presets, trackers, previewers);
    }

    @Provides
    @Singleton
    RotoPlugin plugin(Suites s, ErrorReport errors, RotoFactory factory) {
        return new RotoPlugin(s, errors, factory);
    }
}
