package org.sam2long.ofx.overlay;

import java.util.Arrays;

/**
 * The outline of a matte (logit 0) as line segments, by marching squares over its low-resolution
 * logits with linear interpolation along cell edges, so it follows the matte smoothly at any zoom.
 * Coordinates are in source pixels (x right, y down), cell centres at (i + 0.5) * size / M.
 */
public final class MatteOutline {
    private static final int[] TWO = {0, 1};
    private static final int[] SADDLE_AC = {0, 3, 1, 2};  // top-left around a, right-bottom around c
    private static final int[] SADDLE_BD = {0, 1, 2, 3};  // top-right around b, bottom-left around d

    private MatteOutline() {}

    /**
     * Segments x0, y0, x1, y1, ... of the zero crossing of {@code logits} (m x m, row-major) scaled
     * to a {@code width x height} image; empty when the matte is all inside or all outside.
     */
    public static double[] segments(float[] logits, int m, int width, int height) {
        double sx = (double) width / m;
        double sy = (double) height / m;
        double[] out = new double[64];
        int n = 0;
        double[] p = new double[8];
        for (int y = -1; y < m; y++) {
            for (int x = -1; x < m; x++) {
                // corners: a (x, y), b (x+1, y), c (x+1, y+1), d (x, y+1); outside the matte counts as outside
                float a = at(logits, m, x, y), b = at(logits, m, x + 1, y);
                float c = at(logits, m, x + 1, y + 1), d = at(logits, m, x, y + 1);
                int code = (a > 0 ? 1 : 0) | (b > 0 ? 2 : 0) | (c > 0 ? 4 : 0) | (d > 0 ? 8 : 0);
                if (code == 0 || code == 15) {
                    continue;
                }
                int k = 0;
                // crossings on the top, right, bottom and left edges, in that order
                if ((code & 1) != (code >> 1 & 1)) { p[k++] = x + t(a, b); p[k++] = y; }
                if ((code >> 1 & 1) != (code >> 2 & 1)) { p[k++] = x + 1; p[k++] = y + t(b, c); }
                if ((code >> 2 & 1) != (code >> 3 & 1)) { p[k++] = x + t(d, c); p[k++] = y + 1; }
                if ((code >> 3 & 1) != (code & 1)) { p[k++] = x; p[k++] = y + t(a, d); }
                if (n + 2 * k > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + 2 * k));
                }
                // two crossings: one segment; four (a saddle, diagonal corners inside): cut each inside corner off
                int[] order = k == 4 ? TWO : code == 5 ? SADDLE_AC : SADDLE_BD;
                for (int s = 0; s + 1 < order.length; s += 2) {
                    out[n++] = (p[2 * order[s]] + 0.5) * sx;
                    out[n++] = (p[2 * order[s] + 1] + 0.5) * sy;
                    out[n++] = (p[2 * order[s + 1]] + 0.5) * sx;
                    out[n++] = (p[2 * order[s + 1] + 1] + 0.5) * sy;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static float at(float[] logits, int m, int x, int y) {
        return x < 0 || y < 0 || x >= m || y >= m ? -1f : logits[y * m + x];
    }

    /** Where the line from value u to value v crosses zero, as a fraction of the way. */
    private static double t(float u, float v) {
        double f = u / (double) (u - v);
        return Math.max(0, Math.min(1, f));
    }
}
