package org.sam2long.engine.internal.matte;

import java.util.Arrays;

/**
 * Grey-level grow (dilate) and shrink (erode) by a Euclidean disc: the structuring element of
 * radius r holds every offset (dx, dy) with dx² + dy² <= r². Works on soft alpha (max/min filter).
 * Pixels outside the image never contribute, so shrinking does not eat in from the frame edge.
 *
 * <p>A binary matte (every value 0 or 1, as after a hard threshold) takes an exact thresholded
 * Euclidean distance transform, O(pixels) whatever r: per column the distance g to the nearest
 * pixel of the set, then per row the union of the chords |x - u| <= floor(sqrt(r² - g(u)²)). Soft
 * alpha takes the disc split into its rows (chord half-width k(dy) = floor(sqrt(r² - dy²))): the
 * running maximum of every chord width is built per source row into a ring of 2r + 1 rows, and each
 * output row is the maximum of its 2r + 1 chord rows. Both give exactly the max/min over the disc.
 * Rows are split into bands run on the common fork-join pool.
 */
public final class Morphology {
    /** Above this ring size (bytes per band) soft alpha falls back to one image pass per disc row. */
    private static final long MAX_RING_BYTES = 32L << 20;

    private Morphology() {}

    /** {@code a} grown by {@code pixels} (> 0) or shrunk by {@code -pixels} (< 0); a new array. */
    public static float[] grow(float[] a, int w, int h, int pixels) {
        if (pixels == 0) {
            return a.clone();
        }
        boolean dilate = pixels > 0;
        int r = Math.abs(pixels);
        if (isBinary(a)) {
            return binary(a, w, h, r, dilate);
        }
        return grey(a, w, h, r, dilate, MAX_RING_BYTES);
    }

    /** True when every value is exactly 0 or 1 (positive zero). */
    static boolean isBinary(float[] a) {
        for (float v : a) {
            if (Float.floatToRawIntBits(v) != 0 && v != 1f) {
                return false;
            }
        }
        return true;
    }

    /** floor(sqrt(r² - d²)) for d in [0, r]: the half-width of the disc's chord at distance d. */
    static int[] chords(int r) {
        int[] k = new int[r + 1];
        for (int d = 0; d <= r; d++) {
            k[d] = (int) Math.floor(Math.sqrt((double) r * r - (double) d * d));
        }
        return k;
    }

    /**
     * Binary case. Dilation: 1 where some 1-pixel lies within the disc, else 0. Erosion: 0 where some
     * 0-pixel lies within the disc, else 1. Either way "near" the set S of pixels equal to
     * {@code target}, by an exact distance transform cut off at r.
     */
    static float[] binary(float[] a, int w, int h, int r, boolean dilate) {
        float target = dilate ? 1f : 0f;
        float near = target;
        float far = dilate ? 0f : 1f;
        int cap = r + 1;
        int[] g = new int[a.length];
        // Pass 1, per column (bands of columns, scanned row by row): vertical distance to S, capped at r + 1.
        Bands.run(w, a.length, (x0, x1) -> {
            for (int x = x0; x < x1; x++) {
                g[x] = a[x] == target ? 0 : cap;
            }
            for (int y = 1; y < h; y++) {
                int o = y * w;
                for (int x = x0; x < x1; x++) {
                    g[o + x] = a[o + x] == target ? 0 : Math.min(g[o - w + x] + 1, cap);
                }
            }
            for (int y = h - 2; y >= 0; y--) {
                int o = y * w;
                for (int x = x0; x < x1; x++) {
                    g[o + x] = Math.min(g[o + x], g[o + w + x] + 1);
                }
            }
        });
        int[] chord = chords(r);
        float[] out = new float[a.length];
        // Pass 2, per row: the union of the chords [u - k(g(u)), u + k(g(u))].
        Bands.run(h, a.length, (y0, y1) -> {
            int[] reach = new int[w];
            for (int y = y0; y < y1; y++) {
                int o = y * w;
                Arrays.fill(reach, -1);
                boolean any = false;
                for (int u = 0; u < w; u++) {
                    int d = g[o + u];
                    if (d <= r) {
                        int k = chord[d];
                        int lo = Math.max(0, u - k);
                        int hi = Math.min(w - 1, u + k);
                        if (hi > reach[lo]) {
                            reach[lo] = hi;
                        }
                        any = true;
                    }
                }
                if (!any) {
                    Arrays.fill(out, o, o + w, far);
                    continue;
                }
                int cur = -1;
                for (int x = 0; x < w; x++) {
                    cur = Math.max(cur, reach[x]);
                    out[o + x] = cur >= x ? near : far;
                }
            }
        });
        return out;
    }

