package org.sam2long.engine.eval;

/** Small helpers shared by the metrics: argument checks and conversions to {@code boolean[]}. */
public final class Masks {
    private Masks() {}

    /** {@code true} where the byte is non-zero. */
    public static boolean[] fromBytes(byte[] mask) {
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] != 0;
        }
        return out;
    }

    /** {@code true} where {@code alpha > threshold} (0.5 for a matte whose edge is the logit-0 contour). */
    public static boolean[] fromAlpha(float[] alpha, float threshold) {
        boolean[] out = new boolean[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            out[i] = alpha[i] > threshold;
        }
        return out;
    }

    /** Number of {@code true} pixels. */
    public static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    static void check(boolean[] mask, int width, int height, String what) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height + ".");
        }
        if (mask == null) {
            throw new IllegalArgumentException("The " + what + " mask is null.");
        }
        if ((long) width * height != mask.length) {
            throw new IllegalArgumentException("The " + what + " mask has " + mask.length + " pixels but "
                    + width + "x" + height + " needs " + (long) width * height + ".");
        }
    }

    static void checkVoid(boolean[] voidPixels, int width, int height) {
        if (voidPixels != null) {
            check(voidPixels, width, height, "void");
        }
    }
}
