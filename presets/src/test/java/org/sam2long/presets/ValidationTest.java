package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sam2long.presets.TestPresets.problemsOf;
import static org.sam2long.presets.TestPresets.userLibrary;
import static org.sam2long.presets.TestPresets.v1;
import static org.sam2long.presets.TestPresets.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of problem, asserting the exact message an artist sees. */
class ValidationTest {
    @TempDir
    Path user;

    /** Problems of a user preset "my" with the given members. */
    private List<String> problems(String members) {
        write(user, "my", v1(members));
        return problemsOf(() -> userLibrary(user).resolve("my"));
    }

    private String in() {
        return " (in " + user.resolve("my.json").toAbsolutePath() + ")";
    }

    @Test
    void unknownSetting_suggestsTheNearestOne() {
        assertEquals(List.of("tracking.pathway: unknown setting (did you mean tracking.pathways?)" + in()),
                problems("\"tracking\": {\"pathway\": 2}"));
    }

    @Test
    void settingInTheWrongSection_pointsToTheRightOne() {
        assertEquals(List.of("tracking.featherPixels: unknown setting (did you mean cleanup.featherPixels?)" + in()),
                problems("\"tracking\": {\"featherPixels\": 2}"));
    }

    @Test
    void unknownTopLevelKey_isReported() {
        assertEquals(List.of("trackng: unknown key (did you mean tracking?)" + in()), problems("\"trackng\": {}"));
    }

    @Test
    void wrongTypes_areReportedWithWhatWasFound() {
        assertEquals(List.of(
                        "tracking.pathways: must be a whole number, got \"3\"" + in(),
                        "tracking.iouThreshold: must be a number, got \"high\"" + in(),
                        "tracking.modulation: must be true or false, got \"yes\"" + in(),
                        "tracking.fillHoleArea: must be a whole number, got 2.5" + in(),
                        "cleanup.growPixels: must be a whole number, got null" + in(),
                        "output.filenameTemplate: must be text, got 12" + in()),
                problems("\"tracking\": {\"pathways\": \"3\", \"iouThreshold\": \"high\", \"modulation\": \"yes\", "
                        + "\"fillHoleArea\": 2.5}, \"cleanup\": {\"growPixels\": null}, \"output\": {\"filenameTemplate\": 12}"));
    }

    @Test
    void pathwaysBelowOne_isReported() {
        assertEquals(List.of("tracking.pathways: must be at least 1, got 0" + in()),
                problems("\"tracking\": {\"pathways\": 0}"));
    }

    @Test
    void thresholdsOutsideTheirDomain_areReported() {
        assertEquals(List.of(
                        "tracking.iouThreshold: must be between 0 and 1, got 1.5" + in(),
                        "tracking.uncertaintyThreshold: must be at least 0, got -0.5" + in(),
                        "tracking.modulationMin: must be greater than 0, got 0" + in(),
                        "cleanup.temperature: must be greater than 0, got 0.0" + in()),
                problems("\"tracking\": {\"iouThreshold\": 1.5, \"uncertaintyThreshold\": -0.5, \"modulationMin\": 0}, "
                        + "\"cleanup\": {\"temperature\": 0.0}"));
    }

    @Test
    void negativeFeather_isReported() {
        assertEquals(List.of("cleanup.featherPixels: must be at least 0, got -2" + in()),
                problems("\"cleanup\": {\"featherPixels\": -2}"));
    }

    @Test
    void otherRanges_areReported() {
        assertEquals(List.of(
                        "runtime.intraOpThreads: must be at least 0, got -1" + in(),
                        "cleanup.removeIslandsArea: must be at least 0, got -10" + in(),
                        "cleanup.temporalWindow: must be 0 (off) or an odd number of frames, got 4" + in(),
                        "output.framePadding: must be between 1 and 9, got 10" + in(),
                        "tracking.fillHoleArea: must be at least -1, got -2" + in()),
                problems("\"runtime\": {\"intraOpThreads\": -1}, \"cleanup\": {\"removeIslandsArea\": -10, "
                        + "\"temporalWindow\": 4}, \"output\": {\"framePadding\": 10}, \"tracking\": {\"fillHoleArea\": -2}"));
    }

