package org.sam2long.engine.matte;

/** Builders for test mattes: logits of +8 inside drawn rectangles, -8 elsewhere. */
final class Mattes {
    static final float IN = 8f;
    static final float OUT = -8f;

    private final int w;
    private final int h;
    private final float[] logits;

    private Mattes(int w, int h) {
        this.w = w;
        this.h = h;
        this.logits = new float[w * h];
        java.util.Arrays.fill(logits, OUT);
    }

    static Mattes blank(int w, int h) {
        return new Mattes(w, h);
    }

    /** Fills [x0, x0+rw) x [y0, y0+rh) with {@code value}. */
    Mattes rect(int x0, int y0, int rw, int rh, float value) {
        for (int y = y0; y < y0 + rh; y++) {
            for (int x = x0; x < x0 + rw; x++) {
                logits[y * w + x] = value;
            }
        }
        return this;
    }

    Mattes square(int x0, int y0, int side) {
        return rect(x0, y0, side, side, IN);
    }

    Mattes hole(int x0, int y0, int rw, int rh) {
        return rect(x0, y0, rw, rh, OUT);
    }

    float[] logits() {
        return logits.clone();
    }

    /** The same logits as an engine matte whose low-res grid equals the source size (no resampling). */
    Matte matte(int objectId, int frameIndex) {
        if (w != h) {
            throw new IllegalArgumentException("square only");
        }
        return new Matte(objectId, frameIndex, w, logits.clone(), w, h, 5f, 0, 0.0);
    }

    static long area(float[] alpha) {
        long n = 0;
        for (float a : alpha) {
            n += a >= 0.5f ? 1 : 0;
        }
        return n;
    }

    static CleanupSettings hard(int holes, int islands, int grow, double feather) {
        return new CleanupSettings(false, 1.0, 0.0, holes, islands, grow, feather, 0);
    }
}
