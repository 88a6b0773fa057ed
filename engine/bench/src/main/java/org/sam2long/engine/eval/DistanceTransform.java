package org.sam2long.engine.eval;

/**
 * Exact squared Euclidean distance transform (Felzenszwalb and Huttenlocher, separable lower envelope
 * of parabolas). For every pixel: the squared distance to the nearest feature pixel. Integer inputs
 * keep every value exact in doubles.
 */
final class DistanceTransform {
    static final double INF = 1e20;

    private DistanceTransform() {}

    /**
     * Squared distances to the nearest {@code true} pixel of {@code features} inside the window
     * {@code [x0, x0 + w) x [y0, y0 + h)} of an image {@code stride} pixels wide; the result is
     * {@code w x h}, row-major. Pixels with no feature in the window get a value of at least {@link #INF}.
     */
    static double[] squared(boolean[] features, int stride, int x0, int y0, int w, int h) {
        double[] d = new double[w * h];
        // columns: 1-D distance along y, squared
        for (int x = 0; x < w; x++) {
            double last = -1;
            boolean seen = false;
            for (int y = 0; y < h; y++) {
                if (features[(y0 + y) * stride + x0 + x]) {
                    seen = true;
                    last = y;
                    d[y * w + x] = 0;
                } else {
                    d[y * w + x] = seen ? y - last : INF;
                }
            }
            seen = false;
            for (int y = h - 1; y >= 0; y--) {
                int i = y * w + x;
                if (features[(y0 + y) * stride + x0 + x]) {
                    seen = true;
                    last = y;
                } else if (seen && last - y < d[i]) {
                    d[i] = last - y;
                }
                d[i] = d[i] >= INF ? INF : d[i] * d[i];
            }
        }
        // rows: lower envelope of parabolas f(q) + (x - q)^2
        int n = w;
        double[] f = new double[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            System.arraycopy(d, row, f, 0, n);
            int k = 0;
            v[0] = 0;
            z[0] = Double.NEGATIVE_INFINITY;
            z[1] = Double.POSITIVE_INFINITY;
            for (int q = 1; q < n; q++) {
                double s = intersection(f, q, v[k]);
                while (s <= z[k]) {
                    k--;
                    s = intersection(f, q, v[k]);
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            k = 0;
            for (int q = 0; q < n; q++) {
                while (z[k + 1] < q) {
                    k++;
                }
                double dq = q - v[k];
                d[row + q] = dq * dq + f[v[k]];
            }
        }
        return d;
    }

    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
