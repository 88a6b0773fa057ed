package org.sam2long.engine.matte;

/**
 * A cleaned-up matte: alpha in [0, 1] at source resolution for one object on one frame.
 *
 * @param objectId   the object's stable id
 * @param frameIndex 0-based index in the frame source
 * @param width      source width in pixels
 * @param height     source height in pixels
 * @param alpha      width x height values, row-major, top row first (not copied; do not modify)
 */
public record AlphaMatte(int objectId, int frameIndex, int width, int height, float[] alpha) {
    public AlphaMatte {
        if (alpha.length != width * height) {
            throw new IllegalArgumentException("alpha of object " + objectId + " frame " + frameIndex + " has "
                    + alpha.length + " values, expected " + width + "x" + height);
        }
    }

    /** Sum of alpha over all pixels (the matte's soft area). */
    public double coverage() {
        double sum = 0;
        for (float a : alpha) {
            sum += a;
        }
        return sum;
    }
}
