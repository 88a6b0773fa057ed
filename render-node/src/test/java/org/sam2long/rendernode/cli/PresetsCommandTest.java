package org.sam2long.rendernode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.presets.BuiltInPresets;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;
import picocli.CommandLine;

class PresetsCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path user() { return tmp.resolve("user"); }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new PresetsCommand(new PresetLibrary(List.of(), user())));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path userPreset(String name, String json) throws IOException {
        Files.createDirectories(user());
        return Files.writeString(user().resolve(name + ".json"), json).toAbsolutePath();
    }

    @Test
    void presetsCommand_isRegisteredInTheSam2longCli() {
        assertTrue(new CommandLine(new Sam2LongCli()).getSubcommands().containsKey("presets"));
    }

    @Test
    void list_showsEveryPresetWithSourceAndDescription() throws IOException {
        Path mine = userPreset("my-shot", "{\"version\": 1, \"description\": \"Hair on sh010\", \"extends\": \"production\"}");

        assertEquals(ExitCodes.OK, run("list"));

        String text = out.toString();
        for (String name : BuiltInPresets.NAMES) {
            assertTrue(text.contains(name + " "), name + " missing from:\n" + text);
        }
        assertTrue(text.lines().anyMatch(l -> l.startsWith("my-shot ") && l.contains(" user ")
                && l.contains("Hair on sh010 [" + mine + "]")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("production ") && l.contains(" built-in ")
                && l.contains("large SAM 2.1 model")), text);
        assertTrue(text.contains("Searched: built-in, user " + user().toAbsolutePath()), text);
    }

    @Test
    void show_printsEveryResolvedValueWithWhereItCameFrom() throws IOException {
        Path mine = userPreset("my-shot", "{\"version\": 1, \"extends\": \"production\", \"cleanup\": {\"featherPixels\": 2}}");

        assertEquals(ExitCodes.OK, run("show", "my-shot", "--set", "tracking.pathways=4"));

        String text = out.toString();
        assertTrue(text.contains("chain:       user " + mine + " -> built-in production -> built-in default"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("tracking\\.pathways +=\\s+4 +\\(override tracking\\.pathways=4\\)")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("cleanup\\.featherPixels += 2\\.0 +\\(user " + java.util.regex.Pattern.quote(mine.toString()) + "\\)")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("model\\.name += sam2\\.1_hiera_large +\\(built-in production\\)")), text);
        assertEquals(3 + 1 + 34, text.lines().count(), text);
    }

    @Test
    void show_withoutName_showsTheDefault() {
        assertEquals(ExitCodes.OK, run("show"));
        assertTrue(out.toString().startsWith("preset:      default"), out.toString());
    }

    @Test
    void show_unknownPreset_failsWithTheList() {
        assertEquals(ExitCodes.USAGE, run("show", "producton"));
        assertTrue(err.toString().startsWith("sam2long: preset 'producton': no such preset (did you mean production?)"),
                err.toString());
    }

    @Test
    void validate_goodFile_exitsZero() throws IOException {
        Path f = Files.writeString(tmp.resolve("good.json"), "{\"version\": 1, \"extends\": \"fast-preview\"}");
        assertEquals(ExitCodes.OK, run("validate", f.toString()));
        assertTrue(out.toString().startsWith("ok: " + f), out.toString());
    }

    @Test
    void validate_badFile_exitsOneWithEveryProblem() throws IOException {
        Path f = Files.writeString(tmp.resolve("bad.json"),
                "{\"version\": 1, \"tracking\": {\"pathways\": 0}, \"cleanup\": {\"featherPixels\": -1}}").toAbsolutePath();

        assertEquals(ExitCodes.USAGE, run("validate", f.toString()));

        String nl = System.lineSeparator();
        assertEquals("sam2long: preset 'bad' has 2 problems:" + nl
                + "  - tracking.pathways: must be at least 1, got 0 (in " + f + ")" + nl
                + "  - cleanup.featherPixels: must be at least 0, got -1 (in " + f + ")" + nl, err.toString());
    }

    @Test
    void validate_missingFile_exitsOne() {
        assertEquals(ExitCodes.USAGE, run("validate", tmp.resolve("nope.json").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    void validate_oldVersionFile_passesWithAWarning() throws IOException {
        Path f = Files.writeString(tmp.resolve("old.json"), "{\"version\": 0, \"pathways\": 2}");
        assertEquals(ExitCodes.OK, run("validate", f.toString()));
        assertTrue(err.toString().startsWith("warning: "), err.toString());
    }

    @Test
    void export_toFile_writesAStandalonePresetThatLoadsBackEqual() throws IOException {
        Path file = tmp.resolve("out/nuke.json");

        assertEquals(ExitCodes.OK, run("export", "nuke-exr-layers", "--out", file.toString(), "-s", "output.frameOffset=1000"));

        ResolvedPreset expected = PresetLibrary.builtInOnly().resolve("nuke-exr-layers",
                org.sam2long.presets.Overrides.of("output.frameOffset=1000"));
        assertEquals(expected, ResolvedPreset.read(file));
        assertEquals(ExitCodes.OK, run("validate", file.toString()));
    }

    @Test
    void export_toStandardOutput_printsTheJson() {
        assertEquals(ExitCodes.OK, run("export", "production"));
        assertEquals(PresetLibrary.builtInOnly().resolve("production"), ResolvedPreset.fromJson(out.toString()));
    }

    @Test
    void export_withBadOverride_failsAndWritesNothing() {
        Path file = tmp.resolve("x.json");
        assertEquals(ExitCodes.USAGE, run("export", "production", "--out", file.toString(), "--set", "tracking.pathways=0"));
        assertTrue(Files.notExists(file));
        assertTrue(err.toString().contains("tracking.pathways: must be at least 1, got 0 (in override 'tracking.pathways=0')"),
                err.toString());
    }

    @Test
    void missingArgument_isAUsageError() {
        assertEquals(ExitCodes.USAGE, run("validate"));
    }
}