    /**
     * Soft case: max (dilate) or min (erode) over the disc, pixels outside the image ignored; a ring
     * above {@code maxRingBytes} per band takes the slower per-disc-row path (same values).
     */
    static float[] grey(float[] a, int w, int h, int r, boolean dilate, long maxRingBytes) {
        int[] chord = chords(r);
        // slot[d] = which stored chord width serves disc row d; widths[s] = that width.
        int[] slot = new int[r + 1];
        int[] widths = new int[r + 1];
        int kinds = 0;
        for (int d = 0; d <= r; d++) {
            if (d == 0 || chord[d] != chord[d - 1]) {
                widths[kinds++] = chord[d];
            }
            slot[d] = kinds - 1;
        }
        int nk = kinds;
        float[] out = new float[a.length];
        long ringBytes = (2L * r + 1) * nk * (long) w * 4;
        if (ringBytes > maxRingBytes) {
            perDiscRow(a, out, w, h, chord, dilate);
            return out;
        }
        Bands.run(h, a.length, (y0, y1) -> {
            int n = 2 * r + 1;
            float[][][] ring = new float[n][nk][w];
            Chords line = new Chords(w, dilate);
            // The source rows y0 - r .. y0 + r - 1 first; each output row then adds row y + r.
            for (int sy = Math.max(0, y0 - r); sy < Math.min(h, y0 + r); sy++) {
                line.build(a, sy * w, widths, nk, ring[Math.floorMod(sy, n)]);
            }
            for (int y = y0; y < y1; y++) {
                if (y + r < h) {
                    line.build(a, (y + r) * w, widths, nk, ring[Math.floorMod(y + r, n)]);
                }
                int o = y * w;
                System.arraycopy(ring[Math.floorMod(y, n)][slot[0]], 0, out, o, w);
                for (int d = 1; d <= r; d++) {
                    int s = slot[d];
                    if (y - d >= 0) {
                        combine(out, o, ring[Math.floorMod(y - d, n)][s], 0, w, dilate);
                    }
                    if (y + d < h) {
                        combine(out, o, ring[Math.floorMod(y + d, n)][s], 0, w, dilate);
                    }
                }
            }
        });
        return out;
    }

    /**
     * Large discs on soft alpha: for each chord width, every row's running extreme (van Herk/Gil-Werman,
     * O(1) per pixel) into one scratch image, merged into the output for each disc row of that width.
     */
    private static void perDiscRow(float[] a, float[] out, int w, int h, int[] chord, boolean max) {
        int r = chord.length - 1;
        float[] rows = new float[a.length];
        float pad = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        Arrays.fill(out, pad);
        for (int d = 0; d <= r; d++) {
            int k = chord[d];
            if (d == 0 || k != chord[d - 1]) {
                Bands.run(h, a.length, (y0, y1) -> {
                    float[] p = new float[w + 2 * k];
                    float[] pre = new float[p.length];
                    float[] suf = new float[p.length];
                    for (int y = y0; y < y1; y++) {
                        vanHerk(a, y * w, w, k, max, pad, p, pre, suf, rows);
                    }
                });
            }
            int dd = d;
            Bands.run(h, a.length, (y0, y1) -> {
                for (int y = y0; y < y1; y++) {
                    if (y - dd >= 0) {
                        combine(out, y * w, rows, (y - dd) * w, w, max);
                    }
                    if (dd > 0 && y + dd < h) {
                        combine(out, y * w, rows, (y + dd) * w, w, max);
                    }
                }
            });
        }
    }

