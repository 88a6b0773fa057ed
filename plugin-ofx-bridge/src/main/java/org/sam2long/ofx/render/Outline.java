package org.sam2long.ofx.render;

/** The matte's outline: pixels inside (alpha >= 0.5) with a 4-neighbour outside. */
public final class Outline {
    private Outline() {}

    public static byte[] of(float[] alpha, int w, int h) {
        byte[] edge = new byte[alpha.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (alpha[i] >= 0.5f && (outside(alpha, w, h, x - 1, y) || outside(alpha, w, h, x + 1, y)
                        || outside(alpha, w, h, x, y - 1) || outside(alpha, w, h, x, y + 1))) {
                    edge[i] = 1;
                }
            }
        }
        return edge;
    }

    private static boolean outside(float[] a, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && a[y * w + x] < 0.5f;
    }
}
