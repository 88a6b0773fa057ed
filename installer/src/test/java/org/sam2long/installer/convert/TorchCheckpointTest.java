package org.sam2long.installer.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.installer.testing.TorchCheckpointWriter;
import org.sam2long.installer.util.InstallerException;

/** Reading checkpoints written in torch.save's format by the test (random tensors under official SAM 2.1 key names). */
class TorchCheckpointTest {
    @TempDir
    Path tmp;

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void readsNamesShapesDtypesAndValuesOfTheStateDict() throws Exception {
        float[] pos = random(96 * 7 * 7, 1);
        float[] maskmem = random(7 * 64, 2);
        float[] half = {0.5f, -1.25f, 3f, 1024f};
        float[] bf = {1f, -2f, 0.5f, 8f};
        Path file = new TorchCheckpointWriter()
                .tensor("image_encoder.trunk.pos_embed", "float32", new long[] {1, 96, 7, 7}, pos)
                .tensor("maskmem_tpos_enc", "float32", new long[] {7, 1, 1, 64}, maskmem)
                .tensor("no_mem_embed.half", "float16", new long[] {4}, half)
                .tensor("obj_ptr_proj.bf16", "bfloat16", new long[] {2, 2}, bf)
                .view("obj_ptr_proj.bf16_t", "bfloat16", new long[] {2, 2}, new long[] {1, 2}, 0, "3")   // transposed view
                .view("maskmem_tpos_enc.row3", "float32", new long[] {64}, new long[] {1}, 3 * 64, "1")  // offset view
                .write(tmp.resolve("sam2.1_hiera_tiny.pt"));

        try (TorchCheckpoint ck = TorchCheckpoint.open(file)) {
            // Pyrolite's SETITEMS does not keep insertion order; checks follow the expected table's order instead
            assertEquals(java.util.Set.of("image_encoder.trunk.pos_embed", "maskmem_tpos_enc", "no_mem_embed.half", "obj_ptr_proj.bf16",
                    "obj_ptr_proj.bf16_t", "maskmem_tpos_enc.row3"), ck.tensors().keySet());
            assertEquals("image_encoder.trunk.pos_embed float32[1, 96, 7, 7]", ck.tensors().get("image_encoder.trunk.pos_embed").toString());
            assertArrayEquals(pos, ck.floats("image_encoder.trunk.pos_embed"));
            assertArrayEquals(half, ck.floats("no_mem_embed.half"));
            assertArrayEquals(bf, ck.floats("obj_ptr_proj.bf16"));
            assertArrayEquals(new float[] {1f, 0.5f, -2f, 8f}, ck.floats("obj_ptr_proj.bf16_t"));
            float[] row3 = new float[64];
            System.arraycopy(maskmem, 3 * 64, row3, 0, 64);
            assertArrayEquals(row3, ck.floats("maskmem_tpos_enc.row3"));
        }
    }

    @Test
    void theFirstMissingOrMisshapedTensorIsNamed() throws Exception {
        Path file = new TorchCheckpointWriter()
                .tensor("image_encoder.trunk.patch_embed.proj.weight", "float32", new long[] {96, 3, 7, 7}, random(96 * 3 * 49, 3))
                .tensor("image_encoder.trunk.patch_embed.proj.bias", "float32", new long[] {95}, random(95, 4))
                .write(tmp.resolve("bad.pt"));
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("image_encoder.trunk.patch_embed.proj.weight", new long[] {96, 3, 7, 7});
        expected.put("image_encoder.trunk.patch_embed.proj.bias", new long[] {96});
        expected.put("memory_attention.layers.0.self_attn.q_proj.weight", new long[] {256, 256});
        try (TorchCheckpoint ck = TorchCheckpoint.open(file)) {
            InstallerException e = assertThrows(InstallerException.class, () -> ck.check(expected));
            assertEquals("the checkpoint " + file + ": tensor 'image_encoder.trunk.patch_embed.proj.bias' has shape [95], expected [96]"
                    + " (wrong model size or a damaged checkpoint)", e.getMessage());
            expected.remove("image_encoder.trunk.patch_embed.proj.bias");
            e = assertThrows(InstallerException.class, () -> ck.check(expected));
            assertTrue(e.getMessage().contains("lacks tensor 'memory_attention.layers.0.self_attn.q_proj.weight' (expected shape [256, 256])"), e.getMessage());
        }
    }

    @Test
    void filesThatAreNotCheckpointsGetOneSentence() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.pt"), "not a zip");
        assertTrue(assertThrows(InstallerException.class, () -> TorchCheckpoint.open(junk)).getMessage()
                .startsWith("the checkpoint " + junk + " is not a PyTorch zip checkpoint"));

        Path noPickle = tmp.resolve("nopickle.pt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(noPickle))) {
            z.putNextEntry(new ZipEntry("archive/version"));
            z.write('3');
        }
        assertTrue(assertThrows(InstallerException.class, () -> TorchCheckpoint.open(noPickle)).getMessage().contains("holds no <folder>/data.pkl"));

        Path truncated = tmp.resolve("truncated.pt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(truncated))) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(new byte[] {(byte) 0x80, 2, '}', 'X', 5, 0, 0, 0, 'm'});
        }
        assertTrue(assertThrows(InstallerException.class, () -> TorchCheckpoint.open(truncated)).getMessage().contains("has a data.pkl that cannot be read"));

    }
    @Test
    void readsARealTorchSaveStateDict() throws Exception {
        // written by torch 1.13's torch.save({"model": model.state_dict()}): an OrderedDict whose
        // _metadata attribute is pickled as a BUILD; shapes from sam2.1_hiera_downscaled.yaml
        // (Hiera embed_dim 16, patch kernel 7, 7 memory slots of 16 channels, d_model 64)
        try (TorchCheckpoint ck = TorchCheckpoint.open(Path.of(getClass().getResource("downscaled.pt").toURI()))) {
            assertArrayEquals(new long[] {16, 3, 7, 7}, ck.tensors().get("image_encoder.trunk.patch_embed.proj.weight").shape());
            assertArrayEquals(new long[] {7, 1, 1, 16}, ck.tensors().get("maskmem_tpos_enc").shape());
            assertArrayEquals(new long[] {1, 1, 64}, ck.tensors().get("no_mem_embed").shape());
            assertEquals("float32", ck.tensors().get("no_mem_embed").dtype());
            assertEquals(64, ck.floats("no_mem_embed").length);
        }
    }
}
