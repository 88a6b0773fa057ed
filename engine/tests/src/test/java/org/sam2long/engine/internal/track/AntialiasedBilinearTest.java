package org.sam2long.engine.internal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.sam2long.engine.track.ReferenceTraceTest;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * {@link AntialiasedBilinear} against PyTorch 1.13's {@code F.interpolate(mode="bilinear",
 * align_corners=False, antialias=True)} on the values in {@code antialias_bilinear.json}
 * (made once by {@code engine/tooling/antialias_resize/make_fixture.py}): binary masks up, down,
 * by 2x and mixed, and a +/-10 logit map by 4x, as the reference's mask-prompt path resizes them.
 */
class AntialiasedBilinearTest {
    @Test
    void matchesPyTorchsAntialiasedBilinearResize() throws Exception {
        JsonNode root;
        try (InputStream in = AntialiasedBilinearTest.class.getResourceAsStream("antialias_bilinear.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int cases = 0;
        for (JsonNode c : root.get("cases")) {
            int w = c.get("width").asInt();
            int h = c.get("height").asInt();
            int ow = c.get("out_width").asInt();
            int oh = c.get("out_height").asInt();
            boolean[] bits = ReferenceTraceTest.bits(c.get("mask_bits").asText(), w * h);
            boolean logits = c.get("input").asText().equals("mask*20-10");
            float[] src = new float[w * h];
            for (int i = 0; i < src.length; i++) {
                src[i] = logits ? (bits[i] ? 10f : -10f) : (bits[i] ? 1f : 0f);
            }
            ByteBuffer bb = ByteBuffer.wrap(ReferenceTraceTest.inflate(c.get("output_f32le").asText()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] want = new float[ow * oh];
            for (int i = 0; i < want.length; i++) {
                want[i] = bb.getFloat();
            }
            float[] got = AntialiasedBilinear.resize(src, w, h, ow, oh);
            double max = 0;
            int half = 0;
            int thresholdDiffers = 0;
            for (int i = 0; i < want.length; i++) {
                max = Math.max(max, Math.abs(got[i] - want[i]));
                half += got[i] >= 0.5f ? 1 : 0;
                thresholdDiffers += (got[i] >= 0.5f) != (want[i] >= 0.5f) ? 1 : 0;
            }
            String name = c.get("name").asText();
            System.out.printf("%-28s max |diff| %.3g%n", name, max);
            assertTrue(max <= (logits ? 2e-6 : 2e-7), name + ": max |diff| " + max);
            assertEquals(0, thresholdDiffers, name + ": pixels on the other side of 0.5");
            assertEquals(c.get("output_at_least_half").asInt(), half, name + ": pixels >= 0.5");
            cases++;
        }
        assertEquals(6, cases);
    }
}
