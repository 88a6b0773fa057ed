package org.sam2long.ofx.testing;

import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.ofx.track.FrameConversion;

/**
 * The C test host's synthetic clip, frame for frame ({@code src/test/c/testhost.c} computes the same
 * numbers): 160x120, 24 frames, a saturated red disc (220, 40, 40) of radius 18 (0.15 of the height)
 * moving over a darker blue-grey background with a horizontal gradient and a little per-pixel noise
 * that changes with the frame. The host feeds {@code byte / 255} floats; they go through
 * {@link FrameConversion} here too, so the engine sees exactly the frames it sees through the plug-in.
 */
public final class DiscClip implements FrameSource {
    public static final int W = 160;
    public static final int H = 120;
    public static final int FRAMES = 24;
    public static final double RADIUS = 18;
    private static final int[] DISC = {220, 40, 40};

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

    /** 8-bit colour of pixel (x, y), top row first, on frame t. */
    private static int[] colour(int t, int x, int y) {
        if (inside(t, x, y)) {
            return DISC;
        }
        int n = noise(x, y, t) - 8;
        int ramp = 40 * x / W;
        return new int[] {35 + ramp + n, 50 + ramp + n, 80 - ramp / 2 + n};
    }

    /** 0..16, a hash of the pixel and the frame modulo 7 (unsigned 32-bit arithmetic, as in the C host). */
    private static int noise(int x, int y, int t) {
        int h = x * 73856093 ^ y * 19349663 ^ (t % 7) * 83492791;
        h ^= h >>> 13;
        h *= 0x5bd1e995;
        h ^= h >>> 15;
        return (h & 0xff) % 17;
    }

    @Override
    public Frame read(int t) throws FrameSourceException {
        if (t < 0 || t >= FRAMES) {
            throw new FrameSourceException("the disc clip has no frame " + t);
        }
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int[] c = colour(t, x, y);
                int o = (y * W + x) * 3;
                for (int k = 0; k < 3; k++) {
                    rgb[o + k] = (byte) FrameConversion.toByte(c[k] / 255f);
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
