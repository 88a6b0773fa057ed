package org.sam2long.rendernode.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.sam2long.presets.PresetLibrary;

/** Guice wiring of the command line: what the commands share, resolved once per process. */
final class RenderNodeModule extends AbstractModule {
    private final PresetLibrary presets;

    /** @param presets the preset library (from the environment in production, temporary folders in tests) */
    RenderNodeModule(PresetLibrary presets) {
        this.presets = presets;
    }

    @Provides
    @Singleton
    PresetLibrary presets() {
        return presets;
    }
}
