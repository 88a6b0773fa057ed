package org.sam2long.ofx.testing;

import org.sam2long.engine.matte.Matte;

/** Small matte builders for tests. */
public final class Mattes {
    private Mattes() {}

    /** An M x M matte whose logits are +5 inside a centred square of half-size {@code half} cells, -5 outside. */
    public static Matte square(int object, int frame, int m, int half, int width, int height) {
        float[] logits = new float[m * m];
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                boolean in = Math.abs(x - m / 2) < half && Math.abs(y - m / 2) < half;
                logits[y * m + x] = in ? 5f : -5f;
            }
        }
        return new Matte(object, frame, m, logits, width, height, 1f, 0, 0);
    }
}