    @Test
    void unknownEnumValue_listsTheChoices() {
        assertEquals(List.of(
                        "tracking.direction: must be one of forward, backward, both, got \"sideways\"" + in(),
                        "runtime.provider: must be one of auto, cpu, cuda, got \"CUDA\" (write it in lower case)" + in(),
                        "output.channels: must be one of alpha, rgba_premultiplied, rgba_straight, got \"rgb\"" + in()),
                problems("\"tracking\": {\"direction\": \"sideways\"}, \"runtime\": {\"provider\": \"CUDA\"}, "
                        + "\"output\": {\"channels\": \"rgb\"}"));
    }

    /** Settings that never did anything were removed (issue 14); presets that still carry them load, with a warning each. */
    @Test
    void retiredSettings_loadWithAOneLineWarningEach() {
        write(user, "my", v1("\"model\": {\"precision\": \"float32\"}, "
                + "\"tracking\": {\"clearNonCondMemoryAroundInput\": true, \"pathways\": 2}"));
        ResolvedPreset p = userLibrary(user).resolve("my");
        assertEquals(2, p.tree().pathways());
        String file = user.resolve("my.json").toAbsolutePath().toString();
        assertEquals(List.of(
                file + ": model.precision is no longer a setting and is ignored (models run in float32, the only"
                        + " precision there ever was); remove it",
                file + ": tracking.clearNonCondMemoryAroundInput is no longer a setting and is ignored (the engine"
                        + " never read it; a new prompt re-tracks its object from the prompts alone); remove it"),
                p.warnings());
    }

    @Test
    void unknownModel_listsTheKnownOnes() {
        assertEquals(List.of("model.name: unknown model 'sam2.1_hiera_huge' (did you mean sam2.1_hiera_large?); use one "
                        + "of sam2long-demo, sam2.1_hiera_tiny, sam2.1_hiera_small, sam2.1_hiera_base_plus, "
                        + "sam2.1_hiera_large, or the path of a model directory" + in()),
                problems("\"model\": {\"name\": \"sam2.1_hiera_huge\"}"));
    }

    @Test
    void modelDirectory_mustExistAndHoldAManifest() throws IOException {
        Files.createDirectories(user.resolve("models/empty"));
        assertEquals(List.of("model.name: model directory " + user.toAbsolutePath().resolve("models/missing")
                        + " does not exist" + in()),
                problems("\"model\": {\"name\": \"./models/missing\"}"));
        assertEquals(List.of("model.name: model directory " + user.toAbsolutePath().resolve("models/empty")
                        + " has no manifest.json (see docs/model-contract.md)" + in()),
                problems("\"model\": {\"name\": \"models/empty\"}"));
    }

    @Test
    void modelDirectory_withManifest_isKeptAsAnAbsolutePath() throws IOException {
        Path model = Files.createDirectories(user.resolve("models/custom"));
        Files.writeString(model.resolve("manifest.json"), "{}");
        write(user, "my", v1("\"model\": {\"name\": \"models/custom\"}"));

        ResolvedPreset p = userLibrary(user).resolve("my");

        assertEquals(model.toAbsolutePath().toString(), p.model().name());
        assertEquals(model.toAbsolutePath(), p.model().directory().orElseThrow());
    }

    @Test
    void modulationRangeTheWrongWayRound_namesBothValues() {
        assertEquals(List.of("tracking.modulationMax: must be at least tracking.modulationMin (1.1, from user "
                        + user.resolve("my.json").toAbsolutePath() + "), got 1.05" + in()),
                problems("\"tracking\": {\"modulationMin\": 1.1, \"modulationMax\": 1.05}"));
    }

    @Test
    void exrLayers_needAnExrFormat() {
        assertEquals(List.of("output.exrLayers: needs an EXR output.format (exr_half or exr_float), but output.format "
                        + "is tiff16 (from user " + user.resolve("my.json").toAbsolutePath() + ")" + in()),
                problems("\"output\": {\"exrLayers\": true, \"format\": \"tiff16\"}"));
    }

    @Test
    void filenameTemplate_needsFrameKnownTokensAndARelativePath() {
        assertEquals(List.of("output.filenameTemplate: must contain {frame}, got \"{name}.png\"" + in()),
                problems("\"output\": {\"filenameTemplate\": \"{name}.png\"}"));
        assertEquals(List.of("output.filenameTemplate: unknown token {shot}; use {name}, {id}, {frame} and {ext}" + in()),
                problems("\"output\": {\"filenameTemplate\": \"{shot}/{name}.{frame}.{ext}\"}"));
        assertEquals(List.of("output.filenameTemplate: must be a relative path (it is placed under the output "
                        + "directory), got \"/mattes/{frame}.exr\"" + in()),
                problems("\"output\": {\"filenameTemplate\": \"/mattes/{frame}.exr\"}"));
        assertEquals(List.of("output.filenameTemplate: must stay inside the output directory (no \"..\"), got "
                        + "\"../{frame}.png\"" + in()),
                problems("\"output\": {\"filenameTemplate\": \"../{frame}.png\"}"));
    }

