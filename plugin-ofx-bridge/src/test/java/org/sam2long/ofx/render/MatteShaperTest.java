package org.sam2long.ofx.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.matte.Matte;
import org.sam2long.ofx.testing.Mattes;

class MatteShaperTest {
    private static final Matte SQUARE = Mattes.square(1, 0, 32, 8, 64, 64);

    private static double area(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s;
    }

    @Test
    void withoutCleanupAlphaIsExactlyTheEnginesBinaryMatte() {
        float[] a = new MatteShaper(QuickCleanup.none()).alpha(SQUARE, 64, 64, 1);
        byte[] b = SQUARE.binary();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], "pixel " + i);
        }
    }

    @Test
    void growAndShrinkChangeTheAreaTheRightWay() {
        double plain = area(new MatteShaper(QuickCleanup.none()).alpha(SQUARE, 64, 64, 1));
        double grown = area(new MatteShaper(new QuickCleanup(false, 1, 2, 0)).alpha(SQUARE, 64, 64, 1));
        double shrunk = area(new MatteShaper(new QuickCleanup(false, 1, -2, 0)).alpha(SQUARE, 64, 64, 1));
        assertTrue(grown > plain && plain > shrunk, grown + " > " + plain + " > " + shrunk);
    }

    @Test
    void featherMakesSoftEdgesAndKeepsTheArea() {
        float[] a = new MatteShaper(new QuickCleanup(false, 1, 0, 3)).alpha(SQUARE, 64, 64, 1);
        boolean soft = false;
        for (float v : a) soft |= v > 0.05f && v < 0.95f;
        assertTrue(soft);
        assertEquals(area(new MatteShaper(QuickCleanup.none()).alpha(SQUARE, 64, 64, 1)), area(a), 1.0);
    }

    @Test
    void softAlphaStaysBetweenZeroAndOne() {
        for (float v : new MatteShaper(new QuickCleanup(true, 2, 0, 0)).alpha(SQUARE, 64, 64, 1)) {
            assertTrue(v > 0 && v < 1);
        }
    }

    @Test
    void aProxyRenderGetsAMatteAtTheProxySize() {
        assertEquals(32 * 32, new MatteShaper(QuickCleanup.none()).alpha(SQUARE, 32, 32, 0.5).length);
    }
}
