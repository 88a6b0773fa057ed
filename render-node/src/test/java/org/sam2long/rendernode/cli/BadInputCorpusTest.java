package org.sam2long.rendernode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.output.OutputLock;
import org.sam2long.rendernode.testing.CliRun;

/**
 * A corpus of bad inputs, generated here, run through every command that reads them: each run
 * ends with the documented exit code, one {@code sam2long: } sentence naming what is wrong and no
 * Java or library text, and leaves no matte, temporary or torn file behind.
 */
class BadInputCorpusTest {
    static final Pattern INTERNAL = Pattern.compile(
            "\\b(java|javax|jdk|sun|com|org|picocli)\\.[a-z0-9_]+\\.[A-Za-z]|Exception|\\bError\\b|\\[Source:"
                    + "|Cannot invoke|No enum constant|DeserializationConfig|\\tat |Input length = ");

    @TempDir
    static Path tmp;
    static Path clip;
    static Path good;
    static final Map<String, Path> files = new LinkedHashMap<>();


    @BeforeAll
    static void corpus() throws Exception {
        clip = tmp.resolve("orbit.mp4");
        try (var in = BadInputCorpusTest.class.getClassLoader().getResourceAsStream(DemoCommand.CLIP)) {
            Files.copy(in, clip);
        }
        good = tmp.resolve("good.json");
        try (var in = BadInputCorpusTest.class.getClassLoader().getResourceAsStream(DemoCommand.PROMPTS)) {
            Files.copy(in, good);
        }
        String one = "{\"objects\":[{\"id\":1,\"name\":\"hero\",\"prompts\":[{\"frame\":%s,\"clicks\":%s%s}]}]}";
        file("empty", "");
        file("binary", new String(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, (byte) 0xff}, StandardCharsets.ISO_8859_1));
        file("not-json", "objects: [hero]");
        file("truncated", "{\"objects\":[{\"id\":1,");
        file("trailing", String.format(one, "0", "[{\"x\":1,\"y\":1}]", "") + " extra");
        file("array-root", "[1,2,3]");
        file("clicks-object", String.format(one, "0", "{\"x\":1,\"y\":1}", ""));
        file("frame-overflow", String.format(one, "4294967296", "[{\"x\":1,\"y\":1}]", ""));
        file("frame-fraction", String.format(one, "1.5", "[{\"x\":1,\"y\":1}]", ""));
        file("frame-text", String.format(one, "\"1001\"", "[{\"x\":1,\"y\":1}]", ""));
        file("box-text", String.format(one, "0", "[]", ",\"box\":[10,\"a\",200,200]"));
        file("box-three", String.format(one, "0", "[]", ",\"box\":[10,20,200]"));
        file("box-empty-area", String.format(one, "0", "[]", ",\"box\":[50,20,10,200]"));
        file("nan", String.format(one, "0", "[{\"x\":NaN,\"y\":1}]", ""));
        file("huge-number", String.format(one, "0", "[{\"x\":1e999,\"y\":1}]", ""));
        file("unknown-key", "{\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":0,\"clics\":[]}]}]}");
        file("duplicate-key", "{\"objects\":[{\"id\":1,\"id\":2,\"prompts\":[{\"frame\":0,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        file("negative-id", "{\"objects\":[{\"id\":-4,\"prompts\":[{\"frame\":0,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        file("duplicate-ids", "{\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":0,\"clicks\":[{\"x\":1,\"y\":1}]}]},"
                + "{\"id\":1,\"prompts\":[{\"frame\":0,\"clicks\":[{\"x\":9,\"y\":9}]}]}]}");
        file("no-objects", "{\"objects\":[]}");
        file("no-prompts", "{\"objects\":[{\"id\":1}]}");
        file("negative-not-bool", String.format(one, "0", "[{\"x\":1,\"y\":1,\"negative\":\"yes\"}]", ""));
        file("many-problems", "{\"objects\":[{\"id\":\"one\",\"prompts\":[{\"frame\":null,\"clicks\":[{\"x\":true}]}]},{\"id\":2.5}]}");
        file("shot-version-2", "{\"format\":\"sam2long-shot\",\"version\":2,\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":0,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        file("shot-wrong-format", "{\"format\":\"nuke-script\",\"version\":1,\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":0,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        file("shot-range-reversed", "{\"format\":\"sam2long-shot\",\"version\":1,\"source\":{\"first\":50,\"last\":10},"
                + "\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":20,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        file("shot-override-object", "{\"format\":\"sam2long-shot\",\"version\":1,\"preset\":{\"overrides\":{\"tracking.pathways\":{}}},"
                + "\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":20,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        files.put("missing", tmp.resolve("nofile.json"));
        files.put("folder", Files.createDirectories(tmp.resolve("afolder.json")));
    }

    private static void file(String name, String text) throws Exception {
        files.put(name, Files.writeString(tmp.resolve(name + ".json"), text, StandardCharsets.ISO_8859_1));
    }

    static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    /** Exit code, one plain sentence naming {@code names}, nothing written into {@code out}. */
    static void check(String label, CliRun.Result r, int code, String names, Path out) throws Exception {
        String err = r.err().lines().filter(l -> !l.startsWith("[main] INFO")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(code, r.code(), label + ": " + err + r.out());
        assertTrue(err.startsWith("sam2long: "), label + ": message starts with 'sam2long: ': " + err);
        assertFalse(INTERNAL.matcher(err).find(), label + ": no Java or library text: " + err);
        assertTrue(err.contains(names), label + ": names '" + names + "': " + err);
        assertTrue(err.lines().findFirst().orElse("").length() < 400, label + ": one sentence: " + err);
        if (out != null && Files.exists(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                List<Path> left = s.filter(Files::isRegularFile)
                        .filter(p -> !(p.getFileName().toString().equals(OutputLock.NAME) && size(p) == 0)).toList();
                assertEquals(List.of(), left, label + ": nothing written");
            }
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void everyBadFileThroughEveryCommandThatReadsIt() throws Exception {
        int runs = 0;
        for (Map.Entry<String, Path> e : files.entrySet()) {
            String name = e.getKey();
            Path f = e.getValue();
            Path out = tmp.resolve("out-" + name);
            check(name + " --prompt", cli("track", "-i", clip.toString(), "--prompt", f.toString(), "-o", out.toString()),
                    ExitCodes.USAGE, f.toString(), out);
            check(name + " --shot", cli("track", "-i", clip.toString(), "--shot", f.toString(), "-o", out.toString()),
                    ExitCodes.USAGE, f.toString(), out);
            check(name + " presets validate", cli("presets", "validate", f.toString()), ExitCodes.USAGE, f.getFileName().toString(), null);
            check(name + " bench --charts-from", cli("bench", "--charts-from", f.toString(), "-o", out.toString()),
                    ExitCodes.USAGE, f.getFileName().toString(), null);
            check(name + " eval", cli("eval", "--pred", f.toString(), "--truth", f.toString()), ExitCodes.USAGE,
                    f.getFileName().toString(), null);
            runs += 5;
        }
        System.out.println("bad-input corpus: " + files.size() + " files x 5 commands = " + runs + " runs, all exit 2");
    }

    @Test
    void measuredValuesNameFileJsonPathAndPlateFrame() throws Exception {
        Path out = tmp.resolve("out-measured");
        CliRun.Result r = cli("track", "-i", clip.toString(), "-p", files.get("frame-overflow").toString(), "-o", out.toString());
        check("overflow", r, ExitCodes.USAGE, "objects[0].prompts[0].frame is 4294967296, too large", out);
        r = cli("track", "-i", clip.toString(), "-p", files.get("box-text").toString(), "-o", out.toString());
        check("box", r, ExitCodes.USAGE, "box[1] (y0) must be a number, got \"a\" (object 1 'hero', plate frame 0)", out);
        r = cli("track", "-i", clip.toString(), "-p", files.get("clicks-object").toString(), "-o", out.toString());
        check("clicks", r, ExitCodes.USAGE, "objects[0].prompts[0].clicks must be a list", out);
        r = cli("track", "-i", clip.toString(), "-p", files.get("many-problems").toString(), "-o", out.toString());
        check("many", r, ExitCodes.USAGE, "has 6 problems", out);
    }

    @Test
    void badOptionsAndPromptsThatDoNotFitTheClipStopBeforeTheModelLoads() throws Exception {
        String p = good.toString();
        String c = clip.toString();
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"unknown option", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--colour"}, "--colour"});
        cases.add(new Object[] {"no prompts", new String[] {"track", "-i", c, "-o", "O"}, "--shot"});
        cases.add(new Object[] {"pathways not a number", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--pathways", "x"}, "--pathways"});
        cases.add(new Object[] {"--set no value", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--set", "tracking.pathways"}, "tracking.pathways"});
        cases.add(new Object[] {"--set unknown key", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--set", "tracking.speed=3"}, "tracking.speed"});
        cases.add(new Object[] {"--set bad value", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--set", "tracking.pathways=abc"}, "tracking.pathways"});
        cases.add(new Object[] {"--set 1e999", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--set", "cleanup.featherPixels=1e999"}, "1e999 is out of range"});
        cases.add(new Object[] {"presets show --set 1e999", new String[] {"presets", "show", "--set", "cleanup.featherPixels=-1e400"}, "out of range"});
        cases.add(new Object[] {"--direction", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--direction", "sideways"}, "sideways"});
        cases.add(new Object[] {"--pathways 0", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--pathways", "0"}, "pathways"});
        cases.add(new Object[] {"--preset nosuch", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--preset", "nosuch"}, "nosuch"});
        cases.add(new Object[] {"--model nosuch", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--model", "nosuch"}, "nosuch"});
        cases.add(new Object[] {"empty -o", new String[] {"track", "-i", c, "-p", p, "-o", ""}, "--out is empty"});
        cases.add(new Object[] {"-o is a file", new String[] {"track", "-i", c, "-p", p, "-o", p}, "is a file"});
        cases.add(new Object[] {"missing input", new String[] {"track", "-i", tmp.resolve("missing.mp4").toString(), "-p", p, "-o", "O"}, "missing.mp4"});
        cases.add(new Object[] {"input is json", new String[] {"track", "-i", p, "-p", p, "-o", "O"}, "good.json"});
        cases.add(new Object[] {"prompt frame 500", new String[] {"track", "-i", c, "-o", "O", "-p",
                "{\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":500,\"clicks\":[{\"x\":10,\"y\":10}]}]}]}"}, "plate frame 500"});
        cases.add(new Object[] {"click outside", new String[] {"track", "-i", c, "-o", "O", "-p",
                "{\"objects\":[{\"id\":3,\"prompts\":[{\"frame\":4,\"clicks\":[{\"x\":900,\"y\":10}]}]}]}"}, "outside the 320x240 frame"});
        cases.add(new Object[] {"box outside", new String[] {"track", "-i", c, "-o", "O", "-p",
                "{\"objects\":[{\"id\":3,\"prompts\":[{\"frame\":4,\"box\":[1,1,900,10]}]}]}"}, "plate frame 4 has a box"});
        cases.add(new Object[] {"bench --provider tpu", new String[] {"bench", "--provider", "tpu", "-o", "O"}, "tpu"});
        cases.add(new Object[] {"bench --frames 0", new String[] {"bench", "--frames", "0", "-o", "O"}, "--frames"});
        cases.add(new Object[] {"bench --model nosuch", new String[] {"bench", "--model", "nosuch", "-o", "O"}, "nosuch"});
        cases.add(new Object[] {"bench --memory-runs 0x3", new String[] {"bench", "--memory-runs", "1x1,0x3", "-o", "O"}, "--memory-runs"});
        cases.add(new Object[] {"presets show nosuch", new String[] {"presets", "show", "nosuch"}, "nosuch"});
        cases.add(new Object[] {"presets export bad --set", new String[] {"presets", "export", "--set", "tracking.pathways=0"}, "pathways"});
        cases.add(new Object[] {"eval missing folder", new String[] {"eval", "--pred", tmp.resolve("nope").toString(), "--truth", tmp.resolve("nope").toString()}, "nope"});
        cases.add(new Object[] {"eval threshold", new String[] {"eval", "--pred", tmp.toString(), "--truth", tmp.toString(), "--threshold", "2"}, "--threshold"});
        Path badModel = Files.createDirectories(tmp.resolve("garbage-model"));
        Files.writeString(badModel.resolve("manifest.json"), "{\"format\": \"sam2long-model/1\", \"graphs\": ");
        cases.add(new Object[] {"garbage manifest", new String[] {"track", "-i", c, "-p", p, "-o", "O", "--model", badModel.toString()},
                "manifest.json is not valid JSON"});
        Path noManifest = Files.createDirectories(tmp.resolve("empty-model"));
        cases.add(new Object[] {"no manifest", new String[] {"bench", "--model", noManifest.toString(), "-o", "O"}, "has no manifest.json"});
        Path shotNoSource = Files.writeString(tmp.resolve("shot-no-source.json"), "{\"format\":\"sam2long-shot\",\"version\":1,"
                + "\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":0,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        cases.add(new Object[] {"shot without source", new String[] {"track", "--shot", shotNoSource.toString(), "-o", "O"}, "no input"});
        cases.add(new Object[] {"shot without output", new String[] {"track", "--shot", shotNoSource.toString(), "-i", c}, "no output folder"});
        Path shotRange = Files.writeString(tmp.resolve("shot-range.json"), "{\"format\":\"sam2long-shot\",\"version\":1,"
                + "\"source\":{\"first\":100,\"last\":400},"
                + "\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":100,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        cases.add(new Object[] {"shot range past the clip", new String[] {"track", "--shot", shotRange.toString(), "-i", c, "-o", "O"},
                "the source range ends on plate frame 400"});
        Path shotOverride = Files.writeString(tmp.resolve("shot-override.json"), "{\"format\":\"sam2long-shot\",\"version\":1,"
                + "\"preset\":{\"overrides\":{\"tracking.pathways\":0}},"
                + "\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":1,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}");
        cases.add(new Object[] {"shot override out of range", new String[] {"track", "--shot", shotOverride.toString(), "-i", c, "-o", "O"},
                "shot-override.json (preset): "});
        cases.add(new Object[] {"--prompt and --shot", new String[] {"track", "--shot", shotOverride.toString(), "-p", p, "-i", c, "-o", "O"},
                "mutually exclusive"});
        for (Object[] k : cases) {
            String[] args = ((String[]) k[1]).clone();
            Path out = tmp.resolve("opt-" + ((String) k[0]).replaceAll("[^a-z0-9]", "_"));
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("O")) {
                    args[i] = out.toString();
                }
            }
            check((String) k[0], cli(args), ExitCodes.USAGE, (String) k[2], out);
        }
        System.out.println("bad options: " + cases.size() + " cases, all exit 2 before a model loads");
    }

    @Test
    void everyHelpShowsTheExitCodeTable() {
        for (String[] cmd : new String[][] {{"--help"}, {"track", "--help"}, {"demo", "--help"}, {"bench", "--help"},
                {"eval", "--help"}, {"presets", "--help"}, {"presets", "show", "--help"}}) {
            CliRun.Result r = cli(cmd);
            assertEquals(0, r.code(), String.join(" ", cmd));
            assertTrue(r.out().contains("Exit codes:") && r.out().contains("3   cancelled"), String.join(" ", cmd) + ": " + r.out());
        }
    }

    @Test
    void noTemporaryFilesAnywhereInTheCorpus() throws Exception {
        try (Stream<Path> s = Files.walk(tmp)) {
            assertEquals(List.of(), s.filter(OutputFolder::isTemporary).toList());
        }
    }
}
