package org.sam2long.engine.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.ModelException;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;

class ModelLoaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path copyDemo() throws IOException {
        Path src = BundledModels.extract(BundledModels.DEMO);
        Path dst = tmp.resolve("model");
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        return dst;
    }

    private static ModelException fails(Path dir) {
        return assertThrows(ModelException.class, () -> Sam2Model.load(dir, RuntimeSettings.defaults()).close());
    }

    private static void rewriteManifest(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path m = dir.resolve("manifest.json");
        ObjectNode root = (ObjectNode) JSON.readTree(m.toFile());
        edit.accept(root);
        JSON.writerWithDefaultPrettyPrinter().writeValue(m.toFile(), root);
    }

    @Test
    void bundledDemoModelLoadsOnCpu() {
        try (Sam2Model m = Sam2Model.loadBundled(BundledModels.DEMO, RuntimeSettings.defaults())) {
            assertEquals("CPU", m.provider());
            assertEquals(256, m.manifest().imageSize());
            assertEquals(7, LoadedModel.of(m).hostTensors().maskmemTposEnc().length);
        }
    }

    @Test
    void theDemoModelHasNoMaskPromptGraphAndADeclaredOneIsCheckedLikeTheOthers() throws IOException {
        try (Sam2Model m = Sam2Model.loadBundled(BundledModels.DEMO, RuntimeSettings.defaults())) {
            assertTrue(!m.manifest().hasMaskPrompt() && LoadedModel.of(m).maskPrompt() == null);
        }
        Path dir = copyDemo();
        // declared with the mask at the mask size instead of the input size (256)
        rewriteManifest(dir, root -> ((ObjectNode) root.get("graphs")).set("mask_prompt", JSON.valueToTree(java.util.Map.of(
                "file", "mask_prompt.onnx", "sha256", "00".repeat(32),
                "inputs", java.util.List.of(java.util.Map.of("name", "mask", "shape", java.util.List.of("B", 1, 64, 64),
                        "dtype", "float32")),
                "outputs", java.util.List.of(
                        java.util.Map.of("name", "mask_input", "shape", java.util.List.of("B", 1, 64, 64), "dtype", "float32"),
                        java.util.Map.of("name", "no_object_pointer", "shape", java.util.List.of("B", 16), "dtype", "float32"))))));
        ModelException e = fails(dir);
        assertTrue(e.getMessage().contains("declares mask_prompt input 'mask' as [B,1,64,64] but the model's sizes require [B,1,256,256]"),
                e.getMessage());
        // declared right, but the file is not there
        rewriteManifest(dir, root -> ((ArrayNode) root.get("graphs").get("mask_prompt").get("inputs").get(0).get("shape"))
                .removeAll().add("B").add(1).add(256).add(256));
        e = fails(dir);
        assertTrue(e.getMessage().endsWith("mask_prompt.onnx is missing"), e.getMessage());
    }

    @Test
    void missingDirectoryIsNamed() {
        ModelException e = fails(tmp.resolve("nope"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void missingManifestIsNamed() throws IOException {
        Path dir = copyDemo();
        Files.delete(dir.resolve("manifest.json"));
        assertTrue(fails(dir).getMessage().contains("has no manifest.json"));
    }

    @Test
    void missingGraphFileIsNamed() throws IOException {
        Path dir = copyDemo();
        Files.delete(dir.resolve("mask_decoder.onnx"));
        ModelException e = fails(dir);
        assertTrue(e.getMessage().endsWith("mask_decoder.onnx is missing"), e.getMessage());
    }

    @Test
    void wrongChecksumIsNamed() throws IOException {
        Path dir = copyDemo();
        rewriteManifest(dir, root -> ((ObjectNode) root.get("graphs").get("memory_encoder")).put("sha256", "00".repeat(32)));
        ModelException e = fails(dir);
        assertTrue(e.getMessage().contains("memory_encoder.onnx has SHA-256") && e.getMessage().contains("manifest.json says 0000"),
                e.getMessage());
    }

    @Test
    void truncatedGraphIsNamedEvenWithMatchingChecksum() throws IOException {
        Path dir = copyDemo();
        Path g = dir.resolve("memory_attention.onnx");
        byte[] bytes = Files.readAllBytes(g);
        Files.write(g, Arrays.copyOf(bytes, bytes.length / 3));
        String sha = ModelLoader.sha256(g);
        rewriteManifest(dir, root -> ((ObjectNode) root.get("graphs").get("memory_attention")).put("sha256", sha));
        ModelException e = fails(dir);
        assertTrue(e.getMessage().contains("memory_attention.onnx could not be loaded by ONNX Runtime"), e.getMessage());
    }

    @Test
    void truncatedGraphFailsTheChecksumFirst() throws IOException {
        Path dir = copyDemo();
        Path g = dir.resolve("image_encoder.onnx");
        byte[] bytes = Files.readAllBytes(g);
        Files.write(g, Arrays.copyOf(bytes, bytes.length - 10));
        assertTrue(fails(dir).getMessage().contains("corrupt, truncated or belongs to another model"));
    }

    @Test
    void corruptGraphIsNamed() throws IOException {
        Path dir = copyDemo();
        Path g = dir.resolve("image_encoder.onnx");
        Files.writeString(g, "this is not a protobuf at all, just text that claims to be a graph");
        String sha = ModelLoader.sha256(g);
        rewriteManifest(dir, root -> ((ObjectNode) root.get("graphs").get("image_encoder")).put("sha256", sha));
        assertTrue(fails(dir).getMessage().contains("image_encoder.onnx could not be loaded by ONNX Runtime"));
    }

    @Test
    void emptyGraphIsNamed() throws IOException {
        Path dir = copyDemo();
        Files.write(dir.resolve("image_encoder.onnx"), new byte[0]);
        assertTrue(fails(dir).getMessage().endsWith("image_encoder.onnx is empty (0 bytes)"));
    }

    @Test
    void manifestShapeThatContradictsItsSizesIsNamed() throws IOException {
        Path dir = copyDemo();
        rewriteManifest(dir, root -> {
            ObjectNode in = (ObjectNode) root.get("graphs").get("image_encoder").get("inputs").get(0);
            ArrayNode shape = in.putArray("shape");
            shape.add(1).add(3).add(1024).add(1024);
        });
        ModelException e = fails(dir);
        assertTrue(e.getMessage().contains("declares image_encoder input 'image' as [1,3,1024,1024] but the model's sizes require [1,3,256,256]"),
                e.getMessage());
    }

    @Test
    void graphWhoseRealShapeDiffersFromTheManifestIsNamed() throws IOException {
        Path dir = copyDemo();
        // claim a 128 px model: the manifest becomes self-consistent but the real graphs are 256 px
        rewriteManifest(dir, root -> {
            root.put("image_size", 128);
            ObjectNode in = (ObjectNode) root.get("graphs").get("image_encoder").get("inputs").get(0);
            in.putArray("shape").add(1).add(3).add(128).add(128);
            for (var t : root.get("graphs").get("memory_encoder").get("inputs")) {
                if (t.get("name").asText().equals("mask_for_memory")) {
                    ((ObjectNode) t).putArray("shape").add("B").add(1).add(128).add(128);
                }
            }
        });
        ModelException e = fails(dir);
        assertTrue(e.getMessage().contains("image_encoder.onnx input 'image' has shape [1,3,256,256], manifest.json says [1,3,128,128]"),
                e.getMessage());
    }

    @Test
    void wrongDtypeIsNamed() throws IOException {
        Path dir = copyDemo();
        rewriteManifest(dir, root -> ((ObjectNode) root.get("graphs").get("mask_decoder").get("outputs").get(1)).put("dtype", "float16"));
        ModelException e = fails(dir);
        assertTrue(e.getMessage().contains("as float16, the contract needs float32"), e.getMessage());
    }

    @Test
    void invalidJsonIsNamed() throws IOException {
        Path dir = copyDemo();
        Files.writeString(dir.resolve("manifest.json"), "{ \"format\": ");
        assertTrue(fails(dir).getMessage().contains("manifest.json is not a valid model manifest"));
    }

    @Test
    void badHostTensorShapeIsNamed() throws IOException {
        Path dir = copyDemo();
        Path h = dir.resolve("host_tensors.json");
        ObjectNode root = (ObjectNode) JSON.readTree(h.toFile());
        ((ObjectNode) root.get("no_mem_embed")).putArray("shape").add(8);
        JSON.writeValue(h.toFile(), root);
        String sha = ModelLoader.sha256(h);
        rewriteManifest(dir, r -> ((ObjectNode) r.get("host_tensors")).put("sha256", sha));
        assertTrue(fails(dir).getMessage().contains("tensor 'no_mem_embed' has shape [8]"));
    }
}
