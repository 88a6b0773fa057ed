package org.sam2long.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RegionSimilarityTest {

    @Test
    void identicalMasksScoreOne() {
        boolean[] m = Squares.rect(8, 8, 2, 2, 4, 4);
        assertEquals(1.0, RegionSimilarity.j(m, m.clone(), 8, 8));
    }

    @Test
    void disjointMasksScoreZero() {
        assertEquals(0.0, RegionSimilarity.j(Squares.rect(8, 8, 0, 0, 3, 3), Squares.rect(8, 8, 4, 4, 3, 3), 8, 8));
    }

    @Test
    void squareShiftedByOnePixel() {
        // 4x4 squares at x=2..5 and x=3..6: intersection 3x4 = 12, union 16 + 16 - 12 = 20
        boolean[] truth = Squares.rect(8, 8, 2, 2, 4, 4);
        assertEquals(12.0 / 20, RegionSimilarity.j(Squares.rect(8, 8, 3, 2, 4, 4), truth, 8, 8), 1e-12);
        // shifted diagonally by (1, 1): intersection 3x3 = 9, union 32 - 9 = 23
        assertEquals(9.0 / 23, RegionSimilarity.j(Squares.rect(8, 8, 3, 3, 4, 4), truth, 8, 8), 1e-12);
    }

    @Test
    void emptyVersusEmptyIsOneAndEmptyVersusSomethingIsZero() {
        boolean[] empty = new boolean[64];
        assertEquals(1.0, RegionSimilarity.j(empty, empty, 8, 8));
        assertEquals(0.0, RegionSimilarity.j(empty, Squares.rect(8, 8, 1, 1, 2, 2), 8, 8));
        assertEquals(0.0, RegionSimilarity.j(Squares.rect(8, 8, 1, 1, 2, 2), empty, 8, 8));
    }

    @Test
    void voidPixelsCountInNeitherMask() {
        boolean[] truth = Squares.rect(8, 8, 2, 2, 4, 4);
        // prediction: the square plus a 2x4 band on its right, which is void -> still a perfect match
        boolean[] pred = Squares.rect(8, 8, 2, 2, 6, 4);
        boolean[] voids = Squares.rect(8, 8, 6, 0, 2, 8);
        assertEquals(1.0, RegionSimilarity.j(pred, truth, voids, 8, 8));
        assertEquals(16.0 / 24, RegionSimilarity.j(pred, truth, 8, 8), 1e-12);
    }

    @Test
    void byteMasksUseNonZeroAsInside() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        a[0] = 1;
        a[1] = (byte) 255;
        b[1] = 7;
        assertEquals(0.5, RegionSimilarity.j(a, b, 4, 4));
    }

    @Test
    void wrongSizeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RegionSimilarity.j(new boolean[10], new boolean[12], 3, 4));
    }
}
