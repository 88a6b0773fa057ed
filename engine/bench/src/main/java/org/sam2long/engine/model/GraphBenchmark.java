package org.sam2long.engine.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.sam2long.engine.internal.model.FloatTensor;
import org.sam2long.engine.internal.model.LoadedModel;
import org.sam2long.engine.internal.model.OnnxGraph;

/**
 * Prints milliseconds per call of each graph of a model for a batch size: a benchmark program,
 * not a test. Usage: {@code GraphBenchmark <model dir | sam2long-demo> [batch] [iterations] [threads]}.
 */
public final class GraphBenchmark {
    private GraphBenchmark() {}

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : BundledModels.DEMO;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int iters = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        RuntimeSettings rt = new RuntimeSettings(RuntimeSettings.Provider.AUTO, threads, 0);
        try (Sam2Model m = BundledModels.exists(which) ? Sam2Model.loadBundled(which, rt) : Sam2Model.load(Path.of(which), rt)) {
            Map<String, Double> ms = run(m, batch, iters);
            System.out.printf("model %s on %s, batch %d, %d iterations%n", m.manifest().name(), m.provider(), batch, iters);
            ms.forEach((k, v) -> System.out.printf("  %-17s %9.3f ms/call%n", k, v));
        } catch (ModelException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Mean milliseconds per call of each graph (after one warm-up call) on random inputs. */
    public static Map<String, Double> run(Sam2Model model, int batch, int iterations) {
        LoadedModel m = LoadedModel.of(model);
        ModelManifest mf = m.manifest();
        Random rnd = new Random(1);
        int s = mf.imageSize();
        int d = mf.featureChannels();
        int c = mf.memoryChannels();
        int h = mf.gridH();
        int w = mf.gridW();
        int mk = mf.maskSize();
        int n = mf.numMaskmem() * h * w;
        int p = mf.maxObjPtrs() * mf.tokensPerPointer();
        Map<String, FloatTensor> enc = Map.of("image", FloatTensor.of(random(rnd, 3 * s * s), 1, 3, s, s));
        Map<String, FloatTensor> feats = m.imageEncoder().run(enc);
        Map<String, FloatTensor> att = new LinkedHashMap<>();
        att.put("features", feats.get("features"));
        att.put("feature_pos", feats.get("feature_pos"));
        att.put("memory", FloatTensor.of(random(rnd, batch * n * c), batch, n, c));
        att.put("memory_pos", FloatTensor.of(random(rnd, batch * n * c), batch, n, c));
        att.put("pointers", FloatTensor.of(random(rnd, batch * p * c), batch, p, c));
        att.put("pointer_pos", FloatTensor.of(random(rnd, batch * p * c), batch, p, c));
        att.put("memory_key_scale", FloatTensor.of(ones(batch * n), batch, n));
        att.put("pointer_key_scale", FloatTensor.of(ones(batch * p), batch, p));
        Map<String, FloatTensor> dec = new LinkedHashMap<>();
        dec.put("conditioned", FloatTensor.of(random(rnd, batch * d * h * w), batch, d, h, w));
        dec.put("high_res_0", feats.get("high_res_0"));
        dec.put("high_res_1", feats.get("high_res_1"));
        dec.put("point_coords", FloatTensor.of(new float[batch * 2], batch, 1, 2));
        float[] labels = new float[batch];
        java.util.Arrays.fill(labels, -1f);
        dec.put("point_labels", FloatTensor.of(labels, batch, 1));
        dec.put("mask_input", FloatTensor.of(new float[batch * mk * mk], batch, 1, mk, mk));
        dec.put("has_mask_input", FloatTensor.of(new float[batch], batch, 1));
        Map<String, FloatTensor> mem = new LinkedHashMap<>();
        mem.put("features", feats.get("features"));
        mem.put("mask_for_memory", FloatTensor.of(random(rnd, batch * s * s), batch, 1, s, s));
        mem.put("object_score", FloatTensor.of(ones(batch), batch, 1));
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("image_encoder", time(m.imageEncoder(), enc, iterations));
        out.put("memory_attention", time(m.memoryAttention(), att, iterations));
        out.put("mask_decoder", time(m.maskDecoder(), dec, iterations));
        out.put("memory_encoder", time(m.memoryEncoder(), mem, iterations));
        return out;
    }

    private static double time(OnnxGraph g, Map<String, FloatTensor> in, int iterations) {
        g.run(in);
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            g.run(in);
        }
        return (System.nanoTime() - t0) / 1e6 / iterations;
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }
}
