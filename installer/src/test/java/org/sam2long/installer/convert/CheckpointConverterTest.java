package org.sam2long.installer.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.installer.models.ModelStore;
import org.sam2long.installer.testing.CliRun;
import org.sam2long.installer.testing.FileServer;
import org.sam2long.installer.testing.TorchCheckpointWriter;
import org.sam2long.installer.util.InstallerEnvironment;
import org.sam2long.installer.util.Sha256;

/**
 * The Java checkpoint converter against the Python exporter. Oracle: the downscaled official-architecture
 * model that {@code export_sam2.py} exported from {@code downscaled.pt} (committed in the engine's test
 * resources, see engine/tooling/reference_traces/README.md). The converter gets the same checkpoint and
 * the weightless graphs {@code export_sam2.py --weightless} made from the same config with random
 * weights; every output of every graph must be identical on the same inputs.
 */
class CheckpointConverterTest {
    /**
     * The Python exporter's output for {@code downscaled.pt}, in the engine's test resources (relative
     * to the installer module's folder, where Maven runs the tests). The only path into another module.
     */
    static final Path PYTHON_EXPORTED_DOWNSCALED = Path.of("../engine/tests/src/test/resources/org/sam2long/engine/track/reference/model");
    static final String DOWNSCALED = "sam2.1-downscaled-random";

    @TempDir
    Path tmp;

    static Path downscaledCheckpoint() throws URISyntaxException {
        return Path.of(CheckpointConverterTest.class.getResource("downscaled.pt").toURI());
    }

