package org.sam2long.ofx.testing;

import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.ofx.track.FrameConversion;

/**
 * The C test host's synthetic clip, frame for frame: 160x120, 24 frames, a red disc of radius 18
 * moving over a plain blue-grey background. Pixels go through {@link FrameConversion} from the same
 * float values the host feeds, so the engine sees exactly what it sees through the plug-in.
 */
public final class DiscClip implements FrameSource {
    public static final int W = 160;
    public static final int H = 120;
    public static final int FRAMES = 24;
    public static final double RADIUS = 18;
    private static final float[] BG = {0.2f, 0.3f, 0.45f};
    private static final float[] DISC = {0.863f, 0.157f, 0.157f};

    @Override public int frameCount() { return FRAMES; }
    @Override public int width() { return W; }
    @Override public int height() { return H; }
    @Override public double frameRate() { return 24; }

    public static double[] centre(int t) {
        return new double[] {40.0 + 80.0 * t / 23.0, 60.0 + 15.0 * Math.sin(0.3 * t)};
    }

    public static boolean inside(int t, int x, int y) {
        double[] c = centre(t);
        double dx = x + 0.5 - c[0], dy = y + 0.5 - c[1];
        return dx * dx + dy * dy <= RADIUS * RADIUS;
    }

    @Override
    public Frame read(int t) throws FrameSourceException {
        if (t < 0 || t >= FRAMES) {
            throw new FrameSourceException("the disc clip has no frame " + t);
        }
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float[] c = inside(t, x, y) ? DISC : BG;
                int o = (y * W + x) * 3;
                for (int k = 0; k < 3; k++) {
                    rgb[o + k] = (byte) FrameConversion.toByte(c[k]);
                }
            }
        }
        return new Frame(t, W, H, rgb);
    }

    /** Intersection over union of a binary matte (top row first) with the disc on frame t. */
    public static double iou(int t, byte[] binary) {
        long inter = 0, union = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean m = binary[y * W + x] != 0, g = inside(t, x, y);
                inter += m && g ? 1 : 0;
                union += m || g ? 1 : 0;
            }
        }
        return union == 0 ? 1 : (double) inter / union;
    }
}
