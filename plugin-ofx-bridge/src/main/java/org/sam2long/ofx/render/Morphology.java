package org.sam2long.ofx.render;

/** Separable square-window filters on a single-channel image: max/min (grow/shrink) and box blur. */
final class Morphology {
    private Morphology() {}

    static float[] extremum(float[] src, int w, int h, int r, boolean max) {
        float[] tmp = new float[src.length];
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = max ? 0f : 1f;
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
                    float s = src[y * w + k];
                    v = max ? Math.max(v, s) : Math.min(v, s);
                }
                tmp[y * w + x] = v;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = max ? 0f : 1f;
                for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
                    float s = tmp[k * w + x];
                    v = max ? Math.max(v, s) : Math.min(v, s);
                }
                dst[y * w + x] = v;
            }
        }
        return dst;
    }

    static float[] boxBlur(float[] src, int w, int h, int r) {
        float[] tmp = new float[src.length];
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            blurLine(src, tmp, y * w, 1, w, r);
        }
        for (int x = 0; x < w; x++) {
            blurLine(tmp, dst, x, w, h, r);
        }
        return dst;
    }

    /** Running-sum box blur along one line with clamped edges. */
    private static void blurLine(float[] src, float[] dst, int start, int stride, int n, int r) {
        double sum = 0;
        for (int k = -r; k <= r; k++) {
            sum += src[start + clamp(k, n) * stride];
        }
        float norm = 1f / (2 * r + 1);
        for (int i = 0; i < n; i++) {
            dst[start + i * stride] = (float) (sum * norm);
            sum += src[start + clamp(i + r + 1, n) * stride] - src[start + clamp(i - r, n) * stride];
        }
    }

    private static int clamp(int i, int n) { return i < 0 ? 0 : Math.min(i, n - 1); }
}
