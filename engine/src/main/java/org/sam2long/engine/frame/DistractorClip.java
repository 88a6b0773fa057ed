package org.sam2long.engine.frame;

/**
 * A generated clip where greedy tracking swaps objects: the red disc (object 1) moves behind a grey
 * bar and stays hidden; meanwhile a look-alike (a slightly different red) comes out on the other side
 * of the bar, where the disc would reappear, and later leaves the frame; then the disc comes back
 * out on the side it went in. The look-alike is never an object, so the truth for object 1 is empty
 * while the disc is hidden. Used to show that the memory tree recovers where single-pathway SAM 2
 * follows the look-alike. Streamed frame by frame, like {@link SyntheticClip}.
 */
public final class DistractorClip extends GeneratedClip {
    public static final int DISC = 1;
    /** Label of look-alike pixels in {@link #label}. */
    public static final int LOOK_ALIKE = LOOK_ALIKE_LABEL;
    /** Frame on which the look-alike starts to come out from behind the bar. */
    public static final int LOOK_ALIKE_FROM = 30;
    private static final int RADIUS = 26;
    private static final int BAR_X0 = 140;
    private static final int BAR_X1 = 200;


    public DistractorClip(int frames) {
        this(320, 240, frames);
    }

    public DistractorClip(int width, int height, int frames) {
        super(width, height, frames);
    }

    @Override public String describe() { return "distractor clip (" + frameCount() + " frames)"; }

    /** Disc centre on frame t: right at 4 px a frame until hidden behind the bar, back out from frame 46. */
    public double[] discCentre(int t) {
        double x = t <= 45 ? Math.min(60 + 4.0 * t, 170) : 170 - 4.0 * (t - 45);
        return scaled(Math.max(x, 40), 120);
    }

    /** Look-alike centre on frame t, or null before it appears. */
    public double[] lookAlikeCentre(int t) {
        return t < LOOK_ALIKE_FROM ? null : scaled(185 + 4.0 * (t - LOOK_ALIKE_FROM), 120);
    }

    private double[] scaled(double x, double y) {
        return new double[] {x * width() / 320.0, y * height() / 240.0};
    }

    /** What is visible at a pixel: DISC, -1 for the bar, LOOK_ALIKE, 0 for background. */
    @Override
    public int label(int t, int x, int y) {
        double sx = width() / 320.0;
        if (x >= BAR_X0 * sx && x < BAR_X1 * sx) {
            return -1;
        }
        double r = RADIUS * sx;
        double[] d = discCentre(t);
        if ((x - d[0]) * (x - d[0]) + (y - d[1]) * (y - d[1]) <= r * r) {
            return DISC;
        }
        double[] e = lookAlikeCentre(t);
        if (e != null && (x - e[0]) * (x - e[0]) + (y - e[1]) * (y - e[1]) <= r * r) {
            return LOOK_ALIKE;
        }
        return 0;
    }

    /** Ground-truth visible mask of the disc on frame t. */
    public boolean[] truth(int t) {
        return truth(DISC, t);
    }
}
