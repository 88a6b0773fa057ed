package org.sam2long.engine.frame;

/**
 * One decoded picture of a shot, display-referred 8-bit RGB, interleaved, row-major, top row first.
 * {@code index} is the 0-based position in its {@link FrameSource}, not the file's frame number.
 */
public record Frame(int index, int width, int height, byte[] rgb) {
    public Frame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame " + index + " has an empty size " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("frame " + index + " holds " + rgb.length
                    + " bytes, expected " + (width * height * 3) + " for " + width + "x" + height + " RGB");
        }
    }

    /** Red, green, blue of pixel (x, y) as 0..255. */
    public int red(int x, int y) { return rgb[(y * width + x) * 3] & 0xff; }
    public int green(int x, int y) { return rgb[(y * width + x) * 3 + 1] & 0xff; }
    public int blue(int x, int y) { return rgb[(y * width + x) * 3 + 2] & 0xff; }
}
