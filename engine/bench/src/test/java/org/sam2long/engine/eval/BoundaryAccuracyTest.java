package org.sam2long.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundaryAccuracyTest {

    @Test
    void toleranceIsCeilOfPointEightPercentOfTheDiagonal() {
        assertEquals(1, BoundaryAccuracy.tolerance(8, 8));       // 11.31 * 0.008 = 0.09 -> 1
        assertEquals(2, BoundaryAccuracy.tolerance(100, 100));   // 141.42 * 0.008 = 1.13 -> 2
        assertEquals(8, BoundaryAccuracy.tolerance(854, 480));   // DAVIS 480p: 979.6 * 0.008 = 7.84 -> 8
        assertEquals(18, BoundaryAccuracy.tolerance(1920, 1080)); // 2202.9 * 0.008 = 17.62 -> 18
        assertEquals(1, BoundaryAccuracy.tolerance(75, 100));    // diagonal exactly 125: 0.008 * 125 = 1.0 -> 1
    }

    @Test
    void boundaryIsTheInnerRingWithTheImageEdgeCountingAsBackground() {
        boolean[] b = BoundaryAccuracy.boundary(Squares.rect(8, 8, 2, 2, 4, 4), 8, 8);
        assertEquals(12, Masks.count(b)); // 16 pixels less the 2x2 interior
        assertEquals(false, b[3 * 8 + 3]);
        assertEquals(true, b[2 * 8 + 2]);
        // a mask filling a 4x4 image: the outermost ring is boundary
        boolean[] full = new boolean[16];
        java.util.Arrays.fill(full, true);
        assertEquals(12, Masks.count(BoundaryAccuracy.boundary(full, 4, 4)));
        // a single pixel is its own boundary
        assertEquals(1, Masks.count(BoundaryAccuracy.boundary(Squares.rect(8, 8, 3, 3, 1, 1), 8, 8)));
    }

    @Test
    void identicalMasksScoreOne() {
        boolean[] m = Squares.rect(8, 8, 2, 2, 4, 4);
        BoundaryAccuracy.Result r = BoundaryAccuracy.measure(m, m.clone(), null, 8, 8);
        assertEquals(1.0, r.f());
        assertEquals(12, r.predictedBoundary());
    }

    @Test
    void emptyAndEmptyIsOneOneEmptyIsZero() {
        boolean[] empty = new boolean[64];
        boolean[] sq = Squares.rect(8, 8, 2, 2, 4, 4);
        assertEquals(1.0, BoundaryAccuracy.f(empty, empty, 8, 8));
        assertEquals(0.0, BoundaryAccuracy.f(empty, sq, 8, 8));
        assertEquals(0.0, BoundaryAccuracy.f(sq, empty, 8, 8));
        BoundaryAccuracy.Result r = BoundaryAccuracy.measure(empty, sq, null, 8, 8);
        assertEquals(1.0, r.precision()); // DAVIS: nothing predicted -> precision 1, recall 0
        assertEquals(0.0, r.recall());
    }

    @Test
    void smallImageShiftWithinAndBeyondTolerance() {
        // 8x8 image: tolerance 1. Truth: 4x4 square at x=2..5, y=2..5 (ring of 12 pixels).
        boolean[] truth = Squares.rect(8, 8, 2, 2, 4, 4);
        // shifted by 1: every ring pixel is within 1 of the other ring
        assertEquals(1.0, BoundaryAccuracy.f(Squares.rect(8, 8, 3, 2, 4, 4), truth, 8, 8));
        // shifted by 2 (x=4..7): the predicted right column x=7 is 2 from the true x=5 -> 4 of 12 unmatched;
        // the rest lies on the true rows or 1 from the true right column. Symmetric for recall: P = R = 8/12.
        BoundaryAccuracy.Result r = BoundaryAccuracy.measure(Squares.rect(8, 8, 4, 2, 4, 4), truth, null, 8, 8);
        assertEquals(8, r.matchedPredicted());
        assertEquals(8, r.matchedTrue());
        assertEquals(2.0 / 3, r.f(), 1e-12);
    }

    @Test
    void hundredPixelImageShiftOfTwoIsMatchedAndThreeIsNot() {
        // 100x100: tolerance ceil(0.008 * 141.42) = 2. Truth: 20x20 square at x,y = 40..59, ring of 76.
        boolean[] truth = Squares.rect(100, 100, 40, 40, 20, 20);
        BoundaryAccuracy.Result within = BoundaryAccuracy.measure(Squares.rect(100, 100, 42, 40, 20, 20), truth, null, 100, 100);
        assertEquals(2, within.tolerance());
        assertEquals(1.0, within.f());
        // shifted by 3 (x = 43..62): unmatched predicted pixels = the whole right column x=62 (20, 3 from x=59)
        // + the left column x=43 where it is more than 2 rows from the true top/bottom rows (y = 43..56: 14).
        // Matched 76 - 34 = 42; recall is the mirror image: P = R = F = 42/76.
        BoundaryAccuracy.Result beyond = BoundaryAccuracy.measure(Squares.rect(100, 100, 43, 40, 20, 20), truth, null, 100, 100);
        assertEquals(76, beyond.predictedBoundary());
        assertEquals(42, beyond.matchedPredicted());
        assertEquals(42, beyond.matchedTrue());
        assertEquals(42.0 / 76, beyond.precision(), 1e-12);
        assertEquals(42.0 / 76, beyond.f(), 1e-12);
        // and J for the same pair: 17x20 overlap over 800 - 340
        assertEquals(340.0 / 460, RegionSimilarity.j(Squares.rect(100, 100, 43, 40, 20, 20), truth, 100, 100), 1e-12);
    }

    @Test
    void precisionAndRecallDifferWhenTheTruthHasAnExtraPart() {
        // truth: the square plus a far 3x3 blob (ring of 8); prediction: the square only
        boolean[] sq = Squares.rect(100, 100, 40, 40, 20, 20);
        boolean[] truth = Squares.or(sq, Squares.rect(100, 100, 5, 5, 3, 3));
        BoundaryAccuracy.Result r = BoundaryAccuracy.measure(sq, truth, null, 100, 100);
        assertEquals(1.0, r.precision());
        assertEquals(76.0 / 84, r.recall(), 1e-12);
        assertEquals(2 * (76.0 / 84) / (1 + 76.0 / 84), r.f(), 1e-12);
    }

    @Test
    void voidPixelsAreRemovedFromThePredictionFirst() {
        boolean[] truth = Squares.rect(100, 100, 40, 40, 20, 20);
        boolean[] pred = Squares.or(truth, Squares.rect(100, 100, 80, 80, 10, 10));
        boolean[] voids = Squares.rect(100, 100, 75, 75, 25, 25);
        assertEquals(1.0, BoundaryAccuracy.f(pred, truth, voids, 100, 100));
    }

    @Test
    void distanceTransformEqualsBruteForce() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int w = 1 + rnd.nextInt(17);
            int h = 1 + rnd.nextInt(13);
            boolean[] f = new boolean[w * h];
            for (int i = 0; i < f.length; i++) {
                f[i] = rnd.nextInt(10) == 0;
            }
            f[rnd.nextInt(f.length)] = true;
            double[] d = DistanceTransform.squared(f, w, 0, 0, w, h);
            double[] brute = new double[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double best = Double.MAX_VALUE;
                    for (int i = 0; i < f.length; i++) {
                        if (f[i]) {
                            double dx = x - i % w;
                            double dy = y - i / w;
                            best = Math.min(best, dx * dx + dy * dy);
                        }
                    }
                    brute[y * w + x] = best;
                }
            }
            assertArrayEquals(brute, d, 0.0, "trial " + trial + " " + w + "x" + h);
        }
    }

    @Test
    void fEqualsDiskDilationOnRandomMasks() {
        // the exact definition: dilate each boundary by the disk {dx^2 + dy^2 <= r^2} and count overlaps
        Random rnd = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            int w = 20 + rnd.nextInt(60);
            int h = 20 + rnd.nextInt(60);
            boolean[] a = blobs(rnd, w, h);
            boolean[] b = blobs(rnd, w, h);
            int r = BoundaryAccuracy.tolerance(w, h);
            boolean[] ba = BoundaryAccuracy.boundary(a, w, h);
            boolean[] bb = BoundaryAccuracy.boundary(b, w, h);
            int na = Masks.count(ba);
            int nb = Masks.count(bb);
            BoundaryAccuracy.Result res = BoundaryAccuracy.measure(a, b, null, w, h);
            if (na == 0 || nb == 0) {
                continue;
            }
            assertEquals(overlap(ba, dilate(bb, w, h, r)), res.matchedPredicted());
            assertEquals(overlap(bb, dilate(ba, w, h, r)), res.matchedTrue());
        }
    }

    private static boolean[] blobs(Random rnd, int w, int h) {
        boolean[] m = new boolean[w * h];
        for (int k = 0; k < 3; k++) {
            m = Squares.or(m, Squares.rect(w, h, rnd.nextInt(w), rnd.nextInt(h), 1 + rnd.nextInt(w / 2), 1 + rnd.nextInt(h / 2)));
        }
        return m;
    }

    private static boolean[] dilate(boolean[] m, int w, int h, int r) {
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            if (!m[i]) {
                continue;
            }
            int x = i % w;
            int y = i / w;
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    int xx = x + dx;
                    int yy = y + dy;
                    if (dx * dx + dy * dy <= r * r && xx >= 0 && yy >= 0 && xx < w && yy < h) {
                        out[yy * w + xx] = true;
                    }
                }
            }
        }
        return out;
    }

    private static int overlap(boolean[] a, boolean[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                n++;
            }
        }
        return n;
    }
}
