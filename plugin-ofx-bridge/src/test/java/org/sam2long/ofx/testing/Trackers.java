package org.sam2long.ofx.testing;

import org.sam2long.engine.model.BundledModels;
import org.sam2long.ofx.track.EngineTracker;

/** The tracker tests use: the engine with the bundled demo model, or the stand-in while that model is absent. */
public final class Trackers {
    private Trackers() {}

    public static boolean demoModelMissing() {
        return !BundledModels.exists(BundledModels.DEMO);
    }

    public static EngineTracker forTests() {
        return new EngineTracker(demoModelMissing());
    }
}
