package org.sam2long.engine.internal.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.sam2long.engine.model.GraphSpec;
import org.sam2long.engine.model.ModelException;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.model.TensorSpec;

/**
 * Reads a model directory and checks it completely before anything runs: manifest, checksums,
 * graphs that open, and real graph inputs/outputs equal to the contract. Every failure is a
 * {@link ModelException} with one sentence naming the file and the mismatch.
 */
public final class ModelLoader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private ModelLoader() {}

    public static Sam2Model load(Path dir, RuntimeSettings runtime) {
        ModelManifest manifest = readManifest(dir);
        checkContract(dir, manifest);
        HostTensors host = readHostTensors(dir, manifest);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OnnxGraph> opened = new ArrayList<>();
        try {
            ExecutionProviders.Chosen chosen = ExecutionProviders.choose(runtime);
            Map<String, GraphSpec> expected = ModelContract.expected(manifest);
            for (String g : manifest.graphNames()) {
                GraphSpec spec = manifest.graphs().get(g);
                Path file = dir.resolve(spec.file());
                checkFile(file, spec.sha256());
                OrtSession session;
                try {
                    session = env.createSession(file.toString(), chosen.options());
                } catch (OrtException e) {
                    throw new ModelException(file + " could not be loaded by ONNX Runtime (truncated, corrupt or not an ONNX graph): "
                            + OnnxGraph.firstLine(e.getMessage()), e);
                }
                OnnxGraph graph = new OnnxGraph(g, env, session);
                opened.add(graph);
                checkGraph(file, session, expected.get(g));
            }
            chosen.log(manifest.name());
            return new LoadedModel(dir, manifest, host, opened.get(0), opened.get(1), opened.get(2), opened.get(3),
                    manifest.hasMaskPrompt() ? opened.get(4) : null,
                    chosen.provider(), runtime);
        } catch (OrtException e) {
            opened.forEach(OnnxGraph::close);
            throw new ModelException("ONNX Runtime could not be set up for " + dir + ": " + OnnxGraph.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            opened.forEach(OnnxGraph::close);
            throw e;
        }
    }

    static ModelManifest readManifest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelException("model directory " + dir + " does not exist");
        }
        Path file = dir.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelException("model directory " + dir + " has no manifest.json");
        }
        ModelManifest m;
        try {
            m = JSON.readValue(file.toFile(), ModelManifest.class);
        } catch (JsonProcessingException e) {
            throw new ModelException(file + " is not a valid model manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelException(file + " cannot be read: " + e.getMessage(), e);
        }
        if (!ModelManifest.FORMAT.equals(m.format())) {
            throw new ModelException(file + " has format '" + m.format() + "', expected '" + ModelManifest.FORMAT + "'");
        }
        require(file, m.imageSize() > 0, "image_size must be positive");
        require(file, m.featureGrid() != null && m.featureGrid().length == 2, "feature_grid must be [h, w]");
        require(file, m.highResChannels() != null && m.highResChannels().length == 2, "high_res_channels must have two values");
        require(file, m.imageMean() != null && m.imageMean().length == 3 && m.imageStd() != null && m.imageStd().length == 3,
                "image_mean and image_std must have three values");
        require(file, m.memoryChannels() > 0 && m.featureChannels() % m.memoryChannels() == 0,
                "feature_channels must be a multiple of memory_channels");
        require(file, m.maskSize() == 4 * m.gridH() && m.gridH() == m.gridW(), "mask_size must be 4 x a square feature_grid");
        require(file, m.numMaskmem() >= 1 && m.maxObjPtrs() >= 2, "num_maskmem must be >= 1 and max_obj_ptrs >= 2");
        require(file, m.graphs() != null, "graphs is missing");
        for (String g : m.graphNames()) {
            GraphSpec spec = m.graphs().get(g);
            require(file, spec != null && spec.file() != null && spec.sha256() != null && spec.inputs() != null
                    && spec.outputs() != null, "graph '" + g + "' needs file, sha256, inputs and outputs");
        }
        require(file, m.hostTensors() != null && m.hostTensors().file() != null, "host_tensors is missing");
        return m;
    }

    private static void require(Path file, boolean ok, String what) {
        if (!ok) {
            throw new ModelException(file + ": " + what);
        }
    }

    /** The manifest's declarations must be exactly the contract for its own sizes. */
    private static void checkContract(Path dir, ModelManifest m) {
        Path file = dir.resolve("manifest.json");
        Map<String, GraphSpec> expected = ModelContract.expected(m);
        for (String g : m.graphNames()) {
            GraphSpec declared = m.graphs().get(g);
            GraphSpec want = expected.get(g);
            compareDeclared(file, g, "input", declared.inputs(), want.inputs());
            compareDeclared(file, g, "output", declared.outputs(), want.outputs());
        }
    }

    private static void compareDeclared(Path file, String graph, String kind, List<TensorSpec> declared, List<TensorSpec> want) {
        for (TensorSpec w : want) {
            TensorSpec d = declared.stream().filter(t -> t.name().equals(w.name())).findFirst().orElse(null);
            if (d == null) {
                throw new ModelException(file + " does not declare " + graph + " " + kind + " '" + w.name() + "'");
            }
            if (!Arrays.equals(d.ortShape(), w.ortShape())) {
                throw new ModelException(file + " declares " + graph + " " + kind + " '" + w.name() + "' as "
                        + d.shapeText() + " but the model's sizes require " + w.shapeText());
            }
            if (!"float32".equals(d.dtype())) {
                throw new ModelException(file + " declares " + graph + " " + kind + " '" + w.name() + "' as "
                        + d.dtype() + ", the contract needs float32");
            }
        }
        if (declared.size() != want.size()) {
            throw new ModelException(file + " declares " + declared.size() + " " + graph + " " + kind + "s, the contract has "
                    + want.size());
        }
    }

    private static void checkGraph(Path file, OrtSession session, GraphSpec want) throws OrtException {
        compareReal(file, "input", session.getInputInfo(), want.inputs());
        compareReal(file, "output", session.getOutputInfo(), want.outputs());
    }

    private static void compareReal(Path file, String kind, Map<String, NodeInfo> real, List<TensorSpec> want) {
        for (TensorSpec w : want) {
            NodeInfo info = real.get(w.name());
            if (info == null) {
                throw new ModelException(file + " has no " + kind + " '" + w.name() + "' (it has " + real.keySet() + ")");
            }
            if (!(info.getInfo() instanceof TensorInfo ti)) {
                throw new ModelException(file + " " + kind + " '" + w.name() + "' is not a tensor");
            }
            if (ti.type != OnnxJavaType.FLOAT) {
                throw new ModelException(file + " " + kind + " '" + w.name() + "' has dtype " + ti.type
                        + ", manifest.json says float32");
            }
            long[] shape = ti.getShape();
            if (!Arrays.equals(shape, w.ortShape())) {
                throw new ModelException(file + " " + kind + " '" + w.name() + "' has shape "
                        + Arrays.toString(shape).replace(" ", "").replace("-1", "?") + ", manifest.json says " + w.shapeText());
            }
        }
        if (real.size() != want.size()) {
            List<String> extra = new ArrayList<>(real.keySet());
            want.forEach(t -> extra.remove(t.name()));
            throw new ModelException(file + " has " + kind + "s the contract does not know: " + extra);
        }
    }

    static void checkFile(Path file, String sha256) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException(file + " is missing");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ModelException(file + " is empty (0 bytes)");
            }
            String actual = sha256(file);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new ModelException(file + " has SHA-256 " + actual + " but manifest.json says " + sha256
                        + ": the file is corrupt, truncated or belongs to another model");
            }
        } catch (IOException e) {
            throw new ModelException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HostTensors readHostTensors(Path dir, ModelManifest m) {
        Path file = dir.resolve(m.hostTensors().file());
        checkFile(file, m.hostTensors().sha256());
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        int c = m.memoryChannels();
        int d = m.featureChannels();
        float[] tpos = tensor(file, root, "maskmem_tpos_enc", m.numMaskmem(), c);
        float[] noMem = tensor(file, root, "no_mem_embed", d);
        float[] w = tensor(file, root, "obj_ptr_tpos_proj_weight", c, d);
        float[] b = tensor(file, root, "obj_ptr_tpos_proj_bias", c);
        return new HostTensors(rows(tpos, m.numMaskmem(), c), noMem, rows(w, c, d), b);
    }

    private static float[] tensor(Path file, JsonNode root, String name, int... shape) {
        JsonNode t = root.get(name);
        if (t == null) {
            throw new ModelException(file + " lacks the tensor '" + name + "'");
        }
        int[] declared = JSON.convertValue(t.get("shape"), int[].class);
        if (!Arrays.equals(declared, shape)) {
            throw new ModelException(file + " tensor '" + name + "' has shape " + Arrays.toString(declared)
                    + ", the model's sizes require " + Arrays.toString(shape));
        }
        float[] data = JSON.convertValue(t.get("data"), float[].class);
        int n = Arrays.stream(shape).reduce(1, (a, x) -> a * x);
        if (data == null || data.length != n) {
            throw new ModelException(file + " tensor '" + name + "' has " + (data == null ? 0 : data.length)
                    + " values, expected " + n);
        }
        return data;
    }

    private static float[][] rows(float[] flat, int r, int c) {
        float[][] out = new float[r][];
        for (int i = 0; i < r; i++) {
            out[i] = Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        }
        return out;
    }
}
