package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.internal.model.FloatTensor;
import org.sam2long.engine.internal.model.LoadedModel;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.internal.model.OnnxGraph;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.tree.TreeSettings;

/**
 * Query-tiled attention (issue 19): {@code reference/model-tiled} is the downscaled official SAM 2.1
 * of {@link ReferenceTraceTest} exported from the same checkpoint with {@code export_sam2.py
 * --attention-tile 64} (every attention over more than 64 queries computed 64 queries at a time,
 * so no queries x keys score matrix is alive in full); {@code reference/model} is the full-matrix
 * export ({@code --attention-tile 0}, byte-identical to the exporter's output before the option).
 * The tiled graphs must give the full graphs' outputs within 1e-5 on identical inputs, and the
 * tiled model must still match the official predictor's trace. No torch is needed.
 */
class TiledAttentionTest {
    private static final double MAX_DIFF = 1e-5;

    private static LoadedModel full;
    private static LoadedModel tiled;

    @BeforeAll
    static void load() {
        RuntimeSettings cpu = new RuntimeSettings(RuntimeSettings.Provider.CPU, 2, 1);
        full = LoadedModel.of(Sam2Model.load(ReferenceTraceTest.resource("model"), cpu));
        tiled = LoadedModel.of(Sam2Model.load(ReferenceTraceTest.resource("model-tiled"), cpu));
    }

    @AfterAll
    static void close() {
        if (full != null) {
            full.close();
        }
        if (tiled != null) {
            tiled.close();
        }
    }

    @Test
    void manifestsRecordTheAttentionAndTheEngineAcceptsBoth() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("query-tiled/64", json.readTree(Files.readString(
                ReferenceTraceTest.resource("model-tiled").resolve("manifest.json"))).get("attention").asText());
        // the untiled export predates the key: absent means "full"
        assertTrue(json.readTree(Files.readString(
                ReferenceTraceTest.resource("model").resolve("manifest.json"))).get("attention") == null);
        assertEquals(full.manifest().gridTokens(), tiled.manifest().gridTokens());
    }

    @Test
    void tiledGraphsEqualTheFullGraphsOnIdenticalInputs() {
        ModelManifest m = full.manifest();
        Random rnd = new Random(19);
        int d = m.featureChannels();
        int c = m.memoryChannels();
        int h = m.gridH();
        int w = m.gridW();
        int s = m.imageSize();
        int ms = m.maskSize();

        Map<String, FloatTensor> img = Map.of("image", randn(rnd, 1, 3, s, s));
        double encDiff = compare("image_encoder", full.imageEncoder(), tiled.imageEncoder(), img);
        Map<String, FloatTensor> enc = full.imageEncoder().run(img);

        // a full memory bank (num_maskmem frames) and every pointer token, batch of 3 items
        int b = 3;
        int n = m.numMaskmem() * h * w;
        int p = m.maxObjPtrs() * m.tokensPerPointer();
        Map<String, FloatTensor> ma = new LinkedHashMap<>();
        ma.put("features", enc.get("features"));
        ma.put("feature_pos", enc.get("feature_pos"));
        ma.put("memory", randn(rnd, b, n, c));
        ma.put("memory_pos", randn(rnd, b, n, c));
        ma.put("pointers", randn(rnd, b, p, c));
        ma.put("pointer_pos", randn(rnd, b, p, c));
        ma.put("memory_key_scale", uniform(rnd, 0.5f, 1.5f, b, n));
        ma.put("pointer_key_scale", uniform(rnd, 0.5f, 1.5f, b, p));
        double attDiff = compare("memory_attention", full.memoryAttention(), tiled.memoryAttention(), ma);
        FloatTensor conditioned = full.memoryAttention().run(ma).get("conditioned");

        int k = 2;
        float[] coords = new float[b * k * 2];
        float[] labels = new float[b * k];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = rnd.nextFloat() * s;
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        Map<String, FloatTensor> md = new LinkedHashMap<>();
        md.put("conditioned", conditioned);
        md.put("high_res_0", enc.get("high_res_0"));
        md.put("high_res_1", enc.get("high_res_1"));
        md.put("point_coords", FloatTensor.of(coords, b, k, 2));
        md.put("point_labels", FloatTensor.of(labels, b, k));
        md.put("mask_input", randn(rnd, b, 1, ms, ms));
        md.put("has_mask_input", FloatTensor.of(new float[] {1, 0, 1}, b, 1));
        double decDiff = compare("mask_decoder", full.maskDecoder(), tiled.maskDecoder(), md);

        Map<String, FloatTensor> me = new LinkedHashMap<>();
        me.put("features", enc.get("features"));
        me.put("mask_for_memory", randn(rnd, b, 1, s, s));
        me.put("object_score", FloatTensor.of(new float[] {3, -2, 0.5f}, b, 1));
        double memDiff = compare("memory_encoder", full.memoryEncoder(), tiled.memoryEncoder(), me);

        System.out.printf("tiled vs full, max abs diff: image_encoder %.2e, memory_attention (B=%d, N=%d, P=%d) %.2e, "
                + "mask_decoder %.2e, memory_encoder %.2e%n", encDiff, b, n, p, attDiff, decDiff, memDiff);
    }

    /** The tiled model still matches the official SAM 2.1 predictor's trace (ReferenceTraceTest's criteria). */
    @Test
    void tiledModelMatchesTheOfficialPredictorOnEveryFrame() throws Exception {
        ReferenceTraceTest.Comparison c =
                ReferenceTraceTest.compare(tiled, "sam2.1.trace.json", TreeSettings.sam2Baseline());
        c.print("SAM 2.1 (sam2Baseline), query-tiled model, vs official predictor");
        c.assertMatches(false);
    }

    private static double compare(String name, OnnxGraph a, OnnxGraph b, Map<String, FloatTensor> in) {
        Map<String, FloatTensor> x = a.run(in);
        Map<String, FloatTensor> y = b.run(in);
        assertEquals(x.keySet(), y.keySet(), name + " outputs");
        double worst = 0;
        for (String out : x.keySet()) {
            float[] u = x.get(out).data();
            float[] v = y.get(out).data();
            assertEquals(u.length, v.length, name + "." + out + " size");
            double diff = 0;
            for (int i = 0; i < u.length; i++) {
                diff = Math.max(diff, Math.abs(u[i] - v[i]));
            }
            System.out.printf("  %s.%s: max abs diff %.2e%n", name, out, diff);
            assertTrue(diff <= MAX_DIFF, name + "." + out + " differs by " + diff);
            worst = Math.max(worst, diff);
        }
        return worst;
    }

    private static FloatTensor randn(Random rnd, long... shape) {
        float[] v = new float[(int) count(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return FloatTensor.of(v, shape);
    }

    private static FloatTensor uniform(Random rnd, float lo, float hi, long... shape) {
        float[] v = new float[(int) count(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rnd.nextFloat();
        }
        return FloatTensor.of(v, shape);
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long x : shape) {
            n *= x;
        }
        return n;
    }
}
