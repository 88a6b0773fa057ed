package org.sam2long.ofx.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.presets.PresetLibrary;

class RotoParamsTest {

    @Test
    void everyParameterNameIsUnique() {
        Set<String> names = new HashSet<>();
        RotoParams.ALL.forEach(p -> assertTrue(names.add(p.name()), "duplicate parameter " + p.name()));
    }

    @Test
    void groupsAreDeclaredBeforeTheirChildren() {
        Set<String> seen = new HashSet<>();
        for (ParamSpec p : RotoParams.ALL) {
            if (p.group() != null) {
                assertTrue(seen.contains(p.group()), p.name() + " comes before its group " + p.group());
            }
            seen.add(p.name());
        }
    }

    @Test
    void choiceDefaultsAreAmongTheOptions() {
        RotoParams.ALL.stream().filter(p -> p instanceof ParamSpec.Choice).map(p -> (ParamSpec.Choice) p)
                .forEach(c -> assertTrue(c.def() >= 0 && c.def() < c.options().size(), c.name()));
    }

    @Test
    void memoryTreeDefaultsAreTheDefaultPresetSoANewInstanceTracksLikeIt() {
        TreeSettings preset = new PresetChoices(PresetLibrary.builtInOnly()).get(RotoParams.PRESET.def()).tree();
        assertEquals(preset.pathways(), RotoParams.PATHWAYS.def());
        assertEquals(preset.iouThreshold(), RotoParams.IOU_THRESHOLD.def());
        assertEquals(preset.uncertaintyThreshold(), RotoParams.UNCERTAINTY.def());
        assertEquals(preset.modulation(), RotoParams.MODULATION.def());
    }

    @Test
    void everyCleanupFieldHasAParameter() {
        Set<String> fields = new HashSet<>();
        for (RecordComponent c : CleanupSettings.class.getRecordComponents()) {
            fields.add(c.getName());
        }
        assertEquals(fields, RotoParams.CLEANUP_FIELDS.keySet());
        RotoParams.CLEANUP_FIELDS.values().forEach(p -> assertEquals(RotoParams.CLEANUP.name(), p.group(), p.name()));
    }

    @Test
    void cleanupDefaultsAreTheDefaultPresetSoANewInstanceRendersLikeTheCommandLine() {
        CleanupSettings preset = new PresetChoices(PresetLibrary.builtInOnly()).get(RotoParams.PRESET.def()).cleanup();
        assertEquals(preset.softAlpha(), RotoParams.SOFT_EDGES.def());
        assertEquals(preset.temperature(), RotoParams.SOFTNESS.def());
        assertEquals(preset.threshold(), RotoParams.THRESHOLD.def());
        assertEquals(preset.fillHolesArea(), RotoParams.FILL_HOLES.def());
        assertEquals(preset.removeIslandsArea(), RotoParams.REMOVE_ISLANDS.def());
        assertEquals(preset.growPixels(), RotoParams.GROW.def());
        assertEquals(preset.featherPixels(), RotoParams.FEATHER.def());
    }

    @Test
    void savedStateNamesNeverChange() {
        // Renaming these breaks every saved project.
        assertEquals(List.of("prompts", "resultsVersion", "instanceId"),
                List.of(RotoParams.PROMPTS.name(), RotoParams.RESULTS_VERSION.name(), RotoParams.INSTANCE_ID.name()));
    }
}
