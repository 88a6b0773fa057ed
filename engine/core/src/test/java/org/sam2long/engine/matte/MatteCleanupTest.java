package org.sam2long.engine.matte;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatteCleanupTest {
    private static final int N = 64;

    @Test
    void noCleanupIsExactlyTheEnginesBinaryMatte() {
        Matte m = Mattes.blank(N, N).square(10, 12, 20).matte(1, 0);
        AlphaMatte a = new MatteCleanup(CleanupSettings.none()).apply(m);
        byte[] binary = m.binary();
        for (int i = 0; i < binary.length; i++) {
            assertEquals(binary[i], a.alpha()[i]);
        }
        assertEquals(400, Mattes.area(a.alpha()));
    }

    @Test
    void softAlphaIsTheSigmoidOfLogitOverTemperature() {
        float[] logits = {0f, 2f, -2f, 40f};
        float[] alpha = new MatteCleanup(new CleanupSettings(true, 2.0, 0.0, 0, 0, 0, 0, 0)).apply(logits, 4, 1);
        assertEquals(0.5f, alpha[0], 1e-6);
        assertEquals(1 / (1 + Math.exp(-1)), alpha[1], 1e-6);
        assertEquals(1 / (1 + Math.exp(1)), alpha[2], 1e-6);
        assertEquals(1f, alpha[3], 1e-6);
    }

    @Test
    void hardThresholdIsOnTheLogit() {
        float[] alpha = new MatteCleanup(new CleanupSettings(false, 1.0, 1.0, 0, 0, 0, 0, 0))
                .apply(new float[] {0.5f, 1.0f, 1.5f}, 3, 1);
        assertArrayEquals(new float[] {0f, 0f, 1f}, alpha);
    }

    @Test
    void squareGrownByTwoPixelsGainsItsSidesAndDiscCorners() {
        float[] logits = Mattes.blank(N, N).square(20, 20, 20).logits();
        // disc of radius 2: each side moves out 2 px (4 x 2 x 20) and each corner gains the one offset (1,1)
        assertEquals(400 + 4 * 2 * 20 + 4, Mattes.area(new MatteCleanup(Mattes.hard(0, 0, 2, 0)).apply(logits, N, N)));
        // radius 3 adds (1,1), (1,2), (2,1), (2,2) per corner
        assertEquals(400 + 4 * 3 * 20 + 4 * 4, Mattes.area(new MatteCleanup(Mattes.hard(0, 0, 3, 0)).apply(logits, N, N)));
        assertEquals(16 * 16, Mattes.area(new MatteCleanup(Mattes.hard(0, 0, -2, 0)).apply(logits, N, N)));
    }

    @Test
    void shrinkingDoesNotEatInFromTheFrameEdge() {
        float[] logits = Mattes.blank(N, N).rect(0, 0, 10, N, Mattes.IN).logits();
        assertEquals(8 * N, Mattes.area(new MatteCleanup(Mattes.hard(0, 0, -2, 0)).apply(logits, N, N)));
    }

    @Test
    void holesBelowTheAreaAreFilledAndLargerOnesKept() {
        float[] logits = Mattes.blank(N, N).square(4, 4, 40)
                .hole(10, 10, 4, 4)     // 16 px: filled
                .hole(24, 24, 8, 8)     // 64 px: kept
                .hole(0, 30, 6, 3)      // touches the frame edge through the square's left margin: never a hole
                .logits();
        long before = Mattes.area(new MatteCleanup(Mattes.hard(0, 0, 0, 0)).apply(logits, N, N));
        float[] alpha = new MatteCleanup(Mattes.hard(20, 0, 0, 0)).apply(logits, N, N);
        assertEquals(before + 16, Mattes.area(alpha));
        assertEquals(1f, alpha[11 * N + 11]);
        assertEquals(0f, alpha[26 * N + 26]);
        assertEquals(1600 - 64 - 2 * 3 - 16 + 16, Mattes.area(alpha));
    }

    @Test
    void islandsBelowTheAreaAreRemovedAndLargerOnesKept() {
        float[] logits = Mattes.blank(N, N).square(2, 2, 20)
                .square(40, 4, 3)     // 9 px: removed
                .square(40, 30, 6)    // 36 px: kept
                .logits();
        float[] alpha = new MatteCleanup(Mattes.hard(0, 20, 0, 0)).apply(logits, N, N);
        assertEquals(400 + 36, Mattes.area(alpha));
        assertEquals(0f, alpha[5 * N + 41]);
    }

    @Test
    void theLargestRegionIsKeptEvenWhenSmallerThanTheArea() {
        float[] logits = Mattes.blank(N, N).square(2, 2, 4).square(40, 40, 3).logits();
        float[] alpha = new MatteCleanup(Mattes.hard(0, 100, 0, 0)).apply(logits, N, N);
        assertEquals(16, Mattes.area(alpha));
    }

    @Test
    void diagonalNeighboursAreOneIsland() {
        float[] logits = Mattes.blank(N, N).square(2, 2, 20).square(40, 40, 3).square(43, 43, 3).logits();
        assertEquals(400 + 18, Mattes.area(new MatteCleanup(Mattes.hard(0, 10, 0, 0)).apply(logits, N, N)));
        assertEquals(400, Mattes.area(new MatteCleanup(Mattes.hard(0, 18, 0, 0)).apply(logits, N, N)));
    }

    @Test
    void featherSoftensTheEdgeAndKeepsTotalAlpha() {
        float[] logits = Mattes.blank(N, N).square(16, 16, 32).logits();
        float[] alpha = new MatteCleanup(Mattes.hard(0, 0, 0, 6)).apply(logits, N, N);
        double total = 0;
        float max = 0;
        for (float a : alpha) {
            total += a;
            max = Math.max(max, a);
        }
        assertEquals(1024, total, 1024 * 0.01);
        assertTrue(max <= 1.0001f);
        float edge = alpha[32 * N + 16];
        assertTrue(edge > 0.3f && edge < 0.7f, "edge alpha " + edge);
        assertTrue(alpha[32 * N + 32] > 0.99f);
        assertTrue(alpha[2 * N + 2] < 0.01f);
    }

    @Test
    void stepsRunInTheDocumentedOrder() {
        // the 16 px hole is filled before shrinking, so shrinking by 1 leaves a clean 18x18 square
        float[] logits = Mattes.blank(N, N).square(10, 10, 20).hole(18, 18, 4, 4).logits();
        assertEquals(18 * 18, Mattes.area(new MatteCleanup(Mattes.hard(16, 0, -1, 0)).apply(logits, N, N)));
    }

    @Test
    void fullHdCleanupIsFastEnough() {
        int w = 1920;
        int h = 1080;
        float[] logits = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - 960;
                double dy = y - 540;
                logits[y * w + x] = (float) (300 - Math.sqrt(dx * dx + dy * dy)) / 10f;
            }
        }
        MatteCleanup cleanup = new MatteCleanup(new CleanupSettings(true, 1.0, 0, 500, 500, 8, 4.0, 0));
        cleanup.apply(logits, w, h);
        long t0 = System.nanoTime();
        float[] alpha = cleanup.apply(logits, w, h);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("clean-up of one 1920x1080 matte (all steps, grow 8, feather 4): " + ms + " ms");
        assertTrue(Mattes.area(alpha) > Math.PI * 300 * 300);
        assertTrue(ms < 5000, ms + " ms");
    }
}
