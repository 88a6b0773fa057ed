package org.sam2long.engine.frame;

/**
 * A clip painted from a label per pixel (objects, the grey bar, a look-alike, a textured gradient
 * for the background), streamed frame by frame; subclasses place the shapes. Ground truth comes
 * from the same labels.
 */
abstract class GeneratedClip implements FrameSource {
    static final int BAR = -1;
    static final int LOOK_ALIKE_LABEL = -2;

    private final int width;
    private final int height;
    private final int frames;

    GeneratedClip(int width, int height, int frames) {
        this.width = width;
        this.height = height;
        this.frames = frames;
    }

    @Override public int frameCount() { return frames; }
    @Override public int width() { return width; }
    @Override public int height() { return height; }
    @Override public double frameRate() { return 24.0; }

    /** What is visible at a pixel: an object id (> 0), -1 for the bar, -2 for a look-alike, 0 for background. */
    public abstract int label(int t, int x, int y);

    /** Ground-truth visible mask of an object on frame t. */
    public boolean[] truth(int object, int t) {
        boolean[] m = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                m[y * width + x] = label(t, x, y) == object;
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
                int o = (y * width + x) * 3;
                int id = label(index, x, y);
                int r, g, b;
                if (id == 1) {
                    r = 220; g = 40; b = 40;
                } else if (id == LOOK_ALIKE_LABEL) {
                    r = 200; g = 50; b = 55;
                } else if (id == 2) {
                    r = 40; g = 200; b = 70;
                } else if (id == BAR) {
                    r = 128; g = 128; b = 128;
                } else {
                    double fx = (double) x / width;
                    int n = noise(x, y, index) - 10;
                    r = (int) (40 + 50 * fx) + n;
                    g = (int) (60 + 50 * fx) + n;
                    b = (int) (90 - 30 * fx) + n;
                }
                rgb[o] = (byte) r;
                rgb[o + 1] = (byte) g;
                rgb[o + 2] = (byte) b;
            }
        }
        return new Frame(index, width, height, rgb);
    }

    private static int noise(int x, int y, int t) {
        int h = x * 73856093 ^ y * 19349663 ^ (t % 7) * 83492791;
        h ^= h >>> 13;
        h *= 0x5bd1e995;
        h ^= h >>> 15;
        return (h & 0xff) % 21;
    }
}
