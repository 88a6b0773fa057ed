package org.sam2long.rendernode.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentException;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.engine.shot.ShotDocumentWriter;

/**
 * The shot/prompt reader under random mutations of valid documents (seeded): it returns a document
 * or throws {@link ShotDocumentException} with plain sentences, never anything else.
 */
class ShotDocumentReaderFuzzTest {
    static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|jdk|sun|com|org)\\.[a-z0-9_]+\\.|Exception|Error\\b|\\[Source:|Cannot invoke|No enum constant");
    static final ObjectMapper JSON = new ObjectMapper();

    static final String V1 = """
            {"format": "sam2long-shot", "version": 1,
             "source": {"path": "plate.####.exr", "first": 1001, "last": 1100},
             "objects": [
               {"id": 1, "name": "hero", "prompts": [
                 {"frame": 1001, "clicks": [{"x": 640, "y": 360}, {"x": 700, "y": 300, "negative": true}], "box": [600, 300, 720, 420]},
                 {"frame": 1050, "box": [10, 20, 30, 40]}]},
               {"id": 2, "name": "car", "prompts": [{"frame": 1010, "clicks": [{"x": 5.5, "y": 6.25}]}]}],
             "preset": {"name": "production", "overrides": {"tracking.pathways": 4, "cleanup.featherPixels": 1.5, "tracking.direction": "both"}},
             "output": {"folder": "out/shot010", "format": "exr_half"}}
            """;
    static final String V0 = """
            {"objects": [{"id": 1, "name": "hero", "prompts": [{"frame": 1001, "clicks": [{"x": 1, "y": 2}], "box": [1, 2, 3, 4]}]},
                         {"id": 7, "prompts": [{"frame": 3, "clicks": [{"x": 1, "y": 2, "negative": false}]}]}]}
            """;

    @Test
    void validDocumentsReadAndRoundTrip() {
        ShotDocument v1 = ShotDocumentReader.parse(V1, "shot.json");
        assertEquals(1, v1.version());
        assertEquals(2, v1.objects().size());
        assertEquals(1001, v1.source().first());
        assertEquals("4", v1.preset().overrides().get("tracking.pathways"));
        assertEquals(v1, ShotDocumentReader.parse(ShotDocumentWriter.toJson(v1), "again"));

        ShotDocument v0 = ShotDocumentReader.parse(V0, "old.json");
        assertEquals(0, v0.version(), "old prompt JSON is reported as version 0");
        assertEquals("object7", v0.objects().get(1).name());
        ShotDocument migrated = ShotDocumentReader.parse(ShotDocumentWriter.toJson(v0), "migrated");
        assertEquals(1, migrated.version());
        assertEquals(v0.objects(), migrated.objects(), "migration keeps objects and prompts");
        assertTrue(ShotDocumentWriter.toJson(v0).contains("\"version\" : 1"));
    }

    @Test
    void measuredBadValuesAreErrorsNamingFilePathAndPlateFrame() {
        ShotDocumentException e = assertThrows(ShotDocumentException.class, () -> ShotDocumentReader.parse(
                "{\"objects\":[{\"id\":1,\"name\":\"hero\",\"prompts\":[{\"frame\":4294967296,\"clicks\":[{\"x\":1,\"y\":1}]}]}]}",
                "p.json"));
        assertTrue(e.getMessage().startsWith("p.json: objects[0].prompts[0].frame is 4294967296, too large"), e.getMessage());
        e = assertThrows(ShotDocumentException.class, () -> ShotDocumentReader.parse(
                "{\"objects\":[{\"id\":1,\"name\":\"hero\",\"prompts\":[{\"frame\":1001,\"box\":[10,\"a\",200,200]}]}]}", "p.json"));
        assertTrue(e.getMessage().contains("objects[0].prompts[0].box[1] (y0) must be a number, got \"a\" (object 1 'hero', plate frame 1001)"),
                e.getMessage());
        e = assertThrows(ShotDocumentException.class, () -> ShotDocumentReader.parse(
                "{\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":3,\"clicks\":{\"x\":1,\"y\":2}}]}]}", "p.json"));
        assertTrue(e.getMessage().contains("objects[0].prompts[0].clicks must be a list"), e.getMessage());
        e = assertThrows(ShotDocumentException.class, () -> ShotDocumentReader.parse(
                "{\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":3,\"clicks\":[{\"x\":NaN,\"y\":2}]}]}]}", "p.json"));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        // every problem of one file at once
        e = assertThrows(ShotDocumentException.class, () -> ShotDocumentReader.parse(
                "{\"objects\":[{\"id\":-1,\"colour\":2,\"prompts\":[{\"frame\":1.5,\"clicks\":[{\"x\":\"1\",\"y\":2}]}]},"
                        + "{\"id\":2,\"prompts\":[]}]}", "p.json"));
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("p.json has 5 problems:"), e.getMessage());
    }

    @Test
    void filesThatAreNotDocuments(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("bin.json");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x89});
        assertMessage(() -> ShotDocumentReader.read(bin), bin + ": the file is not UTF-8 text");
        assertMessage(() -> ShotDocumentReader.read(tmp.resolve("nofile.json")), tmp.resolve("nofile.json") + ": the file does not exist");
        assertMessage(() -> ShotDocumentReader.read(tmp), tmp + ": this is a folder");
        Path empty = Files.writeString(tmp.resolve("empty.json"), "  ");
        assertMessage(() -> ShotDocumentReader.read(empty), empty + ": it is empty");
    }

    private static void assertMessage(Runnable r, String start) {
        ShotDocumentException e = assertThrows(ShotDocumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    /** A few thousand seeded mutations: text-level and tree-level. */
    @Test
    void randomMutationsNeverThrowAnythingButTheDocumentedError() throws Exception {
        Random rnd = new Random(20261201L);
        JsonNode[] seeds = {JSON.readTree(V1), JSON.readTree(V0)};
        int accepted = 0;
        int rejected = 0;
        int cases = 4000;
        for (int i = 0; i < cases; i++) {
            String text;
            if (i % 2 == 0) {
                JsonNode copy = seeds[rnd.nextInt(seeds.length)].deepCopy();
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    copy = mutateTree(copy, rnd);
                }
                text = copy.toString();
            } else {
                text = mutateText(i % 4 == 1 ? V1 : V0, rnd);
            }
            try {
                ShotDocument doc = ShotDocumentReader.parse(text, "case" + i + ".json");
                accepted++;
                // what is accepted writes and reads back to the same document
                ShotDocument again = ShotDocumentReader.parse(ShotDocumentWriter.toJson(doc), "again");
                assertEquals(doc.objects(), again.objects(), text);
            } catch (ShotDocumentException e) {
                rejected++;
                String m = e.getMessage();
                assertTrue(m.startsWith("case" + i + ".json"), "names the file: " + m);
                assertFalse(CLASS_NAME.matcher(m).find(), "no Java or library text: " + m + "\nfor " + text);
                assertFalse(e.problems().isEmpty());
            } catch (Throwable t) {
                fail("case " + i + " threw " + t + " for " + text, t);
            }
        }
        System.out.printf("shot reader fuzz: %d cases, %d accepted, %d rejected with ShotDocumentException%n",
                cases, accepted, rejected);
        assertTrue(rejected > cases / 2 && accepted > 10, accepted + " accepted, " + rejected + " rejected");
    }

    private static final String[] JUNK = {"{", "}", "[", "]", ",", ":", "\"", "NaN", "-", "1e999", "4294967296",
            "null", "true", "\\u0000", "\u00e9", "\n", "0x10", "'", "//", "/*", "99999999999999999999999"};

    static String mutateText(String s, Random rnd) {
        StringBuilder b = new StringBuilder(s);
        for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
            int at = b.length() == 0 ? 0 : rnd.nextInt(b.length());
            switch (rnd.nextInt(5)) {
                case 0 -> b.deleteCharAt(Math.min(at, Math.max(0, b.length() - 1)));
                case 1 -> b.insert(at, JUNK[rnd.nextInt(JUNK.length)]);
                case 2 -> b.insert(at, (char) rnd.nextInt(0x80));
                case 3 -> {
                    int end = Math.min(b.length(), at + rnd.nextInt(20));
                    b.insert(at, b.substring(at, end));
                }
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }

    static JsonNode mutateTree(JsonNode root, Random rnd) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return randomValue(rnd);
        }
        JsonNode target = containers.get(rnd.nextInt(containers.size()));
        JsonNode value = randomValue(rnd);
        if (target instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            int op = rnd.nextInt(4);
            if (keys.isEmpty() || op == 0) {
                o.set(rnd.nextBoolean() ? "extra" : "frame", value);
            } else if (op == 1) {
                o.remove(keys.get(rnd.nextInt(keys.size())));
            } else {
                o.set(keys.get(rnd.nextInt(keys.size())), value);
            }
        } else if (target instanceof ArrayNode a) {
            int op = rnd.nextInt(3);
            if (a.isEmpty() || op == 0) {
                a.add(value);
            } else if (op == 1) {
                a.remove(rnd.nextInt(a.size()));
            } else {
                a.set(rnd.nextInt(a.size()), value);
            }
        }
        return rnd.nextInt(50) == 0 ? value : root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    static JsonNode randomValue(Random rnd) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (rnd.nextInt(14)) {
            case 0 -> f.numberNode(4294967296L);
            case 1 -> f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 2 -> f.numberNode(Double.MAX_VALUE);
            case 3 -> f.numberNode(-rnd.nextInt(5000));
            case 4 -> f.numberNode(rnd.nextDouble() * 2000);
            case 5 -> f.textNode("NaN");
            case 6 -> f.textNode(rnd.nextBoolean() ? "" : "a\tb");
            case 7 -> f.nullNode();
            case 8 -> f.booleanNode(rnd.nextBoolean());
            case 9 -> f.arrayNode();
            case 10 -> f.objectNode();
            case 11 -> f.arrayNode().add(1).add("a").add(3).add(4);
            case 12 -> f.numberNode(rnd.nextInt(2000));
            default -> f.objectNode().put("x", rnd.nextInt(500)).put("y", rnd.nextInt(500));
        };
    }
}
