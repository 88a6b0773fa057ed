package org.sam2long.engine.eval;

/** Hand-made test masks. */
final class Squares {
    private Squares() {}

    /** A {@code w x h} mask with the axis-aligned rectangle {@code [x, x + sw) x [y, y + sh)} set. */
    static boolean[] rect(int w, int h, int x, int y, int sw, int sh) {
        boolean[] m = new boolean[w * h];
        for (int yy = y; yy < y + sh; yy++) {
            for (int xx = x; xx < x + sw; xx++) {
                if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                    m[yy * w + xx] = true;
                }
            }
        }
        return m;
    }

    static boolean[] or(boolean[] a, boolean[] b) {
        boolean[] m = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            m[i] = a[i] || b[i];
        }
        return m;
    }
}
