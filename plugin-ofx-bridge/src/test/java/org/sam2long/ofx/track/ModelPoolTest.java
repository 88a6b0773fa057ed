package org.sam2long.ofx.track;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.RuntimeSettings;

class ModelPoolTest {
    /** One loaded model per (model, runtime settings): a preset's runtime section is applied, not dropped. */
    @Test
    void runtimeSettingsAreAppliedAndPartOfTheKey() {
        ModelPool pool = new ModelPool();
        RuntimeSettings cpu = new RuntimeSettings(RuntimeSettings.Provider.CPU, 1, 1);
        assertSame(pool.get(null, BundledModels.DEMO), pool.get(null, BundledModels.DEMO, RuntimeSettings.defaults()));
        assertSame(pool.get(null, BundledModels.DEMO, cpu), pool.get(null, BundledModels.DEMO, cpu));
        assertNotSame(pool.get(null, BundledModels.DEMO), pool.get(null, BundledModels.DEMO, cpu));
    }
}
