package org.sam2long.engine.frame;

/**
 * A generated clip with known ground truth, streamed frame by frame (never held whole): a red disc
 * (object 1) that moves right, leaves the frame, comes back and passes behind a grey bar, and a
 * green square (object 2), over a textured gradient. Used for the sample clip, tests and benchmarks.
 * The motion repeats every 120 frames, so any length can be streamed.
 */
public final class SyntheticClip extends GeneratedClip {
    public static final int DISC = 1;
    public static final int SQUARE = 2;
    public static final int PERIOD = 120;
    private static final int RADIUS = 26;
    private static final int SIDE = 40;
    private static final int BAR_X0 = 140;
    private static final int BAR_X1 = 200;

    private final boolean distractor;

    public SyntheticClip(int frames) {
        this(320, 240, frames, false);
    }

    /**
     * @param distractor add a slightly different red disc that drops in while the first one is hidden
     *                   (the demo model keeps to the disc here; {@link DistractorClip} is the case
     *                   where single-pathway SAM 2 follows the look-alike)
     */
    public SyntheticClip(int width, int height, int frames, boolean distractor) {
        super(width, height, frames);
        this.distractor = distractor;
    }

    @Override public String describe() { return "synthetic clip (" + frameCount() + " frames)"; }

    /** Disc centre on frame t in a 320x240 layout, scaled to the clip size. */
    public double[] discCentre(int t) {
        int u = t % PERIOD;
        double x = u <= 55 ? 60 + 6.0 * u : 390 - 5.0 * (u - 55);
        double y = 120 + 30 * Math.sin(u / 15.0);
        return new double[] {x * width() / 320.0, y * height() / 240.0};
    }

    public double[] squareCentre(int t) {
        int u = t % PERIOD;
        return new double[] {(80 + 40 * Math.sin(u / 20.0)) * width() / 320.0, 190.0 * height() / 240.0};
    }

    /** The distractor drops in from the top edge while the disc is behind the bar, then leaves to the right. */
    private double[] distractorCentre(int t) {
        int u = t % PERIOD;
        double y = u < 14 ? -100 : Math.min(-26 + 5.0 * (u - 14), 60);
        double x = u < 40 ? 262 : 262 + 4.0 * (u - 40);
        return new double[] {x * width() / 320.0, y * height() / 240.0};
    }

    /** What is visible at a pixel: DISC, SQUARE, -1 for the bar, -2 for the distractor, 0 for background. */
    @Override
    public int label(int t, int x, int y) {
        double sx = width() / 320.0;
        if (x >= BAR_X0 * sx && x < BAR_X1 * sx) {
            return -1;
        }
        double[] d = discCentre(t);
        double r = RADIUS * sx;
        if ((x - d[0]) * (x - d[0]) + (y - d[1]) * (y - d[1]) <= r * r) {
            return DISC;
        }
        if (distractor) {
            double[] e = distractorCentre(t);
            if ((x - e[0]) * (x - e[0]) + (y - e[1]) * (y - e[1]) <= r * r) {
                return -2;
            }
        }
        double[] s = squareCentre(t);
        double h = SIDE * sx / 2;
        if (Math.abs(x - s[0]) <= h && Math.abs(y - s[1]) <= h) {
            return SQUARE;
        }
        return 0;
    }
}
