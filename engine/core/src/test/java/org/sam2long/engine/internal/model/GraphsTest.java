package org.sam2long.engine.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;

/** Runs each graph of the bundled demo model on meaningful inputs and checks what comes out. */
class GraphsTest {
    private static LoadedModel model;
    private static Map<String, FloatTensor> feats;

    /** A 256x256 normalised image: dark background with a red square at [96,160). */
    private static FloatTensor image(ModelManifest m) {
        int s = m.imageSize();
        float[] img = new float[3 * s * s];
        float[] red = {0.86f, 0.16f, 0.16f};
        float[] bg = {0.2f, 0.25f, 0.3f};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    boolean in = x >= 96 && x < 160 && y >= 96 && y < 160;
                    img[c * s * s + y * s + x] = ((in ? red[c] : bg[c]) - m.imageMean()[c]) / m.imageStd()[c];
                }
            }
        }
        return FloatTensor.of(img, 1, 3, s, s);
    }

    @BeforeAll
    static void load() {
        model = LoadedModel.of(Sam2Model.loadBundled(BundledModels.DEMO, RuntimeSettings.defaults()));
        feats = model.imageEncoder().run(Map.of("image", image(model.manifest())));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Map<String, FloatTensor> decode(float[] conditioned, float[] coords, float[] labels) {
        ModelManifest m = model.manifest();
        int mk = m.maskSize();
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("conditioned", FloatTensor.of(conditioned, 1, m.featureChannels(), m.gridH(), m.gridW()));
        in.put("high_res_0", feats.get("high_res_0"));
        in.put("high_res_1", feats.get("high_res_1"));
        in.put("point_coords", FloatTensor.of(coords, 1, labels.length, 2));
        in.put("point_labels", FloatTensor.of(labels, 1, labels.length));
        in.put("mask_input", FloatTensor.of(new float[mk * mk], 1, 1, mk, mk));
        in.put("has_mask_input", FloatTensor.of(new float[1], 1, 1));
        return model.maskDecoder().run(in);
    }

    private static Map<String, FloatTensor> encodeMemory(float inside, float outside, float score) {
        int s = model.manifest().imageSize();
        float[] mask = new float[s * s];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                mask[y * s + x] = x >= 96 && x < 160 && y >= 96 && y < 160 ? inside : outside;
            }
        }
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("features", feats.get("features"));
        in.put("mask_for_memory", FloatTensor.of(mask, 1, 1, s, s));
        in.put("object_score", FloatTensor.of(new float[] {score}, 1, 1));
        return model.memoryEncoder().run(in);
    }

    @Test
    void imageEncoderShapesFollowTheManifest() {
        assertArrayEquals(new long[] {1, 16, 16, 16}, feats.get("features").shape());
        assertArrayEquals(new long[] {1, 4, 64, 64}, feats.get("high_res_0").shape());
        assertArrayEquals(new long[] {1, 4, 32, 32}, feats.get("high_res_1").shape());
        float[] f = feats.get("features").data();
        // channel 0 (red) is high inside the square (token 7,7) and low outside (token 0,0)
        assertTrue(f[7 * 16 + 7] > 0.8f && f[0] < 0.3f, "red channel " + f[7 * 16 + 7] + " / " + f[0]);
    }

    @Test
    void clickOnTheSquareSegmentsIt() {
        float[] noMem = new float[16 * 256];
        System.arraycopy(feats.get("features").data(), 0, noMem, 0, noMem.length);
        Map<String, FloatTensor> out = decode(noMem, new float[] {128, 128}, new float[] {1});
        float[] masks = out.get("mask_logits").data();
        int mk = 64;
        int best = 1;
        for (int j = 2; j <= 3; j++) {
            if (out.get("iou").data()[j] > out.get("iou").data()[best]) {
                best = j;
            }
        }
        int inside = 0;
        int outside = 0;
        for (int y = 0; y < mk; y++) {
            for (int x = 0; x < mk; x++) {
                boolean truth = x >= 24 && x < 40 && y >= 24 && y < 40;
                boolean pred = masks[best * mk * mk + y * mk + x] > 0;
                if (pred && truth) {
                    inside++;
                } else if (pred) {
                    outside++;
                }
            }
        }
        assertTrue(inside >= 16 * 16 - 8 && outside <= 8, "inside " + inside + " outside " + outside);
        assertTrue(out.get("object_score").data()[0] > 2, "present");
    }

    @Test
    void memoryEncoderOutputDependsOnTheMaskAndPresence() {
        float[] object = encodeMemory(10, -10, 5).get("memory").data();
        float[] empty = encodeMemory(-10, -10, 5).get("memory").data();
        float[] absent = encodeMemory(10, -10, -5).get("memory").data();
        assertTrue(!Arrays.equals(object, empty), "the mask changes the memory");
        // an empty mask of a present object says "all background here"; an absent object adds the
        // no-object embedding (channel 15, +1) so that attention all but ignores the frame
        int hw = 16 * 16;
        assertArrayEquals(Arrays.copyOf(empty, 15 * hw), Arrays.copyOf(absent, 15 * hw), "channels 0-14");
        for (int i = 15 * hw; i < 16 * hw; i++) {
            assertEquals(empty[i] + 1f, absent[i], 1e-6, "no-object embedding at " + i);
        }
    }

    @Test
    void memoryAttentionFindsTheObjectAndKeyScalesMatter() {
        Map<String, FloatTensor> mem = encodeMemory(10, -10, 5);
        int hw = 256;
        int c = 16;
        float[] tokens = new float[hw * c];
        float[] pos = new float[hw * c];
        float[] m = mem.get("memory").data();
        float[] p = mem.get("memory_pos").data();
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < hw; t++) {
                tokens[t * c + ch] = m[ch * hw + t];
                pos[t * c + ch] = p[ch * hw + t];
            }
        }
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("features", feats.get("features"));
        in.put("feature_pos", feats.get("feature_pos"));
        in.put("memory", FloatTensor.of(tokens, 1, hw, c));
        in.put("memory_pos", FloatTensor.of(pos, 1, hw, c));
        in.put("pointers", FloatTensor.of(new float[c], 1, 1, c));
        in.put("pointer_pos", FloatTensor.of(new float[c], 1, 1, c));
        float[] ones = new float[hw];
        Arrays.fill(ones, 1f);
        in.put("memory_key_scale", FloatTensor.of(ones, 1, hw));
        in.put("pointer_key_scale", FloatTensor.of(new float[] {1f}, 1, 1));
        float[] cond = model.memoryAttention().run(in).get("conditioned").data();
        // channel 3 is the attended foreground probability: high on the square, low outside
        assertTrue(cond[3 * hw + 7 * 16 + 7] > 0.9f && cond[3 * hw] < 0.1f,
                "fg " + cond[3 * hw + 7 * 16 + 7] + " / " + cond[3 * hw]);
        float[] half = ones.clone();
        Arrays.fill(half, 0, hw / 2, 0.9f);
        in.put("memory_key_scale", FloatTensor.of(half, 1, hw));
        float[] scaled = model.memoryAttention().run(in).get("conditioned").data();
        assertTrue(!Arrays.equals(cond, scaled), "key scales change the output");
        Map<String, FloatTensor> dec = decode(cond, new float[] {0, 0}, new float[] {-1});
        assertEquals(4, dec.get("iou").shape()[1]);
        assertTrue(dec.get("object_score").data()[0] > 2, "tracked object present");
    }
}
