package org.sam2long.engine.frame;

/**
 * A generated clip where greedy tracking swaps objects: the red disc (object 1) moves behind a grey
 * bar and stays hidden; meanwhile a look-alike (a slightly different red) comes out on the other side
 * of the bar, where the disc would reappear, and later leaves the frame; then the disc comes back
 * out on the side it went in. The look-alike is never an object, so the truth for object 1 is empty
 * while the disc is hidden. Used to show that the memory tree recovers where single-pathway SAM 2
 * follows the look-alike. Streamed frame by frame, like {@link SyntheticClip}.
 */
public final class DistractorClip implements FrameSource {
    public static final int DISC = 1;
    /** Label of look-alike pixels in {@link #label}. */
    public static final int LOOK_ALIKE = -2;
    /** Frame on which the look-alike starts to come out from behind the bar. */
    public static final int LOOK_ALIKE_FROM = 30;
    private static final int RADIUS = 26;
    private static final int BAR_X0 = 140;
    private static final int BAR_X1 = 200;

    private final int width;
    private final int height;
    private final int frames;

    public DistractorClip(int frames) {
        this(320, 240, frames);
    }

    public DistractorClip(int width, int height, int frames) {
        this.width = width;
        this.height = height;
        this.frames = frames;
    }

    @Override public int frameCount() { return frames; }
    @Override public int width() { return width; }
    @Override public int height() { return height; }
    @Override public double frameRate() { return 24.0; }
    @Override public String describe() { return "distractor clip (" + frames + " frames)"; }

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
        return new double[] {x * width / 320.0, y * height / 240.0};
    }

    /** What is visible at a pixel: DISC, -1 for the bar, LOOK_ALIKE, 0 for background. */
    public int label(int t, int x, int y) {
        double sx = width / 320.0;
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
        boolean[] m = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                m[y * width + x] = label(t, x, y) == DISC;
            }
        }
        return m;
    }

    @Override
    public Frame read(int index) throws FrameSourceException {
        if (index < 0 || index >= frames) {
            throw new FrameSourceException(describe() + " has no frame " + index);
        }
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int id = label(index, x, y);
                int o = (y * width + x) * 3;
                if (id == DISC) {
                    put(rgb, o, 220, 40, 40);
                } else if (id == LOOK_ALIKE) {
                    put(rgb, o, 200, 50, 55);
                } else if (id == -1) {
                    put(rgb, o, 128, 128, 128);
                } else {
                    double fx = (double) x / width;
                    int n = SyntheticClip.noise(x, y, index) - 10;
                    put(rgb, o, (int) (40 + 50 * fx) + n, (int) (60 + 50 * fx) + n, (int) (90 - 30 * fx) + n);
                }
            }
        }
        return new Frame(index, width, height, rgb);
    }

    private static void put(byte[] rgb, int o, int r, int g, int b) {
        rgb[o] = (byte) r;
        rgb[o + 1] = (byte) g;
        rgb[o + 2] = (byte) b;
    }
}
