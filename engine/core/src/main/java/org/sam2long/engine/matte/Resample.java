package org.sam2long.engine.matte;

import org.sam2long.engine.internal.matte.Bands;

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
        long pixels = (long) dw * dh >= PARALLEL_PIXELS ? (long) dw * dh : 0;
        Plan plan = new Plan(src, sw, sh, dw, dh, pixels);
        Bands.run(dh, pixels, (y0, y1) -> plan.rows(dst, y0, y1));
        return dst;
    }

    /**
     * A bilinear resize set up once: every source row that the output reads, interpolated across
     * the output width ({@code top = a + (b - a) fx}), so each output row is one vertical blend of
     * two of those rows: the same arithmetic as pixel by pixel.
     */
    static final class Plan {
        private final float[] src;
        private final int sw;
        private final int sh;
        private final int dw;
        private final int dh;
        private final int[] x0;
        private final int[] x1;
        private final float[] fx;
        private final float[][] across;

        /** {@code pixels}: the work size given to {@link Bands} for building the rows (0 = this thread). */
        Plan(float[] src, int sw, int sh, int dw, int dh, long pixels) {
            this.src = src;
            this.sw = sw;
            this.sh = sh;
            this.dw = dw;
            this.dh = dh;
            float sx = (float) sw / dw;
            x0 = new int[dw];
            x1 = new int[dw];
            fx = new float[dw];
            for (int x = 0; x < dw; x++) {
                float cx = Math.max((x + 0.5f) * sx - 0.5f, 0f);
                int i0 = Math.min((int) cx, sw - 1);
                x0[x] = i0;
                x1[x] = Math.min(i0 + 1, sw - 1);
                fx[x] = cx - i0;
            }
            across = new float[sh][];
            float sy = (float) sh / dh;
            boolean[] used = new boolean[sh];
            int count = 0;
            for (int y = 0; y < dh; y++) {
                int j0 = row(y, sy);
                int j1 = Math.min(j0 + 1, sh - 1);
                count += (used[j0] ? 0 : 1) + (used[j1] || j1 == j0 ? 0 : 1);
                used[j0] = true;
                used[j1] = true;
            }
            int[] needed = new int[count];
            for (int j = 0, n = 0; j < sh; j++) {
                if (used[j]) {
                    needed[n++] = j;
                }
            }
            Bands.run(count, pixels, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    across[needed[i]] = across(needed[i]);
                }
            });
        }

        private int row(int y, float sy) {
            float cy = Math.max((y + 0.5f) * sy - 0.5f, 0f);
            return Math.min((int) cy, sh - 1);
        }

        /** Output rows [y0, y1) into dst (dw values per row). */
        void rows(float[] dst, int y0, int y1) {
            float sy = (float) sh / dh;
            for (int y = y0; y < y1; y++) {
                float cy = Math.max((y + 0.5f) * sy - 0.5f, 0f);
                int j0 = Math.min((int) cy, sh - 1);
                int j1 = Math.min(j0 + 1, sh - 1);
                float fy = cy - j0;
                float[] top = across[j0];
                float[] bottom = across[j1];
                int o = y * dw;
                for (int x = 0; x < dw; x++) {
                    dst[o + x] = top[x] + (bottom[x] - top[x]) * fy;
                }
            }
        }

        private float[] across(int j) {
            float[] row = new float[dw];
            int r = j * sw;
            for (int x = 0; x < dw; x++) {
                row[x] = src[r + x0[x]] + (src[r + x1[x]] - src[r + x0[x]]) * fx[x];
            }
            return row;
        }
    }
}
