package org.sam2long.engine.eval;

/**
 * J, the region similarity of DAVIS: the intersection over union of the predicted and the true mask.
 * Both masks empty gives 1 (nothing to find, nothing found). Pixels marked void (DAVIS label 255)
 * count in neither mask.
 */
public final class RegionSimilarity {
    private RegionSimilarity() {}

    /** IoU of two row-major masks of {@code width x height}; 1 when both are empty. */
    public static double j(boolean[] predicted, boolean[] truth, int width, int height) {
        return j(predicted, truth, null, width, height);
    }

    /** As {@link #j(boolean[], boolean[], int, int)} with masks as bytes, non-zero = inside. */
    public static double j(byte[] predicted, byte[] truth, int width, int height) {
        return j(Masks.fromBytes(predicted), Masks.fromBytes(truth), null, width, height);
    }

    /** IoU ignoring the pixels where {@code voidPixels} is true ({@code null}: none). */
    public static double j(boolean[] predicted, boolean[] truth, boolean[] voidPixels, int width, int height) {
        Masks.check(predicted, width, height, "predicted");
        Masks.check(truth, width, height, "true");
        Masks.checkVoid(voidPixels, width, height);
        long inter = 0;
        long union = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (voidPixels != null && voidPixels[i]) {
                continue;
            }
            boolean p = predicted[i];
            boolean t = truth[i];
            if (p && t) {
                inter++;
            }
            if (p || t) {
                union++;
            }
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
