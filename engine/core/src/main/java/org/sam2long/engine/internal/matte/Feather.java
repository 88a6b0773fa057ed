package org.sam2long.engine.internal.matte;

import java.util.stream.IntStream;

/**
 * Feather: a Gaussian blur of the alpha with sigma = pixels / 2 (so about 95 % of the softening
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
 * the result does not depend on the number of threads. Columns whose taps see only zeros are not
 * computed (they are exactly 0 either way), so a matte that fills part of the frame costs less.
 */
public final class Feather {
    /** Images at least this large are blurred on several threads (same values either way). */
    private static final int PARALLEL_PIXELS = 1 << 16;

    private Feather() {}

    /** {@code a} (w x h, row-major) blurred; a new array. */
    public static float[] blur(float[] a, int w, int h, double pixels) {
        if (a.length != w * h) {
            throw new IllegalArgumentException("alpha holds " + a.length + " values, expected " + w + "x" + h);
        }
        float[] kernel = kernel(pixels / 2.0);
        int r = kernel.length / 2;
        float[] tmp = new float[a.length];
        float[] out = new float[a.length];
        boolean parallel = a.length >= PARALLEL_PIXELS;
        // OpenCV uses a 1-tap kernel along an axis of length 1; with reflect-101 every tap reads the
        // same pixel there anyway, so only the rounding of the kernel sum would differ.
        // [lo, hi] per row of tmp: the columns that may be non-zero (outside them the blur is exactly 0)
        int[] lo = new int[h];
        int[] hi = new int[h];
        if (w > 1) {
            ThreadLocal<float[]> line = ThreadLocal.withInitial(() -> new float[w + 2 * r]);
            rows(h, parallel).forEach(y -> horizontal(a, tmp, y, w, kernel, line.get(), lo, hi));
        } else {
            System.arraycopy(a, 0, tmp, 0, a.length);
            for (int y = 0; y < h; y++) {
                lo[y] = a[y] != 0 ? 0 : 1;
                hi[y] = 0;
            }
        }
        if (h > 1) {
            int[] index = reflectTable(h, r);
            rows(h, parallel).forEach(y -> vertical(tmp, out, y, w, kernel, index, lo, hi));
        } else {
            System.arraycopy(tmp, 0, out, 0, a.length);
        }
        return out;
    }

    /** The normalised float kernel of 2·ceil(3 sigma) + 1 taps (OpenCV's getGaussianKernel for CV_32F). */
    static float[] kernel(double sigma) {
        int taps = 2 * (int) Math.ceil(3 * sigma) + 1;
        double[] k = new double[taps];
        double scale = -0.5 / (sigma * sigma);
        double sum = 0;
        for (int i = 0; i < taps; i++) {
            double x = i - (taps - 1) * 0.5;
            k[i] = Math.exp(scale * x * x);
            sum += k[i];
        }
        float[] out = new float[taps];
        for (int i = 0; i < taps; i++) {
            out[i] = (float) (k[i] / sum);
        }
        return out;
    }

    /**
     * OpenCV's borderInterpolate for BORDER_REFLECT_101: the in-range index read for {@code p}
     * (bouncing off both ends as often as needed when the kernel is wider than the image).
     */
    static int reflect101(int p, int n) {
        if (n == 1) {
            return 0;
        }
        while (p < 0 || p >= n) {
            p = p < 0 ? -p : 2 * (n - 1) - p;
        }
        return p;
    }

    private static IntStream rows(int h, boolean parallel) {
        IntStream rows = IntStream.range(0, h);
        return parallel ? rows.parallel() : rows;
    }

    /**
     * One row: padded with its reflection, then the symmetric taps summed in pairs (k[j] (a + b), as
     * OpenCV's symmetric filters do; the inner loops vectorise). Only outputs whose taps reach a
     * non-zero value are computed (the rest stay 0, which is what the sum gives there); their
     * span is left in lo[y]..hi[y] (empty when lo > hi).
     */
    private static void horizontal(float[] src, float[] dst, int y, int w, float[] kernel, float[] line,
                                   int[] lo, int[] hi) {
        int r = kernel.length / 2;
        int offset = y * w;
        System.arraycopy(src, offset, line, r, w);
        for (int i = 0; i < r; i++) {
            line[i] = src[offset + reflect101(i - r, w)];
            line[r + w + i] = src[offset + reflect101(w + i, w)];
        }
        int first = 0;
        int n = w + 2 * r;
        while (first < n && line[first] == 0) {
            first++;
        }
        if (first == n) {
            lo[y] = 1;
            hi[y] = 0;
            return;
        }
        int last = n - 1;
        while (line[last] == 0) {
            last--;
        }
        // output x reads line[x .. x + 2r]
        int x0 = Math.max(0, first - 2 * r);
        int x1 = Math.min(w - 1, last);
        lo[y] = x0;
        hi[y] = x1;
        float kc = kernel[r];
        for (int x = x0; x <= x1; x++) {
            dst[offset + x] = kc * line[x + r];
        }
        for (int j = 0; j < r; j++) {
            float kj = kernel[j];
            int far = 2 * r - j;
            for (int x = x0; x <= x1; x++) {
                dst[offset + x] += kj * (line[x + j] + line[x + far]);
            }
        }
    }

    /**
     * One output row from the reflected neighbouring rows of the row-blurred image, over the union
     * of those rows' non-zero spans (the rest stays 0).
     */
    private static void vertical(float[] src, float[] dst, int y, int w, float[] kernel, int[] index,
                                 int[] lo, int[] hi) {
        int o = y * w;
        int r = kernel.length / 2;
        int x0 = w;
        int x1 = -1;
        for (int j = 0; j <= 2 * r; j++) {
            int row = index[y + j];
            if (lo[row] <= hi[row]) {
                x0 = Math.min(x0, lo[row]);
                x1 = Math.max(x1, hi[row]);
            }
        }
        if (x0 > x1) {
            return;
        }
        int sc = index[y + r] * w;
        float kc = kernel[r];
        for (int x = x0; x <= x1; x++) {
            dst[o + x] = kc * src[sc + x];
        }
        for (int j = 0; j < r; j++) {
            float kj = kernel[j];
            int near = index[y + j] * w;
            int far = index[y + 2 * r - j] * w;
            for (int x = x0; x <= x1; x++) {
                dst[o + x] += kj * (src[near + x] + src[far + x]);
            }
        }
    }

    /** index[i] = the row read for padded position i, i.e. reflect101(i - r, n), for i in [0, n + 2r). */
    private static int[] reflectTable(int n, int r) {
        int[] index = new int[n + 2 * r];
        for (int i = 0; i < index.length; i++) {
            index[i] = reflect101(i - r, n);
        }
        return index;
    }
}
