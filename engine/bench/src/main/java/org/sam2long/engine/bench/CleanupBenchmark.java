package org.sam2long.engine.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.MatteCleanup;
import org.sam2long.engine.matte.Resample;

/**
 * Post-processing cost at output resolution: matte upsampling from the model's 256x256 logits and
 * each clean-up step alone, then a typical chain, on a disc matte with speckle. Prints ms per matte
 * (median of the timed runs). {@code java -cp engine.jar org.sam2long.engine.bench.CleanupBenchmark [W H]}
 * (default: 1920x1080, then 3840x2160).
 */
public final class CleanupBenchmark {
    private CleanupBenchmark() {}

    /** Median ms per matte for each step at {@code w x h}, in a stable order. */
    public static Map<String, Double> measure(int w, int h, int runs) {
        int m = 256;
        float[] low = new float[m * m];
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                double d = Math.hypot(x - 128, y - 120);
                low[y * m + x] = (float) ((60 - d) * 0.5 + ((x * 7 + y * 13) % 17 == 0 ? -30 : 0));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        float[][] logits = new float[1][];
        out.put("upsample 256 -> output", median(runs, () -> logits[0] = Resample.bilinear(low, m, m, w, h)));
        Map<String, CleanupSettings> steps = new LinkedHashMap<>();
        steps.put("hard matte only", CleanupSettings.none());
        steps.put("soft alpha", new CleanupSettings(true, 1, 0, 0, 0, 0, 0, 0));
        steps.put("fill holes <= 64 px", new CleanupSettings(false, 1, 0, 64, 0, 0, 0, 0));
        steps.put("remove islands <= 64 px", new CleanupSettings(false, 1, 0, 0, 64, 0, 0, 0));
        steps.put("grow 2 px", new CleanupSettings(false, 1, 0, 0, 0, 2, 0, 0));
        steps.put("grow 8 px", new CleanupSettings(false, 1, 0, 0, 0, 8, 0, 0));
        steps.put("feather 3 px", new CleanupSettings(false, 1, 0, 0, 0, 0, 3, 0));
        steps.put("typical: soft, holes 64, islands 64, grow 2, feather 3", new CleanupSettings(true, 1, 0, 64, 64, 2, 3, 0));
        for (Map.Entry<String, CleanupSettings> e : steps.entrySet()) {
            MatteCleanup c = new MatteCleanup(e.getValue());
            out.put(e.getKey(), median(runs, () -> c.apply(logits[0], w, h)));
        }
        return out;
    }

    private static double median(int runs, Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[runs / 2];
    }

    public static void main(String[] args) {
        int[][] sizes = args.length == 2 ? new int[][] {{Integer.parseInt(args[0]), Integer.parseInt(args[1])}}
                : new int[][] {{1920, 1080}, {3840, 2160}};
        for (int[] s : sizes) {
            System.out.printf("post-processing per matte at %dx%d, %d cores (median ms)%n", s[0], s[1],
                    Runtime.getRuntime().availableProcessors());
            measure(s[0], s[1], 11).forEach((k, v) -> System.out.printf("  %-55s %8.1f%n", k, v));
        }
    }
}
