package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sam2long.presets.TestPresets.problemsOf;
import static org.sam2long.presets.TestPresets.productionEngine;
import static org.sam2long.presets.TestPresets.userLibrary;
import static org.sam2long.presets.TestPresets.v1;
import static org.sam2long.presets.TestPresets.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.presets.PresetSource.Kind;
import org.sam2long.presets.TestPresets.Engine;

class ExtendsTest {
    @TempDir
    Path user;

    @Test
    void extends_overridesSingleFieldsAndKeepsTheRest() {
        Path f = write(user, "soft-production", v1("\"extends\": \"production\", \"cleanup\": {\"softAlpha\": true, \"featherPixels\": 2}"));

        ResolvedPreset p = userLibrary(user).resolve("soft-production");

        Engine prod = productionEngine();
        assertEquals(new Engine(prod.model(), prod.tracking(), prod.tree(), prod.runtime(),
                new CleanupSettings(true, 1.0, 0.0, 0, 0, 0, 2.0, 0), prod.output()), Engine.of(p));
        assertEquals(new PresetSource(Kind.USER, f.toString()), p.source("cleanup.featherPixels"));
        assertEquals(PresetSource.builtIn("default"), p.source("cleanup.temperature"));
        assertEquals(PresetSource.builtIn("production"), p.source("tracking.pathways"));
    }

    @Test
    void extends_chainsThroughSeveralUserPresets() {
        write(user, "show", v1("\"extends\": \"nuke-exr-layers\", \"output\": {\"frameOffset\": 1000}"));
        write(user, "sequence", v1("\"extends\": \"show\", \"tracking\": {\"direction\": \"forward\"}"));
        Path shot = write(user, "shot", v1("\"extends\": \"sequence\", \"output\": {\"frameOffset\": 1001}"));

        ResolvedPreset p = userLibrary(user).resolve("shot");

        assertEquals(List.of("shot", "sequence", "show", "nuke-exr-layers", "production", "default"),
                p.chain().stream().map(s -> s.kind() == Kind.BUILT_IN ? s.location() : PresetLayer.nameOf(Path.of(s.location()))).toList());
        assertEquals(1001, p.output().frameOffset());
        assertEquals(new PresetSource(Kind.USER, shot.toString()), p.source("output.frameOffset"));
        assertEquals(true, p.output().exrLayers());
        assertEquals(PresetSource.builtIn("nuke-exr-layers"), p.source("output.exrLayers"));
    }

    @Test
    void noExtends_meansDefault() {
        write(user, "plain", v1("\"tracking\": {\"pathways\": 2}"));
        ResolvedPreset p = userLibrary(user).resolve("plain");
        assertEquals(2, p.chain().size());
        assertEquals(PresetSource.builtIn("default"), p.chain().get(1));
        assertEquals("sam2long-demo", p.model().name());
    }

    @Test
    void cycle_isReportedWithThePresetsInIt() {
        write(user, "a", v1("\"extends\": \"b\""));
        Path b = write(user, "b", v1("\"extends\": \"c\""));
        Path c = write(user, "c", v1("\"extends\": \"b\""));

        assertEquals(List.of("extends: presets extend each other in a cycle (b -> c -> b); make one of them extend a "
                + "preset outside the cycle (in " + c + ")"), problemsOf(() -> userLibrary(user).resolve("a")));
    }

    @Test
    void unknownParent_isReportedWithSuggestion() {
        Path f = write(user, "mine", v1("\"extends\": \"prodution\""));
        assertEquals(List.of("extends: no preset named 'prodution' (did you mean production?) among built-in, user "
                + user.toAbsolutePath() + "; available: default, editor-png16, fast-preview, nuke-exr-layers, "
                + "production, reference-parity, sam2-baseline (in " + f + ")"),
                problemsOf(() -> userLibrary(user).resolve("mine")));
    }

    @Test
    void extendingItsOwnName_withNoEarlierPresetOfThatName_isReported() {
        Path f = write(user, "mine", v1("\"extends\": \"mine\""));
        List<String> problems = problemsOf(() -> userLibrary(user).resolve("mine"));
        assertEquals(1, problems.size());
        assertEquals("extends: no preset named 'mine' other than itself (a preset may extend one of the same name only "
                + "from an earlier directory) among built-in, user " + user.toAbsolutePath() + "; available: default, "
                + "editor-png16, fast-preview, nuke-exr-layers, production, reference-parity, sam2-baseline (in "
                + f + ")", problems.get(0));
    }
}
