package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sam2long.presets.TestPresets.STANDARD_TEMPLATE;
import static org.sam2long.presets.TestPresets.defaultEngine;
import static org.sam2long.presets.TestPresets.productionEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.matte.OutputSettings;
import org.sam2long.engine.matte.OutputSettings.Channels;
import org.sam2long.engine.matte.OutputSettings.MatteFormat;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.presets.TestPresets.Engine;

class BuiltInPresetsTest {
    private final PresetLibrary builtIns = PresetLibrary.builtInOnly();

    private Engine resolve(String name) {
        ResolvedPreset p = builtIns.resolve(name);
        assertEquals(List.of(), p.warnings(), name);
        return Engine.of(p);
    }

    @Test
    void default_isDemoModelWithPaperTreeAndPng16Alpha() {
        assertEquals(defaultEngine(), resolve("default"));
    }

    @Test
    void fastPreview_isTinyModelWithOnePathwayAndPng8() {
        Engine d = defaultEngine();
        assertEquals(new Engine(new ModelReference("sam2.1_hiera_tiny"), d.tracking(),
                TreeSettings.paper().withPathways(1), d.runtime(), d.cleanup(),
                new OutputSettings(MatteFormat.PNG8, Channels.ALPHA, false, STANDARD_TEMPLATE, 4, 0)),
                resolve("fast-preview"));
    }

    @Test
    void production_isLargeModelWithPaperParameters() {
        assertEquals(productionEngine(), resolve("production"));
        assertEquals(3, resolve("production").tree().pathways());
    }

    @Test
    void sam2Baseline_isProductionModelWithoutTree() {
        Engine p = productionEngine();
        assertEquals(new Engine(p.model(), p.tracking(), TreeSettings.sam2Baseline(), p.runtime(), p.cleanup(),
                p.output()), resolve("sam2-baseline"));
    }

    @Test
    void referenceParity_isReferenceScriptWithOfficialPredictorParity() {
        Engine p = productionEngine();
        assertEquals(new Engine(p.model(), TrackingSettings.builder().fillHoleArea(0).bfloat16Memory(true).bicubicResize(true).build(),
                TreeSettings.referenceScript(), p.runtime(), p.cleanup(), p.output()), resolve("reference-parity"));
    }

    @Test
    void nukeExrLayers_isProductionAsHalfExrWithOneLayerPerObject() {
        Engine p = productionEngine();
        assertEquals(new Engine(p.model(), p.tracking(), p.tree(), p.runtime(), p.cleanup(),
                new OutputSettings(MatteFormat.EXR_HALF, Channels.ALPHA, true, "mattes/mattes.{frame}.{ext}", 4, 0)),
                resolve("nuke-exr-layers"));
    }

    @Test
    void editorPng16_isProductionAsSixteenBitStraightCutOuts() {
        Engine p = productionEngine();
        assertEquals(new Engine(p.model(), p.tracking(), p.tree(), p.runtime(), p.cleanup(),
                new OutputSettings(MatteFormat.PNG16, Channels.RGBA_STRAIGHT, false, STANDARD_TEMPLATE, 4, 0)),
                resolve("editor-png16"));
    }

    @Test
    void resolveDefault_withNoPresetNamed_usesDefault() {
        assertEquals(defaultEngine(), Engine.of(builtIns.resolveDefault(Overrides.none())));
        assertEquals("default", builtIns.resolveDefault(Overrides.none()).name());
    }

    @Test
    void defaultPreset_setsEverySettingItselfAndExtendsNothing() {
        PresetDocument d = BuiltInPresets.read("default");
        assertEquals(List.of(), d.problems());
        assertNull(d.extendsName());
        assertEquals(PresetFields.paths(), List.copyOf(d.values().keySet()));
    }

    @Test
    void everyBuiltIn_hasADescriptionAndNoProblems() {
        for (String name : BuiltInPresets.NAMES) {
            PresetDocument d = BuiltInPresets.read(name);
            assertEquals(List.of(), d.problems(), name);
            assertTrue(d.description() != null && d.description().length() > 40, name + " needs a real description");
            assertFalse(d.description().contains("TODO"), name);
        }
    }

    @Test
    void builtInResourceFolder_holdsExactlyTheListedPresets() throws IOException {
        Path dir = Path.of("src/main/resources/" + BuiltInPresets.RESOURCE_DIR);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(BuiltInPresets.NAMES.stream().sorted().toList(),
                    files.map(f -> PresetLayer.nameOf(f)).sorted().toList());
        }
    }
}
