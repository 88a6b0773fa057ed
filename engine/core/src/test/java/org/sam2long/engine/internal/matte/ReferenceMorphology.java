package org.sam2long.engine.internal.matte;

import java.util.stream.IntStream;

/**
 * The previous, plainer {@link Morphology}, kept as the oracle of FastCleanupEquivalenceTest.
 *
 * <p>Grey-level grow (dilate) and shrink (erode) by a Euclidean disc: the structuring element of
 * radius r holds every offset (dx, dy) with dx² + dy² <= r². Works on soft alpha (max/min filter).
 * Pixels outside the image never contribute, so shrinking does not eat in from the frame edge.
 * Cost is O(pixels x r): the disc is split into rows, each a running maximum (van Herk/Gil-Werman);
 * rows are processed in parallel on the common fork-join pool.
 */
final class ReferenceMorphology {
    private ReferenceMorphology() {}

    /** {@code a} grown by {@code pixels} (> 0) or shrunk by {@code -pixels} (< 0); a new array. */
    static float[] grow(float[] a, int w, int h, int pixels) {
        if (pixels == 0) {
            return a.clone();
        }
        if (pixels > 0) {
            return dilate(a, w, h, pixels);
        }
        float[] neg = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            neg[i] = -a[i];
        }
        float[] out = dilate(neg, w, h, -pixels);
        for (int i = 0; i < out.length; i++) {
            out[i] = -out[i];
        }
        return out;
    }

    private static float[] dilate(float[] a, int w, int h, int r) {
        float[] out = new float[a.length];
        java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
        float[] rowMax = new float[a.length];
        int[] halfWidth = new int[r + 1];
        for (int dy = 0; dy <= r; dy++) {
            halfWidth[dy] = (int) Math.floor(Math.sqrt((double) r * r - (double) dy * dy));
        }
        ThreadLocal<RunningMax> running = ThreadLocal.withInitial(() -> new RunningMax(w, r));
        for (int dy = 0; dy <= r; dy++) {
            int k = halfWidth[dy];
            if (dy == 0 || k != halfWidth[dy - 1]) {
                IntStream.range(0, h).parallel().forEach(y -> running.get().apply(a, y * w, rowMax, k));
            }
            int d = dy;
            IntStream.range(0, h).parallel().forEach(y -> accumulate(out, rowMax, w, h, y, d));
        }
        return out;
    }

    /** out[y] = max(out[y], rowMax[y - dy], rowMax[y + dy]) over the rows inside the image. */
    private static void accumulate(float[] out, float[] rowMax, int w, int h, int y, int dy) {
        int o = y * w;
        for (int s = dy == 0 ? 1 : -1; s <= 1; s += 2) {
            int sy = y + s * dy;
            if (sy < 0 || sy >= h) {
                continue;
            }
            int so = sy * w;
            for (int x = 0; x < w; x++) {
                if (rowMax[so + x] > out[o + x]) {
                    out[o + x] = rowMax[so + x];
                }
            }
        }
    }

    /** Maximum over [x-k, x+k] along one row, in O(width) whatever k. */
    private static final class RunningMax {
        private final float[] padded;
        private final float[] prefix;
        private final float[] suffix;
        private final int w;

        RunningMax(int w, int maxK) {
            this.w = w;
            int n = w + 2 * maxK;
            padded = new float[n];
            prefix = new float[n];
            suffix = new float[n];
        }

        void apply(float[] src, int offset, float[] dst, int k) {
            if (k == 0) {
                System.arraycopy(src, offset, dst, offset, w);
                return;
            }
            int n = w + 2 * k;
            int len = 2 * k + 1;
            java.util.Arrays.fill(padded, 0, k, Float.NEGATIVE_INFINITY);
            System.arraycopy(src, offset, padded, k, w);
            java.util.Arrays.fill(padded, k + w, n, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                prefix[i] = i % len == 0 ? padded[i] : Math.max(prefix[i - 1], padded[i]);
            }
            for (int i = n - 1; i >= 0; i--) {
                suffix[i] = i == n - 1 || (i + 1) % len == 0 ? padded[i] : Math.max(suffix[i + 1], padded[i]);
            }
            for (int x = 0; x < w; x++) {
                dst[offset + x] = Math.max(suffix[x], prefix[x + 2 * k]);
            }
        }
    }
}