    @Test
    void convertedDownscaledCheckpointGivesThePythonExportersOutputsOnEveryGraph() throws Exception {
        List<String> log = new ArrayList<>();
        WeightlessGraphs graphs = WeightlessGraphs.forName(DOWNSCALED).orElseThrow();
        Path dir = new ModelStore(tmp.resolve("models")).installConverted(downscaledCheckpoint(), graphs, "converted",
                "downscaled.pt", log::add);
        assertTrue(log.stream().anyMatch(l -> l.contains("image_encoder.onnx: 82 weight tensors")), log.toString());

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        int compared = 0;
        assertEquals(List.of("image_encoder", "memory_attention", "mask_decoder", "memory_encoder", "mask_prompt"),
                graphs.graphNames());
        for (String g : graphs.graphNames()) {
            JsonNode spec = manifest.path("graphs").path(g);
            Map<String, OnnxTensor> inputs = inputs(env, spec.path("inputs"), 7 + compared);
            try (OrtSession.SessionOptions o = options();
                 OrtSession ours = env.createSession(dir.resolve(g + ".onnx").toString(), o);
                 OrtSession theirs = env.createSession(PYTHON_EXPORTED_DOWNSCALED.resolve(g + ".onnx").toString(), o);
                 OrtSession.Result a = ours.run(inputs);
                 OrtSession.Result b = theirs.run(inputs)) {
                for (JsonNode out : spec.path("outputs")) {
                    String name = out.path("name").asText();
                    float[] x = flat(a.get(name).orElseThrow());
                    float[] y = flat(b.get(name).orElseThrow());
                    assertEquals(y.length, x.length, g + "." + name);
                    assertTrue(y.length > 0);
                    assertArrayEquals(y, x, 0f, g + "." + name + ": converted model differs from the Python export");
                    compared++;
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
        assertEquals(13, compared, "4 + 1 + 4 + 2 + 2 outputs");

        // host tensors: the same values
        JsonNode ours = new ObjectMapper().readTree(dir.resolve("host_tensors.json").toFile());
        JsonNode theirs = new ObjectMapper().readTree(PYTHON_EXPORTED_DOWNSCALED.resolve("host_tensors.json").toFile());
        assertEquals(4, theirs.size());
        theirs.fields().forEachRemaining(e -> {
            assertEquals(e.getValue().path("shape"), ours.path(e.getKey()).path("shape"), e.getKey());
            JsonNode want = e.getValue().path("data");
            JsonNode got = ours.path(e.getKey()).path("data");
            assertEquals(want.size(), got.size(), e.getKey());
            for (int i = 0; i < want.size(); i++) {
                assertEquals((float) want.get(i).asDouble(), (float) got.get(i).asDouble(), 0f, e.getKey() + "[" + i + "]");
            }
        });

        // the manifest: the contract's fields as the exporter wrote them
        ObjectNode m = (ObjectNode) manifest.deepCopy();
        ObjectNode p = (ObjectNode) new ObjectMapper().readTree(PYTHON_EXPORTED_DOWNSCALED.resolve("manifest.json").toFile());
        for (ObjectNode n : List.of(m, p)) {
            n.remove(List.of("name", "description", "sam2_config", "exported", "attention"));
            ((ObjectNode) n.path("host_tensors")).remove("sha256");
            n.path("graphs").forEach(x -> ((ObjectNode) x).remove("sha256"));
        }
        assertEquals(p, m);
        assertEquals("converted", manifest.path("name").asText());
        assertEquals(Sha256.of(dir.resolve("mask_decoder.onnx")), manifest.path("graphs").path("mask_decoder").path("sha256").asText());
    }

    @Test
    void fetchOfAnOfficialCheckpointConvertsItAndTheModelVerifies() throws Exception {
        byte[] ckpt = Files.readAllBytes(downscaledCheckpoint());
        Path models = tmp.resolve("models");
        InstallerEnvironment env = CliRun.env(tmp.resolve("home"), Map.of("SAM2LONG_MODELS", models.toString()));
        try (FileServer server = new FileServer()) {
            server.put("/ckpt/downscaled.pt", ckpt);
            Path reg = tmp.resolve("registry.json");
            Files.writeString(reg, "{\"format\":\"sam2long-registry/1\",\"models\":[{\"name\":\"" + DOWNSCALED
                    + "\",\"kind\":\"official-checkpoint\",\"url\":\"" + server.url("/ckpt/downscaled.pt") + "\",\"sha256\":\""
                    + Sha256.of(downscaledCheckpoint()) + "\",\"sizeBytes\":" + ckpt.length + "}]}");
            CliRun r = CliRun.run(env, "models", "fetch", DOWNSCALED, "--registry", reg.toString());
            assertEquals(0, r.code, r.toString());
            assertTrue(r.out.contains("converting it in Java") && r.out.contains("installed " + DOWNSCALED), r.toString());
            assertTrue(r.err.contains("100%"), "progress bar: " + r);
            assertTrue(Files.isRegularFile(models.resolve(DOWNSCALED).resolve("memory_encoder.onnx")));
            CliRun v = CliRun.run(env, "models", "verify", DOWNSCALED);
            assertEquals(0, v.code, v.toString());
            CliRun again = CliRun.run(env, "models", "fetch", DOWNSCALED, "--registry", reg.toString());
            assertTrue(again.out.contains("already installed"), again.toString());
            assertEquals(1, server.requests.size(), "no second download: " + server.requests);
        }
    }

    @Test
    void importOfACheckpointWithAMissingOrMisshapedTensorNamesItAndInstallsNothing() throws Exception {
        Path models = tmp.resolve("models");
        InstallerEnvironment env = CliRun.env(tmp.resolve("home"), Map.of("SAM2LONG_MODELS", models.toString()));
        String dropped = "sam_mask_decoder.iou_token.weight";
        String reshaped = "memory_attention.layers.1.linear1.weight";
        Path missing = rewrite(tmp.resolve("missing.pt"), dropped, null);
        Path misshaped = rewrite(tmp.resolve("misshaped.pt"), reshaped, new long[] {128, 128});

        CliRun a = CliRun.run(env, "models", "import", missing.toString(), "--graphs", DOWNSCALED);
        assertEquals(1, a.code, a.toString());
        assertTrue(a.err.contains("lacks tensor '" + dropped + "'"), a.toString());
        CliRun b = CliRun.run(env, "models", "import", misshaped.toString(), "--graphs", DOWNSCALED);
        assertEquals(1, b.code, b.toString());
        assertTrue(b.err.contains("tensor '" + reshaped + "' has shape [128, 128], expected [256, 64]"), b.toString());
        for (CliRun r : List.of(a, b)) {
            assertFalse(r.err.contains("\tat "), "no stack trace: " + r);
            assertEquals(1, r.err.strip().lines().count(), "one sentence: " + r);
        }
        assertEquals(List.of(), files(models), "nothing installed, no staging folder left");

        // the intact checkpoint imports, under the size's name
        CliRun ok = CliRun.run(env, "models", "import", downscaledCheckpoint().toString(), "--graphs", DOWNSCALED);
        assertEquals(0, ok.code, ok.toString());
        assertTrue(Files.isRegularFile(models.resolve(DOWNSCALED).resolve("manifest.json")), ok.toString());
    }

    @Test
    void everyOfficialSizeShipsWeightlessGraphsOfItsConfig() {
        // Hiera embed_dim per size from the official configs (configs/sam2.1/sam2.1_hiera_{t,s,b+,l}.yaml)
        Map<String, Long> embed = Map.of("sam2.1_hiera_tiny", 96L, "sam2.1_hiera_small", 96L,
                "sam2.1_hiera_base_plus", 112L, "sam2.1_hiera_large", 144L);
        embed.forEach((size, dim) -> {
            WeightlessGraphs g = WeightlessGraphs.forName(size).orElseThrow(() -> new AssertionError(size + " not shipped"));
            assertEquals(size, g.name());
            assertEquals(dim, g.checkpointTensors().get("image_encoder.trunk.pos_embed")[1], size);
            assertArrayEquals(new long[] {1, 1, 256}, g.checkpointTensors().get("no_mem_embed"), size);
            assertEquals(1024, g.manifestTemplate().path("image_size").asInt(), size);
            for (String graph : WeightlessGraphs.GRAPHS) {
                assertTrue(g.structure(graph).length > 1000 && !g.initializers(graph).isEmpty(), size + " " + graph);
            }
        });
    }

    @Test
    void permuteMovesAxes() {
        // [2, 3] -> transposed [3, 2]
        float[] t = CheckpointConverter.permute(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, new int[] {1, 0});
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t);
        // [2, 1, 3] with axes (2, 0, 1) -> [3, 2, 1]: out[k][i][0] = in[i][0][k]
        float[] u = CheckpointConverter.permute(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 1, 3}, new int[] {2, 0, 1});
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, u);
    }

