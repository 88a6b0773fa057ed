package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sam2long.presets.TestPresets.problemsOf;
import static org.sam2long.presets.TestPresets.userLibrary;
import static org.sam2long.presets.TestPresets.v1;
import static org.sam2long.presets.TestPresets.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.presets.TestPresets.Engine;

class MigrationTest {
    @TempDir
    Path user;

    private static final String VERSION_0 = """
            {
              "version": 0,
              "description": "Old studio preset",
              "base": "production",
              "model": "sam2.1_hiera_base_plus",
              "direction": "forward",
              "pathways": 2,
              "iou_threshold": 0.25,
              "uncertainty_threshold": 1.5,
              "modulation": [0.9, 1.1],
              "parity": false,
              "provider": "cpu",
              "threads": 8,
              "soft": true,
              "threshold": 0.5,
              "fill_holes": 64,
              "remove_islands": 32,
              "grow": -1,
              "feather": 1.5,
              "smooth_frames": 3,
              "format": "exr16",
              "alpha_only": false,
              "layers": false,
              "filename": "{name}/{name}.#####.{ext}",
              "frame_offset": 1000
            }
            """;

    private static final String SAME_IN_VERSION_1 = v1("""
            "description": "Old studio preset", "extends": "production",
            "model": {"name": "sam2.1_hiera_base_plus"},
            "tracking": {"direction": "forward", "pathways": 2, "iouThreshold": 0.25, "uncertaintyThreshold": 1.5,
                         "modulation": true, "modulationMin": 0.9, "modulationMax": 1.1, "referenceParity": false},
            "runtime": {"provider": "cpu", "intraOpThreads": 8},
            "cleanup": {"softAlpha": true, "threshold": 0.5, "fillHolesArea": 64, "removeIslandsArea": 32,
                        "growPixels": -1, "featherPixels": 1.5, "temporalWindow": 3},
            "output": {"format": "exr_half", "channels": "rgba_premultiplied", "exrLayers": false,
                       "filenameTemplate": "{name}/{name}.{frame}.{ext}", "framePadding": 5, "frameOffset": 1000}
            """);

    @Test
    void version0_loadsThroughMigration_toTheSameSettingsAsItsVersion1Rewrite() {
        Path old = write(user, "old", VERSION_0);
        write(user, "new", SAME_IN_VERSION_1);
        PresetLibrary lib = userLibrary(user);

        ResolvedPreset migrated = lib.resolve("old");

        assertEquals(Engine.of(lib.resolve("new")), Engine.of(migrated));
        assertEquals(5, migrated.output().framePadding());
        assertEquals(List.of(old + " is a version 0 preset and was migrated to version 1 (base -> extends, model -> "
                + "model.name, direction -> tracking.direction, pathways -> tracking.pathways, iou_threshold -> "
                + "tracking.iouThreshold, uncertainty_threshold -> tracking.uncertaintyThreshold, modulation -> "
                + "tracking.modulation, tracking.modulationMin, tracking.modulationMax, parity -> "
                + "tracking.referenceParity, provider -> runtime.provider, threads -> runtime.intraOpThreads, soft -> "
                + "cleanup.softAlpha, threshold -> cleanup.threshold, fill_holes -> cleanup.fillHolesArea, "
                + "remove_islands -> cleanup.removeIslandsArea, grow -> cleanup.growPixels, feather -> "
                + "cleanup.featherPixels, smooth_frames -> cleanup.temporalWindow, format -> output.format, alpha_only "
                + "-> output.channels, layers -> output.exrLayers, filename -> output.filenameTemplate, "
                + "output.framePadding, frame_offset -> output.frameOffset); rename its keys as listed and set "
                + "\"version\": 1 to stop this warning"), migrated.warnings());
    }

    @Test
    void version0_modulationFalse_turnsModulationOff() {
        write(user, "old", "{\"version\": 0, \"modulation\": false}");
        assertEquals(false, userLibrary(user).resolve("old").tree().modulation());
    }

    @Test
    void version0_problems_nameTheKeysTheFileActuallyHas() {
        Path old = write(user, "old", """
                {"version": 0, "pathways": 0, "iou": 0.2, "format": "exr", "filename": "{name}.{ext}",
                 "modulation": [1.2, 1.0], "feather": -1}
                """);
        String in = " (in " + old + ")";
        assertEquals(List.of(
                        "iou: unknown version 0 key (did you mean iou_threshold?)" + in,
                        "format: must be one of exr16, exr32, png16, png8, tiff16, got \"exr\"" + in,
                        "filename: must mark the frame number with #, e.g. {name}.####.{ext}, got \"{name}.{ext}\"" + in,
                        "pathways: must be at least 1, got 0" + in,
                        "feather: must be at least 0, got -1" + in,
                        "tracking.modulationMax: must be at least tracking.modulationMin (1.2, from user " + old
                                + "), got 1" + in),
                problemsOf(() -> userLibrary(user).resolve("old")));
    }

    @Test
    void futureVersion_saysWhatToChange() {
        Path f = write(user, "next", "{\"version\": 2, \"tracking\": {\"pathways\": 3, \"halo\": true}}");
        assertEquals(List.of("version: 2 is newer than this sam2long understands (it reads versions 0 to 1); upgrade "
                        + "sam2long, or change \"version\" to 1 and remove the settings that preset.schema.json version 1 "
                        + "does not list (in " + f + ")"),
                problemsOf(() -> userLibrary(user).resolve("next")));
    }

    @Test
    void missingOrMalformedVersion_isReported() {
        Path none = write(user, "none", "{\"tracking\": {\"pathways\": 2}}");
        assertEquals(List.of("version: missing; add \"version\": 1 (the current preset schema version) (in " + none + ")"),
                problemsOf(() -> userLibrary(user).resolve("none")));
        Path text = write(user, "text", "{\"version\": \"1\"}");
        assertEquals(List.of("version: must be a whole number (the current one is 1), got \"1\" (in " + text + ")"),
                problemsOf(() -> userLibrary(user).resolve("text")));
        Path negative = write(user, "negative", "{\"version\": -1}");
        assertEquals(List.of("version: must be between 0 and 1, got -1 (in " + negative + ")"),
                problemsOf(() -> userLibrary(user).resolve("negative")));
    }
}