    private static void combine(float[] out, int o, float[] src, int so, int w, boolean max) {
        if (max) {
            for (int x = 0; x < w; x++) {
                out[o + x] = Math.max(out[o + x], src[so + x]);
            }
        } else {
            for (int x = 0; x < w; x++) {
                out[o + x] = Math.min(out[o + x], src[so + x]);
            }
        }
    }

    /** dst[offset + x] = extreme of src over [x - k, x + k] within the row, by block prefix/suffix extremes. */
    private static void vanHerk(float[] src, int offset, int w, int k, boolean max, float pad,
                                float[] p, float[] pre, float[] suf, float[] dst) {
        int n = w + 2 * k;
        int len = 2 * k + 1;
        Arrays.fill(p, 0, k, pad);
        System.arraycopy(src, offset, p, k, w);
        Arrays.fill(p, k + w, n, pad);
        for (int b = 0; b < n; b += len) {
            int e = Math.min(b + len, n);
            pre[b] = p[b];
            suf[e - 1] = p[e - 1];
            if (max) {
                for (int i = b + 1; i < e; i++) {
                    pre[i] = Math.max(pre[i - 1], p[i]);
                }
                for (int i = e - 2; i >= b; i--) {
                    suf[i] = Math.max(suf[i + 1], p[i]);
                }
            } else {
                for (int i = b + 1; i < e; i++) {
                    pre[i] = Math.min(pre[i - 1], p[i]);
                }
                for (int i = e - 2; i >= b; i--) {
                    suf[i] = Math.min(suf[i + 1], p[i]);
                }
            }
        }
        int span = 2 * k;
        if (max) {
            for (int x = 0; x < w; x++) {
                dst[offset + x] = Math.max(suf[x], pre[x + span]);
            }
        } else {
            for (int x = 0; x < w; x++) {
                dst[offset + x] = Math.min(suf[x], pre[x + span]);
            }
        }
    }

    /**
     * Running max (or min) along one row for several half-widths: width k from width k - 1 as
     * m_k(x) = max(m_{k-1}(x - 1), m_{k-1}(x + 1)) (k >= 2; exact for rows of 2 pixels or more), with
     * pixels outside the row ignored.
     */
    private static final class Chords {
        private final int w;
        private final boolean max;
        private float[] cur;
        private float[] next;

        Chords(int w, boolean max) {
            this.w = w;
            this.max = max;
            cur = new float[w + 2];
            next = new float[w + 2];
            float pad = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            cur[0] = pad;
            cur[w + 1] = pad;
            next[0] = pad;
            next[w + 1] = pad;
        }

        /** dst[i] = the running extreme of half-width widths[i] (i < count) along the row at src[offset..]. */
        void build(float[] src, int offset, int[] widths, int count, float[][] dst) {
            int top = 0;
            for (int i = 0; i < count; i++) {
                top = Math.max(top, widths[i]);
            }
            System.arraycopy(src, offset, cur, 1, w);
            if (w == 1) {
                top = 0; // a one-pixel row is its own extreme at every width
            }
            for (int i = 0; i < count; i++) {
                if (widths[i] == 0 || w == 1) {
                    System.arraycopy(cur, 1, dst[i], 0, w);
                }
            }
            for (int k = 1; k <= top; k++) {
                if (k == 1) {
                    if (max) {
                        for (int x = 1; x <= w; x++) {
                            next[x] = Math.max(Math.max(cur[x - 1], cur[x]), cur[x + 1]);
                        }
                    } else {
                        for (int x = 1; x <= w; x++) {
                            next[x] = Math.min(Math.min(cur[x - 1], cur[x]), cur[x + 1]);
                        }
                    }
                } else if (max) {
                    for (int x = 1; x <= w; x++) {
                        next[x] = Math.max(cur[x - 1], cur[x + 1]);
                    }
                } else {
                    for (int x = 1; x <= w; x++) {
                        next[x] = Math.min(cur[x - 1], cur[x + 1]);
                    }
                }
                float[] t = cur;
                cur = next;
                next = t;
                for (int i = 0; i < count; i++) {
                    if (widths[i] == k) {
                        System.arraycopy(cur, 1, dst[i], 0, w);
                    }
                }
            }
        }
    }
}
