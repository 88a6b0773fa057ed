package org.sam2long.ofx.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatteOutlineTest {

    @Test
    void emptyAndFullMattesHaveNoInnerOutline() {
        assertEquals(0, MatteOutline.segments(filled(8, -5f), 8, 80, 80).length);
        // a full matte is outlined along the image edge (outside the matte counts as outside)
        double[] full = MatteOutline.segments(filled(8, 5f), 8, 80, 80);
        assertEquals((4 * 9 - 4) * 4, full.length, "a ring of 9 x 9 cells, 4 values per segment");
    }

    @Test
    void oneInsideCellGivesAClosedDiamondAtTheZeroCrossings() {
        float[] l = filled(5, -1f);
        l[2 * 5 + 2] = 1f; // the centre cell; crossings half way to each neighbour
        double[] s = MatteOutline.segments(l, 5, 50, 50);
        assertEquals(4 * 4, s.length);
        for (int i = 0; i < s.length; i += 2) {
            double dx = s[i] - 25, dy = s[i + 1] - 25; // the centre cell's centre is at (25, 25)
            assertEquals(5, Math.abs(dx) + Math.abs(dy), 1e-9, "point " + s[i] + "," + s[i + 1]);
        }
    }

    @Test
    void aDiscIsOutlinedAtItsRadiusInSourcePixels() {
        int m = 64;
        float[] l = new float[m * m];
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                l[y * m + x] = (float) (20 - Math.hypot(x + 0.5 - 32, y + 0.5 - 32));
            }
        }
        double[] s = MatteOutline.segments(l, m, 1920, 1080);
        assertTrue(s.length > 100);
        for (int i = 0; i < s.length; i += 2) {
            double x = s[i] / 30.0, y = s[i + 1] / (1080.0 / 64); // back to cells
            assertEquals(20, Math.hypot(x - 32, y - 32), 0.1);
        }
    }

    @Test
    void saddleCellsCutEachInsideCornerOff() {
        float[] l = {1f, -1f, -1f, 1f}; // a and c inside: two separate corners
        double[] s = MatteOutline.segments(l, 2, 2, 2);
        // the inner cell alone holds the saddle; each of its two segments keeps to one corner
        int inner = 0;
        for (int i = 0; i < s.length; i += 4) {
            boolean inside = true;
            for (int k = 0; k < 4; k++) {
                inside &= s[i + k] >= 0.5 - 1e-9 && s[i + k] <= 1.5 + 1e-9;
            }
            if (inside) {
                inner++;
                double mx = (s[i] + s[i + 2]) / 2, my = (s[i + 1] + s[i + 3]) / 2;
                assertTrue((mx < 1 && my < 1) || (mx > 1 && my > 1), "segment at " + mx + "," + my);
            }
        }
        assertEquals(2, inner);
    }

    private static float[] filled(int m, float v) {
        float[] l = new float[m * m];
        java.util.Arrays.fill(l, v);
        return l;
    }
}
