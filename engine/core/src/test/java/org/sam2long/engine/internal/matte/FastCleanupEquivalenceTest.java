package org.sam2long.engine.internal.matte;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteCleanup;
import org.sam2long.engine.matte.Resample;

/**
 * The fast clean-up gives, value for value, what the straightforward versions it replaced
 * ({@link ReferenceMorphology}, {@link ReferenceRegions}, {@link ReferenceFeather}, the per-pixel
 * bilinear upsampling and sigmoid) give, on binary and soft mattes of awkward sizes.
 */
class FastCleanupEquivalenceTest {
    private static final int[][] SIZES = {{1, 1}, {1, 17}, {23, 1}, {2, 3}, {37, 29}, {64, 64}, {130, 71}, {300, 201}};

    /** Blobs of 1 with holes and specks, or the same softened into (0, 1). */
    private static float[] matte(int w, int h, long seed, boolean soft) {
        Random rnd = new Random(seed);
        float[] a = new float[w * h];
        int blobs = 1 + rnd.nextInt(6);
        double[][] c = new double[blobs][3];
        for (double[] b : c) {
            b[0] = rnd.nextDouble() * w;
            b[1] = rnd.nextDouble() * h;
            b[2] = 1 + rnd.nextDouble() * Math.max(w, h) / 3;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double best = -1e9;
                for (double[] b : c) {
                    best = Math.max(best, b[2] - Math.hypot(x - b[0], y - b[1]));
                }
                if (rnd.nextInt(30) == 0) {
                    best = -best;
                }
                a[y * w + x] = soft ? (float) (1 / (1 + Math.exp(-best / 2))) : best > 0 ? 1f : 0f;
            }
        }
        return a;
    }

    @Test
    void growAndShrinkMatchTheReference() {
        long seed = 1;
        for (int[] s : SIZES) {
            for (boolean soft : new boolean[] {false, true}) {
                for (int r : new int[] {1, 2, 3, 5, 8, 13, 40}) {
                    for (int sign : new int[] {1, -1}) {
                        float[] a = matte(s[0], s[1], seed++, soft);
                        String what = s[0] + "x" + s[1] + (soft ? " soft" : " binary") + " grow " + sign * r;
                        float[] expected = ReferenceMorphology.grow(a, s[0], s[1], sign * r);
                        assertArrayEquals(expected, Morphology.grow(a, s[0], s[1], sign * r), what);
                        assertArrayEquals(expected, Morphology.grey(a, s[0], s[1], r, sign > 0, Long.MAX_VALUE), what + " ring");
                        assertArrayEquals(expected, Morphology.grey(a, s[0], s[1], r, sign > 0, 0), what + " per disc row");
                        if (!soft) {
                            assertArrayEquals(expected, Morphology.binary(a, s[0], s[1], r, sign > 0), what + " distance");
                        }
                    }
                }
            }
        }
    }

    @Test
    void growMatchesTheReferenceAtFullHd() {
        for (boolean soft : new boolean[] {false, true}) {
            float[] a = matte(1920, 1080, 5, soft);
            for (int p : new int[] {2, -7, 20}) {
                assertArrayEquals(ReferenceMorphology.grow(a, 1920, 1080, p), Morphology.grow(a, 1920, 1080, p),
                        (soft ? "soft" : "binary") + " grow " + p);
            }
        }
    }

    @Test
    void holeFillAndIslandRemovalMatchTheReference() {
        long seed = 100;
        for (int[] s : SIZES) {
            for (boolean soft : new boolean[] {false, true}) {
                for (int area : new int[] {1, 4, 30, 500, 100_000}) {
                    float[] a = matte(s[0], s[1], seed++, soft);
                    float[] expected = a.clone();
                    float[] got = a.clone();
                    ReferenceRegions.fillHoles(expected, s[0], s[1], area);
                    Regions.fillHoles(got, s[0], s[1], area);
                    assertArrayEquals(expected, got, s[0] + "x" + s[1] + " holes " + area);
                    ReferenceRegions.removeIslands(expected, s[0], s[1], area);
                    Regions.removeIslands(got, s[0], s[1], area);
                    assertArrayEquals(expected, got, s[0] + "x" + s[1] + " islands " + area);
                }
            }
        }
    }

    @Test
    void equalLargestRegionsKeepTheFirstInRasterOrder() {
        // two 3x3 islands of the same area, the second starting on an earlier row's later column
        int w = 12;
        int h = 8;
        float[] a = new float[w * h];
        for (int y = 2; y < 5; y++) {
            for (int x = 0; x < 3; x++) {
                a[y * w + x] = 1f;
            }
        }
        for (int y = 1; y < 4; y++) {
            for (int x = 8; x < 11; x++) {
                a[y * w + x] = 1f;
            }
        }
        float[] expected = a.clone();
        ReferenceRegions.removeIslands(expected, w, h, 100);
        Regions.removeIslands(a, w, h, 100);
        assertArrayEquals(expected, a);
    }

    @Test
    void featherMatchesTheReference() {
        long seed = 300;
        int[][] sizes = {{1, 1}, {1, 30}, {30, 1}, {2, 2}, {7, 5}, {64, 48}, {97, 31}, {320, 180}};
        for (int[] s : sizes) {
            for (boolean soft : new boolean[] {false, true}) {
                for (double f : new double[] {0.1, 1, 2.5, 5, 12.7, 40}) {
                    float[] a = matte(s[0], s[1], seed++, soft);
                    if (seed % 3 == 0) {
                        // mostly empty: one small blob off-centre, zeros elsewhere
                        java.util.Arrays.fill(a, 0f);
                        a[(s[1] / 3) * s[0] + s[0] / 4] = 1f;
                    }
                    assertArrayEquals(ReferenceFeather.blur(a, s[0], s[1], f), Feather.blur(a, s[0], s[1], f),
                            s[0] + "x" + s[1] + " feather " + f);
                }
            }
        }
        float[] hd = matte(1920, 1080, 9, false);
        assertArrayEquals(ReferenceFeather.blur(hd, 1920, 1080, 4), Feather.blur(hd, 1920, 1080, 4), "1920x1080 feather 4");
    }

    @Test
    void fusedUpsamplingAndAlphaMatchThePerPixelFormulas() {
        Random rnd = new Random(4);
        for (int[] s : new int[][] {{64, 1920, 1080}, {256, 1920, 1080}, {256, 100, 37}, {16, 3, 5}}) {
            int m = s[0];
            float[] low = new float[m * m];
            for (int i = 0; i < low.length; i++) {
                low[i] = (float) rnd.nextGaussian() * (i % 7 == 0 ? 200 : 15);
            }
            Matte matte = new Matte(1, 0, m, low, s[1], s[2], 1f, 0, 0);
            float[] logits = referenceBilinear(low, m, m, s[1], s[2]);
            assertArrayEquals(logits, Resample.bilinear(low, m, m, s[1], s[2]), "bilinear " + m + " to " + s[1] + "x" + s[2]);
            for (double t : new double[] {0.3, 1, 2.5}) {
                float[] expected = new float[logits.length];
                for (int i = 0; i < logits.length; i++) {
                    expected[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i] / t)));
                }
                CleanupSettings soft = new CleanupSettings(true, t, 0, 0, 0, 0, 0, 0);
                assertArrayEquals(expected, new MatteCleanup(soft).apply(matte).alpha(), "soft alpha, temperature " + t);
                assertArrayEquals(expected, new MatteCleanup(soft).apply(logits, s[1], s[2]), "soft alpha from logits");
            }
        }
    }

    @Test
    void sigmoidShortcutsGiveTheFormulasFloat() {
        // every float from 15 to 25 and from 100 to 110 (either sign): where the exponential is skipped
        for (float start : new float[] {15f, 100f}) {
            for (float v = start; v <= start + 10; v = Math.nextUp(v)) {
                for (float l : new float[] {v, -v}) {
                    float expected = (float) (1.0 / (1.0 + Math.exp(-l / 1.0)));
                    float got = new MatteCleanup(new CleanupSettings(true, 1.0, 0, 0, 0, 0, 0, 0)).apply(new float[] {l}, 1, 1)[0];
                    if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(got)) {
                        throw new AssertionError("logit " + l + ": " + got + " instead of " + expected);
                    }
                }
            }
        }
    }

    /** The per-pixel bilinear upsampling the plan-based one replaced. */
    private static float[] referenceBilinear(float[] src, int sw, int sh, int dw, int dh) {
        float[] dst = new float[dw * dh];
        float sx = (float) sw / dw;
        float sy = (float) sh / dh;
        for (int y = 0; y < dh; y++) {
            float cy = Math.max((y + 0.5f) * sy - 0.5f, 0f);
            int j0 = Math.min((int) cy, sh - 1);
            int j1 = Math.min(j0 + 1, sh - 1);
            float fy = cy - j0;
            for (int x = 0; x < dw; x++) {
                float cx = Math.max((x + 0.5f) * sx - 0.5f, 0f);
                int i0 = Math.min((int) cx, sw - 1);
                int i1 = Math.min(i0 + 1, sw - 1);
                float fx = cx - i0;
                float top = src[j0 * sw + i0] + (src[j0 * sw + i1] - src[j0 * sw + i0]) * fx;
                float bottom = src[j1 * sw + i0] + (src[j1 * sw + i1] - src[j1 * sw + i0]) * fx;
                dst[y * dw + x] = top + (bottom - top) * fy;
            }
        }
        return dst;
    }
}
