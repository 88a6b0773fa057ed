package org.sam2long.ofx.track;

/**
 * Host pixels to engine pixels: OFX rows are bottom-up RGBA/RGB floats (0..1); the engine wants 8-bit
 * RGB, top row first. Rounding is {@code round(clamp(v) * 255)}, the same everywhere a clip is
 * turned into engine frames, so the plug-in and the command line see identical frames.
 */
public final class FrameConversion {
    private FrameConversion() {}

    public static int toByte(float v) {
        float c = v < 0 ? 0 : Math.min(v, 1);
        return Math.round(c * 255f);
    }

    /**
     * Writes one host row into {@code rgb}.
     *
     * @param row       host pixels, {@code channels} per pixel
     * @param topRow    the row's index counted from the top of the frame
     */
    public static void putRow(float[] row, int channels, int width, int topRow, byte[] rgb) {
        int o = topRow * width * 3;
        for (int x = 0; x < width; x++) {
            int i = x * channels;
            if (channels == 1) {
                byte v = (byte) toByte(row[i]);
                rgb[o++] = v;
                rgb[o++] = v;
                rgb[o++] = v;
            } else {
                rgb[o++] = (byte) toByte(row[i]);
                rgb[o++] = (byte) toByte(row[i + 1]);
                rgb[o++] = (byte) toByte(row[i + 2]);
            }
        }
    }
}
