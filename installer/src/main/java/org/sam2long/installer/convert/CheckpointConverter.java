package org.sam2long.installer.convert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sam2long.installer.util.InstallerException;
import org.sam2long.installer.util.Sha256;

/**
 * Turns an official SAM 2.1 checkpoint into a model folder of the engine's contract without Python:
 * the shipped weightless graphs ({@link WeightlessGraphs}) get the checkpoint's tensors written in
 * as initializers ({@link OnnxInitializers}); {@code host_tensors.json} and {@code manifest.json}
 * are made from the same table. The result equals what {@code export_sam2.py} writes for that
 * checkpoint: the same graphs with the same initializer values.
 */
public final class CheckpointConverter {
    private CheckpointConverter() {}

    /**
     * Writes the four graphs (five with the optional mask_prompt), host_tensors.json and manifest.json into {@code dir} (an empty staging
     * folder the caller renames into place). The checkpoint is checked first: the first missing or
     * misshaped tensor is named in one sentence.
     */
    public static void convert(TorchCheckpoint checkpoint, WeightlessGraphs graphs, Path dir, String modelName,
                               String sourceInfo, Consumer<String> log) throws IOException {
        checkpoint.check(graphs.checkpointTensors());
        ObjectNode manifest = graphs.manifestTemplate();
        for (String g : graphs.graphNames()) {
            Path file = dir.resolve(manifest.path("graphs").path(g).path("file").asText(g + ".onnx"));
            long weights = 0;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                out.write(graphs.structure(g));
                for (WeightlessGraphs.Made m : graphs.initializers(g)) {
                    float[] values = assemble(checkpoint, graphs, m);
                    OnnxInitializers.write(out, m.name(), m.shape(), values);
                    weights += values.length;
                }
            }
            ((ObjectNode) manifest.path("graphs").path(g)).put("sha256", Sha256.of(file));
            log.accept(String.format(Locale.ROOT, "  %s: %d weight tensors, %.1f M parameters written (%.1f MB)", file.getFileName(),
                    graphs.initializers(g).size(), weights / 1e6, Files.size(file) / 1e6));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode host = json.createObjectNode();
        for (WeightlessGraphs.Made m : graphs.hostTensors()) {
            ObjectNode t = host.putObject(m.name());
            ArrayNode shape = t.putArray("shape");
            for (long d : m.shape()) {
                shape.add(d);
            }
            ArrayNode data = t.putArray("data");
            for (float v : assemble(checkpoint, graphs, m)) {
                data.add((double) v);
            }
        }
        Path hostFile = dir.resolve(manifest.path("host_tensors").path("file").asText("host_tensors.json"));
        json.writeValue(hostFile.toFile(), host);
        ((ObjectNode) manifest.path("host_tensors")).put("sha256", Sha256.of(hostFile));
        manifest.put("name", modelName);
        manifest.put("description", "SAM 2 converted in Java from " + sourceInfo + " into the weightless graphs of "
                + graphs.name() + " (" + manifest.path("sam2_config").asText() + ")");
        ObjectNode exported = manifest.get("exported") instanceof ObjectNode o ? o : manifest.putObject("exported");
        exported.put("converted_by", "sam2long models (installer CheckpointConverter)");
        exported.put("converted_from", sourceInfo);
        exported.put("date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("manifest.json").toFile(), manifest);
        log.accept("  host_tensors.json and manifest.json written");
    }

    /** How many of the graphs' checkpoint tensors {@code checkpoint} has with the right shape. */
    public static int matching(TorchCheckpoint checkpoint, WeightlessGraphs graphs) {
        int n = 0;
        for (Map.Entry<String, long[]> e : graphs.checkpointTensors().entrySet()) {
            TorchCheckpoint.Tensor t = checkpoint.tensors().get(e.getKey());
            if (t != null && Arrays.equals(t.shape(), e.getValue())) {
                n++;
            }
        }
        return n;
    }

    static float[] assemble(TorchCheckpoint checkpoint, WeightlessGraphs graphs, WeightlessGraphs.Made m) {
        long numel = m.numel();
        float[] out = new float[Math.toIntExact(numel)];
        int pos = 0;
        for (WeightlessGraphs.Part p : m.parts()) {
            float[] src = checkpoint.floats(p.key());
            if (p.perm() != null) {
                src = permute(src, checkpoint.tensors().get(p.key()).shape(), p.perm());
            }
            if (pos + src.length > out.length) {
                throw inconsistent(graphs, m);
            }
            System.arraycopy(src, 0, out, pos, src.length);
            pos += src.length;
        }
        if (pos != out.length) {
            throw inconsistent(graphs, m);
        }
        return out;
    }

    private static InstallerException inconsistent(WeightlessGraphs graphs, WeightlessGraphs.Made m) {
        return new InstallerException("the weightless graphs " + graphs.source() + " are inconsistent: tensor '" + m.name()
                + "' of shape " + Arrays.toString(m.shape()) + " is not the size of its checkpoint parts");
    }

    /** {@code src} (row-major, {@code shape}) with its axes reordered: output axis i is input axis perm[i]. */
    static float[] permute(float[] src, long[] shape, int[] perm) {
        int rank = shape.length;
        if (perm.length != rank) {
            throw new InstallerException("a permutation of " + perm.length + " axes applied to a tensor of rank " + rank);
        }
        long[] stride = new long[rank];
        long s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            stride[d] = s;
            s *= shape[d];
        }
        long[] outShape = new long[rank];
        long[] outStride = new long[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[perm[i]];
            outStride[i] = stride[perm[i]];
        }
        float[] out = new float[src.length];
        long[] idx = new long[rank];
        long at = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = src[(int) at];
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                at += outStride[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                at -= outStride[d] * idx[d];
                idx[d] = 0;
            }
        }
        return out;
    }
}
