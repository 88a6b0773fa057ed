package org.sam2long.engine.matte;

/** Image resampling used between the model's grids and source pixels. */
public final class Resample {
    /** Outputs at least this large are computed on several threads (same values either way). */
    private static final int PARALLEL_PIXELS = 1 << 18;

    private Resample() {}

    /**
     * Bilinear resize of a single-channel row-major image, matching PyTorch's
     * {@code F.interpolate(mode="bilinear", align_corners=False)} (half-pixel centres, edge clamp).
     */
    public static float[] bilinear(float[] src, int sw, int sh, int dw, int dh) {
        float[] dst = new float[dw * dh];
        float sx = (float) sw / dw;
        float sy = (float) sh / dh;
        int[] x0 = new int[dw];
        int[] x1 = new int[dw];
        float[] fx = new float[dw];
        for (int x = 0; x < dw; x++) {
            float cx = Math.max((x + 0.5f) * sx - 0.5f, 0f);
            int i0 = Math.min((int) cx, sw - 1);
            x0[x] = i0;
            x1[x] = Math.min(i0 + 1, sw - 1);
            fx[x] = cx - i0;
        }
        java.util.stream.IntStream rows = java.util.stream.IntStream.range(0, dh);
        (dw * dh >= PARALLEL_PIXELS ? rows.parallel() : rows).forEach(y -> {
            float cy = Math.max((y + 0.5f) * sy - 0.5f, 0f);
            int j0 = Math.min((int) cy, sh - 1);
            int j1 = Math.min(j0 + 1, sh - 1);
            float fy = cy - j0;
            int r0 = j0 * sw;
            int r1 = j1 * sw;
            int o = y * dw;
            for (int x = 0; x < dw; x++) {
                float top = src[r0 + x0[x]] + (src[r0 + x1[x]] - src[r0 + x0[x]]) * fx[x];
                float bottom = src[r1 + x0[x]] + (src[r1 + x1[x]] - src[r1 + x0[x]]) * fx[x];
                dst[o + x] = top + (bottom - top) * fy;
            }
        });
        return dst;
    }
}
