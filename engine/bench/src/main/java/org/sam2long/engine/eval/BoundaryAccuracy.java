package org.sam2long.engine.eval;

/**
 * F, the contour accuracy of DAVIS: the F-measure of boundary precision and recall, where a boundary
 * pixel counts as matched when a boundary pixel of the other mask lies within the tolerance.
 *
 * <p><b>Boundary.</b> A boundary pixel is a foreground pixel with at least one background
 * 4-neighbour (left, right, up or down); pixels outside the image count as background, so a mask that
 * touches the frame edge has its contour along that edge. This is the inner one-pixel contour, an
 * 8-connected line. DAVIS's {@code seg2bmap} instead marks every pixel that differs from its right,
 * lower or lower-right neighbour (with zero padding on the right and bottom only), which may put the
 * line one pixel outside the object on two sides and leaves the top and left frame edges out; the two
 * lines are at most one pixel apart, well inside the tolerance, so scores differ only slightly.
 *
 * <p><b>Tolerance.</b> {@code r = ceil(0.008 * sqrt(width^2 + height^2))} pixels (DAVIS's
 * {@code bound_th = 0.008}), e.g. 8 for 854x480, 18 for 1920x1080. A boundary pixel is matched when it
 * lies in the other boundary dilated by the disk of radius {@code r}, the disk being all integer
 * offsets {@code (dx, dy)} with {@code dx^2 + dy^2 <= r^2} (as {@code skimage.morphology.disk}); this
 * is computed exactly as "squared Euclidean distance to the other boundary {@code <= r^2}".
 *
 * <p><b>Score.</b> precision = matched predicted boundary / predicted boundary, recall = matched true
 * boundary / true boundary, F = 2PR / (P + R). Both boundaries empty: F = 1. Exactly one empty: F = 0.
 * Void pixels (DAVIS label 255) are removed from the predicted mask before its boundary is taken, as
 * DAVIS does.
 */
public final class BoundaryAccuracy {
    /** DAVIS's boundary tolerance as a fraction of the image diagonal. */
    public static final double TOLERANCE_FRACTION = 0.008;

    private BoundaryAccuracy() {}

    /**
     * Precision, recall and F of one frame, with the boundary pixel counts.
     *
     * @param matchedPredicted predicted boundary pixels within tolerance of the true boundary
     * @param matchedTrue      true boundary pixels within tolerance of the predicted boundary
     */
    public record Result(double precision, double recall, double f, int predictedBoundary, int trueBoundary,
                         int matchedPredicted, int matchedTrue, int tolerance) {}

    /** F of two row-major masks of {@code width x height}. */
    public static double f(boolean[] predicted, boolean[] truth, int width, int height) {
        return measure(predicted, truth, null, width, height).f();
    }

    /** As {@link #f(boolean[], boolean[], int, int)} with masks as bytes, non-zero = inside. */
    public static double f(byte[] predicted, byte[] truth, int width, int height) {
        return measure(Masks.fromBytes(predicted), Masks.fromBytes(truth), null, width, height).f();
    }

    /** F ignoring void pixels ({@code null}: none). */
    public static double f(boolean[] predicted, boolean[] truth, boolean[] voidPixels, int width, int height) {
        return measure(predicted, truth, voidPixels, width, height).f();
    }

    /** The boundary tolerance in pixels for an image of this size: {@code ceil(0.008 * diagonal)}. */
    public static int tolerance(int width, int height) {
        double diagonal = Math.sqrt((double) width * width + (double) height * height);
        return (int) Math.ceil(TOLERANCE_FRACTION * diagonal);
    }

    /** The boundary pixels of a mask (see the class comment for the exact definition). */
    public static boolean[] boundary(boolean[] mask, int width, int height) {
        Masks.check(mask, width, height, "input");
        boolean[] b = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int i = row + x;
                if (!mask[i]) {
                    continue;
                }
                b[i] = x == 0 || !mask[i - 1]
                        || x == width - 1 || !mask[i + 1]
                        || y == 0 || !mask[i - width]
                        || y == height - 1 || !mask[i + width];
            }
        }
        return b;
    }

    /** The full result for one frame; {@code voidPixels} may be {@code null}. */
    public static Result measure(boolean[] predicted, boolean[] truth, boolean[] voidPixels, int width, int height) {
        Masks.check(predicted, width, height, "predicted");
        Masks.check(truth, width, height, "true");
        Masks.checkVoid(voidPixels, width, height);
        boolean[] pred = predicted;
        if (voidPixels != null) {
            pred = predicted.clone();
            for (int i = 0; i < pred.length; i++) {
                if (voidPixels[i]) {
                    pred[i] = false;
                }
            }
        }
        int r = tolerance(width, height);
        boolean[] pb = boundary(pred, width, height);
        boolean[] tb = boundary(truth, width, height);
        int[] box = {width, height, -1, -1}; // union bounding box of both boundaries
        int np = extend(pb, width, box);
        int nt = extend(tb, width, box);
        if (np == 0 && nt == 0) {
            return new Result(1, 1, 1, 0, 0, 0, 0, r);
        }
        if (np == 0 || nt == 0) {
            // DAVIS: nothing predicted -> precision 1, recall 0; nothing true -> precision 0, recall 1
            return new Result(np == 0 ? 1 : 0, nt == 0 ? 1 : 0, 0, np, nt, 0, 0, r);
        }
        int matchedPred = matched(pb, tb, width, box, r);
        int matchedTrue = matched(tb, pb, width, box, r);
        double precision = (double) matchedPred / np;
        double recall = (double) matchedTrue / nt;
        double f = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Result(precision, recall, f, np, nt, matchedPred, matchedTrue, r);
    }

    /** Counts the true pixels and grows the box {minX, minY, maxX, maxY} around them. */
    private static int extend(boolean[] b, int width, int[] box) {
        int n = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i]) {
                n++;
                int x = i % width;
                int y = i / width;
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
            }
        }
        return n;
    }

    /**
     * Pixels of {@code a} within distance {@code r} of some pixel of {@code other}. Both lie inside the box,
     * so the distance transform of {@code other} restricted to the box is exact there.
     */
    private static int matched(boolean[] a, boolean[] other, int width, int[] box, int r) {
        int x0 = box[0];
        int y0 = box[1];
        int w = box[2] - x0 + 1;
        int h = box[3] - y0 + 1;
        double[] d = DistanceTransform.squared(other, width, x0, y0, w, h);
        double r2 = (double) r * r;
        int n = 0;
        for (int y = 0; y < h; y++) {
            int src = (y0 + y) * width + x0;
            for (int x = 0; x < w; x++) {
                if (a[src + x] && d[y * w + x] <= r2) {
                    n++;
                }
            }
        }
        return n;
    }
}
