package org.sam2long.ofx.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class PresetChoicesTest {

    @Test
    void everyChoiceResolvesThroughThePresetsModule() {
        for (int i = 0; i < PresetChoices.labels().size(); i++) {
            PresetChoices.Choice c = PresetChoices.get(i);
            assertNotNull(c.tree(), c.name());
            assertNotNull(c.cleanup(), c.name());
        }
    }

    @Test
    void theFirstChoiceIsTheDefaultPresetSoNewInstancesMatchTheCommandLine() {
        assertEquals("default", PresetChoices.labels().get(0));
        assertEquals(3, PresetChoices.get(0).tree().pathways());
    }

    @Test
    void theBaselineHasOnePathway() {
        assertEquals(1, PresetChoices.get(PresetChoices.labels().indexOf("sam2-baseline")).tree().pathways());
    }
}
