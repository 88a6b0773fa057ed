package org.sam2long.engine.media;

import org.sam2long.engine.frame.Frame;

/** Quarter-turn rotation of interleaved RGB pictures. */
final class Rotation {
    private Rotation() {}

    /** A frame turned clockwise by 0, 90, 180 or 270 degrees (same index). */
    static Frame rotate(Frame f, int clockwise) {
        boolean swap = clockwise == 90 || clockwise == 270;
        return new Frame(f.index(), swap ? f.height() : f.width(), swap ? f.width() : f.height(),
                rotate(f.rgb(), f.width(), f.height(), clockwise));
    }

    /** {@code rgb} (w x h) turned clockwise by 0, 90, 180 or 270 degrees. */
    static byte[] rotate(byte[] rgb, int w, int h, int clockwise) {
        if (clockwise == 0) {
            return rgb;
        }
        byte[] out = new byte[rgb.length];
        int ow = clockwise == 180 ? w : h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int nx;
                int ny;
                if (clockwise == 90) {
                    nx = h - 1 - y;
                    ny = x;
                } else if (clockwise == 180) {
                    nx = w - 1 - x;
                    ny = h - 1 - y;
                } else {
                    nx = y;
                    ny = w - 1 - x;
                }
                int s = (y * w + x) * 3;
                int d = (ny * ow + nx) * 3;
                out[d] = rgb[s];
                out[d + 1] = rgb[s + 1];
                out[d + 2] = rgb[s + 2];
            }
        }
        return out;
    }
}
