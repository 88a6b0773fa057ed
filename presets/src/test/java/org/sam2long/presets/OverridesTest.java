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
import org.sam2long.engine.matte.OutputSettings.MatteFormat;
import org.sam2long.engine.track.Direction;

class OverridesTest {
    @TempDir
    Path user;

    private final PresetLibrary builtIns = PresetLibrary.builtInOnly();

    @Test
    void overrides_goOnTopOfTheWholeChain_andAreRecordedAsOverrides() {
        write(user, "mine", v1("\"extends\": \"production\", \"tracking\": {\"pathways\": 2}"));

        ResolvedPreset p = userLibrary(user).resolve("mine",
                Overrides.of("tracking.pathways=4", "output.format=exr_float", "tracking.direction=forward"));

        assertEquals(4, p.tree().pathways());
        assertEquals(MatteFormat.EXR_FLOAT, p.output().format());
        assertEquals(Direction.FORWARD, p.tracking().direction());
        assertEquals(PresetSource.override("tracking.pathways=4"), p.source("tracking.pathways"));
        assertEquals("override tracking.pathways=4", p.source("tracking.pathways").toString());
        assertEquals(PresetSource.builtIn("production"), p.source("tracking.iouThreshold"));
    }

    @Test
    void laterOverride_ofTheSameKey_wins() {
        ResolvedPreset p = builtIns.resolve("default", Overrides.of("tracking.pathways=4", "tracking.pathways=5"));
        assertEquals(5, p.tree().pathways());
        assertEquals(PresetSource.override("tracking.pathways=5"), p.source("tracking.pathways"));
    }

    @Test
    void typedOverrides_forPlugIns_readLikeTheCommandLine() {
        Overrides typed = Overrides.none().with("tracking.iouThreshold", 0.2).with("cleanup.softAlpha", true)
                .with("output.filenameTemplate", "mattes/{id}.{frame}.{ext}");
        assertEquals(Overrides.of("tracking.iouThreshold=0.2", "cleanup.softAlpha=true",
                "output.filenameTemplate=mattes/{id}.{frame}.{ext}"), typed);

        ResolvedPreset p = builtIns.resolve("production", typed);
        assertEquals(0.2, p.tree().iouThreshold());
        assertEquals(true, p.cleanup().softAlpha());
        assertEquals("mattes/{id}.{frame}.{ext}", p.output().filenameTemplate());
    }

    @Test
    void wholeNumberWrittenAsDecimal_isAcceptedForNumbers() {
        ResolvedPreset p = builtIns.resolve("default", Overrides.of("cleanup.featherPixels=3", "tracking.iouThreshold=1"));
        assertEquals(3.0, p.cleanup().featherPixels());
        assertEquals(1.0, p.tree().iouThreshold());
    }

    @Test
    void badOverrides_areEachReported() {
        assertEquals(List.of(
                        "tracking.pathways: must be at least 1, got 0 (in override 'tracking.pathways=0')",
                        "tracking.pathway: unknown setting (did you mean tracking.pathways?) (in override 'tracking.pathway=4')",
                        "must be written key.path=value, e.g. tracking.pathways=4 (in override 'pathways')",
                        "cleanup.softAlpha: must be true or false, got \"yes\" (in override 'cleanup.softAlpha=yes')",
                        "tracking.pathways: must be a whole number, got \"four\" (in override 'tracking.pathways=four')",
                        "output.format: must be one of exr_half, exr_float, png16, tiff16, png8, got \"jpeg\" "
                                + "(in override 'output.format=jpeg')"),
                problemsOf(() -> builtIns.resolve("default", Overrides.of("tracking.pathways=0", "tracking.pathway=4",
                        "pathways", "cleanup.softAlpha=yes", "tracking.pathways=four", "output.format=jpeg"))));
    }

    @Test
    void overrideBreakingACrossFieldRule_namesWhereTheOtherValueCameFrom() {
        assertEquals(List.of("output.exrLayers: needs an EXR output.format (exr_half or exr_float), but output.format is "
                        + "png16 (from built-in default) (in override 'output.exrLayers=true')"),
                problemsOf(() -> builtIns.resolve("default", Overrides.of("output.exrLayers=true"))));
    }
}
