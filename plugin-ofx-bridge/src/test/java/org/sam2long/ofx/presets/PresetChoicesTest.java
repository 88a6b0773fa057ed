package org.sam2long.ofx.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.presets.PresetLibrary;

class PresetChoicesTest {
    private final PresetChoices choices = new PresetChoices(PresetLibrary.builtInOnly());

    @Test
    void everyChoiceResolvesThroughThePresetsModule() {
        for (int i = 0; i < PresetChoices.labels().size(); i++) {
            PresetChoices.Choice c = choices.get(i);
            assertNotNull(c.tree(), c.name());
            assertNotNull(c.cleanup(), c.name());
        }
    }

    @Test
    void theFirstChoiceIsTheDefaultPresetSoNewInstancesMatchTheCommandLine() {
        assertEquals("default", PresetChoices.labels().get(0));
        assertEquals(3, choices.get(0).tree().pathways());
    }

    @Test
    void theBaselineHasOnePathway() {
        assertEquals(1, choices.get(PresetChoices.labels().indexOf("sam2-baseline")).tree().pathways());
    }

    /** Tracking and runtime settings come whole from the preset, as the command line and farm take them. */
    @Test
    void eachChoiceCarriesItsPresetsTrackingAndRuntimeSettings() {
        PresetLibrary library = PresetLibrary.builtInOnly();
        for (int i = 0; i < PresetChoices.labels().size(); i++) {
            PresetChoices.Choice c = choices.get(i);
            assertEquals(library.resolve(c.name()).tracking(), c.tracking(), c.name());
            assertEquals(library.resolve(c.name()).runtime(), c.runtime(), c.name());
        }
        PresetChoices.Choice parity = choices.get(PresetChoices.labels().indexOf("reference-parity"));
        assertTrue(parity.tracking().bfloat16Memory() && parity.tracking().bicubicResize(),
                "reference-parity keeps bfloat16 memories and bicubic resizing in the plug-in");
    }

    @Test
    void aResolvedChoiceIsKept() {
        assertSame(choices.get(1), choices.get(1));
        assertSame(choices.get(99), choices.get(PresetChoices.labels().size() - 1), "indexes are clamped");
    }
}
