package org.sam2long.engine.internal.matte;

import java.util.stream.IntStream;

/**
 * The previous, plainer {@link Feather}, kept as the oracle of FastCleanupEquivalenceTest (kernel and border rule shared with Feather).
 *
 * <p>Feather: a Gaussian blur of the alpha with sigma = pixels / 2 (so about 95 % of the softening
 * lies within {@code pixels} of the edge) and a kernel of 2·ceil(3 sigma) + 1 taps, mirrored at
 * the frame edge without repeating the edge pixel ({@code dcb|abcd|cba}, OpenCV's BORDER_REFLECT_101),
 * which keeps the total alpha nearly unchanged.
 *
 * <p>Pure Java, so the clean-up runs where the OpenCV natives are not shipped (the OpenFX bundle).
 * It computes what {@code cv::GaussianBlur(src, dst, Size(taps, taps), sigma, sigma,
 * BORDER_REFLECT_101)} computes on a 32-bit float image: the same kernel (taps
 * exp(-x²/(2 sigma²)) for x = i - (taps-1)/2, normalised in double, then rounded to float),
 * applied separably, rows first, then columns (float sums, as OpenCV; results within 1e-5 of it,
 * checked by {@code FeatherTest}). Rows are processed in parallel on the common fork-join pool;
 * the result does not depend on the number of threads.
 */
final class ReferenceFeather {
    /** Images at least this large are blurred on several threads (same values either way). */
    private static final int PARALLEL_PIXELS = 1 << 16;

    private ReferenceFeather() {}

    /** {@code a} (w x h, row-major) blurred; a new array. */
    static float[] blur(float[] a, int w, int h, double pixels) {
        if (a.length != w * h) {
            throw new IllegalArgumentException("alpha holds " + a.length + " values, expected " + w + "x" + h);
        }
        float[] kernel = Feather.kernel(pixels / 2.0);
        int r = kernel.length / 2;
        float[] tmp = new float[a.length];
        float[] out = new float[a.length];
        boolean parallel = a.length >= PARALLEL_PIXELS;
        // OpenCV uses a 1-tap kernel along an axis of length 1; with reflect-101 every tap reads the
        // same pixel there anyway, so only the rounding of the kernel sum would differ.
        if (w > 1) {
            ThreadLocal<float[]> line = ThreadLocal.withInitial(() -> new float[w + 2 * r]);
            rows(h, parallel).forEach(y -> horizontal(a, tmp, y * w, w, kernel, line.get()));
        } else {
            System.arraycopy(a, 0, tmp, 0, a.length);
        }
        if (h > 1) {
            int[] index = reflectTable(h, r);
            rows(h, parallel).forEach(y -> vertical(tmp, out, y, w, kernel, index));
        } else {
            System.arraycopy(tmp, 0, out, 0, a.length);
        }
        return out;
    }

    private static IntStream rows(int h, boolean parallel) {
        IntStream rows = IntStream.range(0, h);
        return parallel ? rows.parallel() : rows;
    }

    /**
     * One row: padded with its reflection, then the symmetric taps summed in pairs (k[j] (a + b), as
     * OpenCV's symmetric filters do; the inner loops vectorise).
     */
    private static void horizontal(float[] src, float[] dst, int offset, int w, float[] kernel, float[] line) {
        int r = kernel.length / 2;
        System.arraycopy(src, offset, line, r, w);
        for (int i = 0; i < r; i++) {
            line[i] = src[offset + Feather.reflect101(i - r, w)];
            line[r + w + i] = src[offset + Feather.reflect101(w + i, w)];
        }
        float kc = kernel[r];
        for (int x = 0; x < w; x++) {
            dst[offset + x] = kc * line[x + r];
        }
        for (int j = 0; j < r; j++) {
            float kj = kernel[j];
            int far = 2 * r - j;
            for (int x = 0; x < w; x++) {
                dst[offset + x] += kj * (line[x + j] + line[x + far]);
            }
        }
    }

    /** One output row from the reflected neighbouring rows of the row-blurred image. */
    private static void vertical(float[] src, float[] dst, int y, int w, float[] kernel, int[] index) {
        int o = y * w;
        int r = kernel.length / 2;
        int sc = index[y + r] * w;
        float kc = kernel[r];
        for (int x = 0; x < w; x++) {
            dst[o + x] = kc * src[sc + x];
        }
        for (int j = 0; j < r; j++) {
            float kj = kernel[j];
            int near = index[y + j] * w;
            int far = index[y + 2 * r - j] * w;
            for (int x = 0; x < w; x++) {
                dst[o + x] += kj * (src[near + x] + src[far + x]);
            }
        }
    }

    /** index[i] = the row read for padded position i, i.e. Feather.reflect101(i - r, n), for i in [0, n + 2r). */
    private static int[] reflectTable(int n, int r) {
        int[] index = new int[n + 2 * r];
        for (int i = 0; i < index.length; i++) {
            index[i] = Feather.reflect101(i - r, n);
        }
        return index;
    }
}
