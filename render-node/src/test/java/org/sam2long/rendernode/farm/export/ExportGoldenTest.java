package org.sam2long.rendernode.farm.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.farm.ShotJobIds;
import org.sam2long.rendernode.testing.CliRun;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code farm export} for each scheduler against committed golden files (the temporary folder shown
 * as {@code @TMP@}, the shot's SHA-256 as {@code @SHA256@}), and each file against the scheduler's
 * own rules: the OpenJD template against a JSON Schema written from the 2023-09 specification text and
 * against the schema of OpenJD's reference model (openjd-model-for-python),
 * the OpenCue spec against OpenCue's own DTD, the Deadline pair against the keys its manual names.
 * Run with {@code -Dsam2long.updateGoldens=true} to rewrite the goldens after a deliberate change.
 */
class ExportGoldenTest {
    @TempDir
    static Path tmp;
    static Path shot;
    static String sha;
    static final Path GOLDEN = Path.of("src/test/resources/farm/export/golden");

    @BeforeAll
    static void fixture() throws Exception {
        Path clip = tmp.resolve("plates").resolve("orbit.mp4");
        Files.createDirectories(clip.getParent());
        try (var in = ExportGoldenTest.class.getClassLoader().getResourceAsStream("sample/orbit.mp4")) {
            Files.copy(in, clip);
        }
        shot = tmp.resolve("shots").resolve("shot010.json");
        Files.createDirectories(shot.getParent());
        Files.writeString(shot, """
                {"format": "sam2long-shot", "version": 1,
                 "source": {"path": "%s", "first": 0, "last": 119},
                 "objects": [
                   {"id": 1, "name": "disc", "prompts": [{"frame": 0, "clicks": [{"x": 60, "y": 120}]}]},
                   {"id": 2, "name": "hero square", "prompts": [{"frame": 0, "clicks": [{"x": 80, "y": 190}]}]}
                 ],
                 "preset": {"name": "default", "overrides": {"model.name": "sam2long-demo"}},
                 "output": {"folder": "%s"}}
                """.formatted(clip, tmp.resolve("mattes").resolve("shot010")));
        sha = ShotJobIds.sha256(Files.readAllBytes(shot));
    }

    /** Exports and returns each written file's text, made deterministic. */
    private static Map<String, String> export(String format) throws Exception {
        return export(format, shot, sha, "export-" + format);
    }

    private static Map<String, String> export(String format, Path shot, String sha, String folder) throws Exception {
        Path out = tmp.resolve(folder);
        CliRun.Result r = CliRun.run("farm", "export", "--format", format, shot.toString(), "--out", out.toString(),
                "--user", "roto");
        assertEquals(0, r.code(), r.out() + r.err());
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.sorted().toList()) {
                assertFalse(p.getFileName().toString().startsWith("."), "no temporary file left: " + p);
                files.put(p.getFileName().toString(), Files.readString(p).replace(tmp.toString(), "@TMP@").replace(sha, "@SHA256@"));
            }
        }
        for (String name : files.keySet()) {
            assertTrue(r.out().contains("wrote " + out.resolve(name)), r.out());
        }
        return files;
    }

    private static void assertGolden(Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path golden = GOLDEN.resolve(e.getKey());
            if (Boolean.getBoolean("sam2long.updateGoldens")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, e.getValue());
            }
            assertEquals(Files.readString(golden), e.getValue(), "golden file " + golden);
        }
    }

    @Test
    void openJdTemplateMatchesItsGoldenAndTheSchema() throws Exception {
        Map<String, String> files = export("openjd");
        assertEquals(Set.of("shot010.template.json"), files.keySet());
        assertGolden(files);

        JsonNode template = new ObjectMapper().readTree(files.get("shot010.template.json"));
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/farm/export/openjd-jobtemplate-2023-09.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        }
        Set<ValidationMessage> problems = schema.validate(template);
        assertTrue(problems.isEmpty(), "schema: " + problems);
        // what the schema cannot say: unique step names, dependencies on earlier steps, known parameters
        Set<String> params = new HashSet<>();
        template.get("parameterDefinitions").forEach(p -> params.add(p.get("name").asText()));
        List<String> steps = new ArrayList<>();
        for (JsonNode step : template.get("steps")) {
            String name = step.get("name").asText();
            assertFalse(steps.contains(name), "duplicate step " + name);
            if (step.has("dependencies")) {
                for (JsonNode d : step.get("dependencies")) {
                    assertTrue(steps.contains(d.get("dependsOn").asText()), name + " depends on an earlier step");
                }
            }
            Matcher m = Pattern.compile("\\{\\{\\s*Param\\.(\\w+)\\s*}}").matcher(step.get("script").toString());
            while (m.find()) {
                assertTrue(params.contains(m.group(1)), "step " + name + " names parameter " + m.group(1));
            }
            steps.add(name);
        }
        assertEquals(List.of("track object 1 disc", "track object 2 hero square"), steps);
        assertEquals(1, template.get("steps").get(1).get("dependencies").size());

        // the same template with a schema violation is caught (the check is not vacuous)
        ((com.fasterxml.jackson.databind.node.ObjectNode) template).put("specificationVersion", "jobtemplate-2099-01");
        assertFalse(schema.validate(template).isEmpty());
        ((com.fasterxml.jackson.databind.node.ObjectNode) template).put("specificationVersion", OpenJdTemplate.VERSION);
        ((com.fasterxml.jackson.databind.node.ObjectNode) template.get("steps").get(0)).put("name", "");
        assertFalse(schema.validate(template).isEmpty(), "empty step name");
    }

    @Test
    void deadlinePairMatchesItsGoldensWithOneTaskPerObject() throws Exception {
        Map<String, String> files = export("deadline");
        assertEquals(Set.of("shot010.job_info.txt", "shot010.plugin_info.txt"), files.keySet());
        assertGolden(files);
        Map<String, String> job = keyValues(files.get("shot010.job_info.txt"));
        Map<String, String> plugin = keyValues(files.get("shot010.plugin_info.txt"));
        assertEquals("CommandLine", job.get("Plugin"));
        assertEquals("1,2", job.get("Frames"), "one task per object id");
        assertEquals("1", job.get("ChunkSize"));
        assertEquals("1", job.get("MachineLimit"), "the objects share one output folder: one at a time");
        assertEquals("sam2long", plugin.get("Executable"));
        assertTrue(plugin.get("Arguments").contains("--object <STARTFRAME>"), plugin.get("Arguments"));
    }

    @Test
    void openCueSpecMatchesItsGoldenAndTheSpecStructure() throws Exception {
        Map<String, String> files = export("opencue");
        assertEquals(Set.of("shot010.opencue.xml"), files.keySet());
        assertGolden(files);

        // OpenCue's cjsl DTD is not copied into the project: the structure is checked here, and the golden
        // file was validated once against cjsl-1.15.dtd outside the repo (docs/farm-export.md).
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(files.get("shot010.opencue.xml").getBytes(StandardCharsets.UTF_8)));
        assertEquals("spec", doc.getDocumentElement().getTagName());
        for (String tag : new String[] {"show", "shot", "user", "job", "layers", "cmd", "range", "depends", "depend"}) {
            assertTrue(doc.getElementsByTagName(tag).getLength() > 0, "spec has <" + tag + ">");
        }

        // the cuebot's naming rules (JobSpec.conformName): lower case [\w.], at least 3 characters
        Pattern cueName = Pattern.compile("^[a-z0-9_.]{3,}$");
        for (String tag : new String[] {"show", "shot", "user"}) {
            assertTrue(cueName.matcher(doc.getElementsByTagName(tag).item(0).getTextContent()).matches(), tag);
        }
        String job = ((Element) doc.getElementsByTagName("job").item(0)).getAttribute("name");
        assertTrue(cueName.matcher(job).matches(), job);
        NodeList layers = doc.getElementsByTagName("layer");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.getLength(); i++) {
            names.add(((Element) layers.item(i)).getAttribute("name"));
        }
        assertEquals(List.of("obj1_disc", "obj2_hero_square"), names);
        names.forEach(n -> assertTrue(cueName.matcher(n).matches(), n));
        Element dep = (Element) doc.getElementsByTagName("depend").item(0);
        assertEquals("obj2_hero_square", dep.getElementsByTagName("deplayer").item(0).getTextContent());
        assertEquals("obj1_disc", dep.getElementsByTagName("onlayer").item(0).getTextContent());
        assertEquals(job, dep.getElementsByTagName("depjob").item(0).getTextContent());
    }

    /** shot010 with multi-layer EXR output: every format gets a merge step after all object steps. */
    @Test
    void aMultiLayerShotGetsAMergeStepAfterEveryObjectStepInEachFormat() throws Exception {
        Path layered = shot.resolveSibling("shot020.json");
        Files.writeString(layered, Files.readString(shot).replace("\"model.name\": \"sam2long-demo\"",
                "\"model.name\": \"sam2long-demo\", \"output.format\": \"exr_half\", \"output.exrLayers\": true,"
                        + " \"output.filenameTemplate\": \"mattes/mattes.{frame}.{ext}\"").replace("shot010", "shot020"));
        String layeredSha = ShotJobIds.sha256(Files.readAllBytes(layered));

        Map<String, String> openjd = export("openjd", layered, layeredSha, "layered-openjd");
        assertGolden(openjd);
        JsonNode template = new ObjectMapper().readTree(openjd.get("shot020.template.json"));
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/farm/export/openjd-jobtemplate-2023-09.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in);
        }
        assertTrue(schema.validate(template).isEmpty(), "schema: " + schema.validate(template));
        JsonNode steps = template.get("steps");
        assertEquals(3, steps.size());
        JsonNode merge = steps.get(2);
        assertEquals("merge layers", merge.get("name").asText());
        List<String> deps = new ArrayList<>();
        merge.get("dependencies").forEach(d -> deps.add(d.get("dependsOn").asText()));
        assertEquals(List.of("track object 1 disc", "track object 2 hero square"), deps, "after every object step");
        assertEquals("merge", merge.at("/script/actions/onRun/args/0").asText());
        assertTrue(steps.get(0).at("/script/actions/onRun/args").toString().contains("\"--part\""), steps.get(0).toString());

        Map<String, String> deadline = export("deadline", layered, layeredSha, "layered-deadline");
        assertEquals(Set.of("shot020.job_info.txt", "shot020.plugin_info.txt", "shot020.merge.job_info.txt",
                "shot020.merge.plugin_info.txt"), deadline.keySet());
        assertGolden(deadline);
        assertTrue(keyValues(deadline.get("shot020.plugin_info.txt")).get("Arguments").endsWith("--part"));
        assertTrue(keyValues(deadline.get("shot020.merge.plugin_info.txt")).get("Arguments").startsWith("merge --shot "));
        assertEquals("0", keyValues(deadline.get("shot020.merge.job_info.txt")).get("Frames"), "one task");

        Map<String, String> opencue = export("opencue", layered, layeredSha, "layered-opencue");
        assertGolden(opencue);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(opencue.get("shot020.opencue.xml").getBytes(StandardCharsets.UTF_8)));
        List<String> onMerge = new ArrayList<>();
        NodeList depends = doc.getElementsByTagName("depend");
        for (int i = 0; i < depends.getLength(); i++) {
            Element d = (Element) depends.item(i);
            if (d.getElementsByTagName("deplayer").item(0).getTextContent().equals("merge_layers")) {
                onMerge.add(d.getElementsByTagName("onlayer").item(0).getTextContent());
            }
        }
        assertEquals(List.of("obj1_disc", "obj2_hero_square"), onMerge, "the merge layer waits for every object layer");
    }

    @Test
    void anUnknownFormatIsOneSentence() {
        CliRun.Result r = CliRun.run("farm", "export", "--format", "tractor", shot.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("sam2long: --format tractor is not a scheduler sam2long exports to; use openjd, deadline or opencue",
                r.err().strip());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void aBadShotListsEveryProblemAndWritesNothing() throws Exception {
        Path bad = tmp.resolve("shots").resolve("bad.json");
        Files.writeString(bad, """
                {"format": "sam2long-shot", "version": 1,
                 "source": {"path": "%s", "first": 50, "last": 10},
                 "objects": [{"id": -3, "name": "disc", "prompts": [{"frame": 0, "clicks": [{"x": 60, "y": 120}]}]}],
                 "output": {"folder": "%s"}}
                """.formatted(tmp.resolve("plates").resolve("orbit.mp4"), tmp.resolve("bad-out")));
        CliRun.Result r = CliRun.run("farm", "export", "--format", "openjd", bad.toString(), "--out", tmp.resolve("y").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad.json"), r.err());
        assertTrue(r.err().contains("source.first") && r.err().contains(".id must be 0 or more"), "both problems: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(tmp.resolve("y")), "nothing written");
    }

    private static Map<String, String> keyValues(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            assertTrue(eq > 0, "key=value: " + line);
            assertTrue(m.put(line.substring(0, eq), line.substring(eq + 1)) == null, "duplicate key " + line);
        }
        return m;
    }
}
