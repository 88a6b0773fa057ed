package org.sam2long.installer.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sam2long.installer.util.InstallerException;

/**
 * One model size's four contract graphs (and the optional mask_prompt graph) without their weights, and the table that says how each
 * removed initializer (and each host tensor) is made from checkpoint tensors. Made by
 * {@code engine/tooling/export_sam2/export_sam2.py --weightless}; shipped per official size under
 * {@value #RESOURCES}{@code <name>/} ({@code conversion.json} + {@code <graph>.onnx}).
 *
 * <p>Every weight initializer is a flat concatenation of checkpoint tensors, each optionally permuted
 * (torch's constant folding stores {@code W^T} for Linear layers on 3-D inputs, reshapes 1-D
 * parameters and concatenates the mask decoder's output tokens); see the exporter's
 * {@code weightless.py} for what was found and how the table is proven.
 */
public final class WeightlessGraphs {
    /** Class-path folder holding one sub-folder per model size. */
    public static final String RESOURCES = "org/sam2long/installer/convert/weightless/";
    static final String FORMAT = "sam2long-weightless/1";
    static final List<String> GRAPHS = List.of("image_encoder", "memory_attention", "mask_decoder", "memory_encoder");
    /** Graphs a table may have besides {@link #GRAPHS} (the mask-prompt path; older tables lack it). */
    static final List<String> OPTIONAL_GRAPHS = List.of("mask_prompt");

    /** One part of an initializer: a checkpoint tensor, permuted by {@code perm} (null: as stored). */
    public record Part(String key, int[] perm) {}

    /** A tensor to make: its name (initializer name or host tensor name), shape and parts. */
    public record Made(String name, long[] shape, List<Part> parts) {
        public long numel() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final String name;
    private final String source;
    private final Map<String, long[]> checkpoint;
    private final Map<String, List<Made>> initializers;
    private final Map<String, byte[]> structure;
    private final List<Made> hostTensors;
    private final ObjectNode manifest;

    private WeightlessGraphs(String name, String source, Map<String, long[]> checkpoint, Map<String, List<Made>> initializers,
                             Map<String, byte[]> structure, List<Made> hostTensors, ObjectNode manifest) {
        this.name = name;
        this.source = source;
        this.checkpoint = checkpoint;
        this.initializers = initializers;
        this.structure = structure;
        this.hostTensors = hostTensors;
        this.manifest = manifest;
    }

    /** The shipped graphs for a model name (e.g. {@code sam2.1_hiera_tiny}), if this build has them. */
    public static Optional<WeightlessGraphs> forName(String modelName) {
        if (modelName == null || modelName.contains("/") || modelName.contains("..")) {
            return Optional.empty();
        }
        String base = RESOURCES + modelName + "/";
        ClassLoader cl = WeightlessGraphs.class.getClassLoader();
        if (cl.getResource(base + "conversion.json") == null) {
            return Optional.empty();
        }
        return Optional.of(read(base, f -> cl.getResourceAsStream(base + f)));
    }

    /** Graphs and table from a folder (as the exporter writes it). */
    public static WeightlessGraphs fromFolder(Path dir) {
        if (!Files.isRegularFile(dir.resolve("conversion.json"))) {
            throw new InstallerException("the folder " + dir + " holds no conversion.json (weightless graphs from export_sam2.py --weightless)");
        }
        return read(dir.toString(), f -> {
            try {
                return Files.newInputStream(dir.resolve(f));
            } catch (IOException e) {
                return null;
            }
        });
    }

    private interface Opener {
        InputStream open(String file);
    }

    private static WeightlessGraphs read(String where, Opener opener) {
        JsonNode t;
        try (InputStream in = opener.open("conversion.json")) {
            t = new ObjectMapper().readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new InstallerException("cannot read the weightless graphs' conversion.json in " + where + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(t.path("format").asText())) {
            throw new InstallerException(where + "conversion.json: field 'format' must be '" + FORMAT + "'");
        }
        Map<String, long[]> checkpoint = new LinkedHashMap<>();
        t.path("checkpoint").fields().forEachRemaining(e -> checkpoint.put(e.getKey(), longs(e.getValue())));
        Map<String, List<Made>> inits = new LinkedHashMap<>();
        Map<String, byte[]> structure = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(GRAPHS);
        OPTIONAL_GRAPHS.stream().filter(g -> !t.path("graphs").path(g).isMissingNode()).forEach(names::add);
        for (String g : names) {
            JsonNode graph = t.path("graphs").path(g);
            if (graph.isMissingNode()) {
                throw new InstallerException(where + "conversion.json: field 'graphs." + g + "' is missing");
            }
            List<Made> list = new ArrayList<>();
            for (JsonNode i : graph.path("initializers")) {
                list.add(made(i.path("name").asText(), i));
            }
            inits.put(g, List.copyOf(list));
            String file = graph.path("file").asText(g + ".onnx");
            try (InputStream in = opener.open(file)) {
                if (in == null) {
                    throw new InstallerException("the weightless graphs in " + where + " lack " + file);
                }
                structure.put(g, in.readAllBytes());
            } catch (IOException e) {
                throw new InstallerException("cannot read " + where + file + ": " + e.getMessage(), e);
            }
        }
        List<Made> host = new ArrayList<>();
        t.path("host_tensors").fields().forEachRemaining(e -> host.add(made(e.getKey(), e.getValue())));
        if (!(t.path("manifest") instanceof ObjectNode manifest)) {
            throw new InstallerException(where + "conversion.json: field 'manifest' is missing");
        }
        return new WeightlessGraphs(t.path("name").asText(), where, checkpoint, inits, structure, List.copyOf(host), manifest);
    }

    private static Made made(String name, JsonNode n) {
        List<Part> parts = new ArrayList<>();
        for (JsonNode p : n.path("parts")) {
            JsonNode perm = p.path("perm");
            int[] axes = null;
            if (perm.isArray()) {
                axes = new int[perm.size()];
                for (int i = 0; i < axes.length; i++) {
                    axes[i] = perm.get(i).asInt();
                }
            }
            parts.add(new Part(p.path("key").asText(), axes));
        }
        return new Made(name, longs(n.path("shape")), List.copyOf(parts));
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    /** The model size these graphs are, e.g. {@code sam2.1_hiera_tiny}. */
    public String name() {
        return name;
    }

    /** Where the graphs were read from (class-path folder or directory). */
    public String source() {
        return source;
    }

    /** Every checkpoint tensor the conversion reads, with its shape, in state-dict order. */
    public Map<String, long[]> checkpointTensors() {
        return checkpoint;
    }

    /** The graphs these weightless graphs make: the four required ones, then the optional ones present. */
    public List<String> graphNames() {
        return List.copyOf(initializers.keySet());
    }

    List<Made> initializers(String graph) {
        return initializers.get(graph);
    }

    byte[] structure(String graph) {
        return structure.get(graph);
    }

    List<Made> hostTensors() {
        return hostTensors;
    }

    /** A fresh copy of the manifest template (sha256 fields empty). */
    ObjectNode manifestTemplate() {
        return manifest.deepCopy();
    }
}