    /** The downscaled checkpoint written again with {@code key} dropped (shape null) or given another shape. */
    private static Path rewrite(Path to, String key, long[] shape) throws Exception {
        TorchCheckpointWriter w = new TorchCheckpointWriter();
        try (TorchCheckpoint ck = TorchCheckpoint.open(downscaledCheckpoint())) {
            assertTrue(ck.tensors().containsKey(key), key);
            for (TorchCheckpoint.Tensor t : ck.tensors().values()) {
                if (!t.dtype().equals("float32")) {
                    continue;
                }
                if (t.key().equals(key)) {
                    if (shape != null) {
                        w.tensor(key, "float32", shape, ck.floats(key));
                    }
                } else {
                    w.tensor(t.key(), "float32", t.shape(), ck.floats(t.key()));
                }
            }
        }
        return w.write(to);
    }

    private static List<String> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static OrtSession.SessionOptions options() throws Exception {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        return o;
    }

    /** Random inputs in each input's meaningful range; B=2, N=2 frames of the grid, P=8, K=3. */
    private static Map<String, OnnxTensor> inputs(OrtEnvironment env, JsonNode specs, long seed) throws Exception {
        Random r = new Random(seed);
        Map<String, OnnxTensor> out = new LinkedHashMap<>();
        for (JsonNode s : specs) {
            String name = s.path("name").asText();
            long[] shape = new long[s.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = s.path("shape").get(i);
                shape[i] = d.isNumber() ? d.asLong() : switch (d.asText()) {
                    case "B" -> 2;
                    case "N" -> 2 * 16 * 16;
                    case "P" -> 8;
                    case "K" -> 3;
                    default -> throw new IllegalArgumentException(d.asText());
                };
            }
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (name) {
                    case "point_labels" -> r.nextInt(5) - 1;
                    case "point_coords" -> r.nextFloat() * 256;
                    case "memory_key_scale", "pointer_key_scale" -> 0.95f + 0.1f * r.nextFloat();
                    case "has_mask_input" -> i % 2;
                    case "object_score" -> i % 2 == 0 ? 3f : -2f; // both presence branches
                    case "mask_for_memory" -> r.nextFloat() * 20 - 10;
                    default -> (float) r.nextGaussian();
                };
            }
            out.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape));
        }
        return out;
    }

    private static float[] flat(OnnxValue v) throws Exception {
        FloatBuffer b = ((OnnxTensor) v).getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