    @Test
    void documentShapeProblems_areReported() {
        assertEquals(List.of("tracking: must be an object of tracking settings {...}, got 3" + in(),
                        "extends: must be the name of a preset (letters, digits, '.', '_', '-'), got 5" + in(),
                        "description: must be text, got true" + in()),
                problems("\"tracking\": 3, \"extends\": 5, \"description\": true"));
    }

    @Test
    void notAnObject_isReported() {
        Path f = write(user, "my", "[1, 2]");
        assertEquals(List.of("must be a JSON object {...}, got a list (in " + f + ")"),
                problemsOf(() -> userLibrary(user).resolve("my")));
    }

    @Test
    void invalidJson_givesLineAndColumn() {
        Path f = write(user, "my", "{\"version\": 1,\n \"tracking\": {\"pathways\": 3,}\n}");
        List<String> problems = problemsOf(() -> userLibrary(user).resolve("my"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("not valid JSON at line 2, column 29: "), problems.get(0));
        assertTrue(problems.get(0).endsWith("(in " + f + ")"), problems.get(0));
    }

    @Test
    void duplicateKey_isInvalidJson() {
        write(user, "my", "{\"version\": 1, \"tracking\": {\"pathways\": 3, \"pathways\": 4}}");
        List<String> problems = problemsOf(() -> userLibrary(user).resolve("my"));
        assertTrue(problems.get(0).contains("Duplicate field 'pathways'"), problems.get(0));
    }

    @Test
    void allProblems_inEveryDocumentAndOverride_areReportedAtOnce() {
        write(user, "base", v1("\"extends\": \"production\", \"cleanup\": {\"featherPixels\": -1}"));
        Path my = write(user, "my", v1("\"extends\": \"base\", \"tracking\": {\"pathways\": 0, \"iouThreshold\": 2}, "
                + "\"output\": {\"format\": \"gif\"}, \"colour\": {}"));

        PresetException e = assertThrows(PresetException.class,
                () -> userLibrary(user).resolve("my", Overrides.of("runtime.provider=tpu")));

        String base = user.resolve("base.json").toAbsolutePath().toString();
        List<String> expected = List.of(
                "tracking.pathways: must be at least 1, got 0 (in " + my + ")",
                "tracking.iouThreshold: must be between 0 and 1, got 2 (in " + my + ")",
                "output.format: must be one of exr_half, exr_float, png16, tiff16, png8, got \"gif\" (in " + my + ")",
                "colour: unknown key (in " + my + ")",
                "cleanup.featherPixels: must be at least 0, got -1 (in " + base + ")",
                "runtime.provider: must be one of auto, cpu, cuda, got \"tpu\" (in override 'runtime.provider=tpu')");
        assertEquals(expected, e.problems().stream().map(Problem::toString).toList());
        String nl = System.lineSeparator();
        assertEquals("preset 'my' has 6 problems:" + nl + "  - " + String.join(nl + "  - ", expected), e.getMessage());
    }

    @Test
    void invalidPreset_isNeverHalfApplied_evenWhenMostValuesAreFine() {
        write(user, "my", v1("\"extends\": \"production\", \"tracking\": {\"pathways\": 5, \"direction\": \"up\"}"));
        PresetLibrary lib = userLibrary(user);
        ResolvedPreset[] result = new ResolvedPreset[1];

        assertThrows(PresetException.class, () -> result[0] = lib.resolve("my", Overrides.of("cleanup.growPixels=3")));

        assertEquals(null, result[0]);
    }

    @Test
    void singleProblem_messageIsOneLine() {
        write(user, "my", v1("\"tracking\": {\"pathways\": 0}"));
        PresetException e = assertThrows(PresetException.class, () -> userLibrary(user).resolve("my"));
        assertEquals("preset 'my': tracking.pathways: must be at least 1, got 0" + in(), e.getMessage());
    }
}
