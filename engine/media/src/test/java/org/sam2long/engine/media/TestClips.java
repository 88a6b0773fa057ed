package org.sam2long.engine.media;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.sam2long.engine.frame.Frame;

/**
 * Small synthetic clips written with JavaCV's recorder. Every frame shows its own index as eight
 * black/white 16 px blocks on the top row (bit 0 on the left) and three colour patches (red, green,
 * blue) in the middle band, so tests can check frame identity and colour after lossy coding.
 */
final class TestClips {
    static final int W = 128;
    static final int H = 96;
    static final int[] RED = {200, 40, 40};
    static final int[] GREEN = {40, 200, 40};
    static final int[] BLUE = {40, 40, 200};

    private TestClips() {}

    /** RGB bytes of frame {@code index}. */
    static byte[] pattern(int index) {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int[] c;
                if (y < 16) {
                    int v = ((index >> (x / 16)) & 1) != 0 ? 235 : 20;
                    c = new int[] {v, v, v};
                } else if (y >= 32 && y < 64) {
                    c = x < 43 ? RED : x < 86 ? GREEN : BLUE;
                } else {
                    c = new int[] {128, 128, 128};
                }
                int o = (y * W + x) * 3;
                rgb[o] = (byte) c[0];
                rgb[o + 1] = (byte) c[1];
                rgb[o + 2] = (byte) c[2];
            }
        }
        return rgb;
    }

    /** The index a decoded (upright) frame shows, read from the centres of its bit blocks. */
    static int indexShown(Frame f) {
        int index = 0;
        for (int b = 0; b < 8; b++) {
            if (f.green(b * 16 + 8, 8) > 128) {
                index |= 1 << b;
            }
        }
        return index;
    }

    /**
     * Writes {@code frames} pattern frames. {@code slots} (may be null) gives each frame's time slot
     * at {@code fps}, for variable frame rate; {@code tweak} sets codec options before start.
     */
    static Path write(Path file, String format, String codec, int pixelFormat, int frames, double fps,
                      int[] slots, Consumer<FFmpegFrameRecorder> tweak) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), W, H, 0)) {
            r.setFormat(format);
            r.setVideoCodecName(codec);
            r.setFrameRate(fps);
            if (pixelFormat >= 0) {
                r.setPixelFormat(pixelFormat);
            }
            r.setVideoBitrate(4_000_000);
            tweak.accept(r);
            r.start();
            org.bytedeco.javacv.Frame f = new org.bytedeco.javacv.Frame(W, H, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < frames; i++) {
                byte[] rgb = pattern(i);
                ByteBuffer buf = (ByteBuffer) f.image[0];
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int s = (y * W + x) * 3;
                        int d = y * f.imageStride + x * 3;
                        buf.put(d, rgb[s + 2]).put(d + 1, rgb[s + 1]).put(d + 2, rgb[s]);
                    }
                }
                if (slots != null) {
                    r.setFrameNumber(slots[i]);
                }
                r.record(f);
            }
            r.stop();
        }
        return file;
    }

    static void assertColour(Frame f, int x, int y, int[] expected, int tolerance) {
        int[] got = {f.red(x, y), f.green(x, y), f.blue(x, y)};
        for (int c = 0; c < 3; c++) {
            if (Math.abs(got[c] - expected[c]) > tolerance) {
                throw new AssertionError("pixel (" + x + "," + y + ") of frame " + f.index() + " is "
                        + java.util.Arrays.toString(got) + ", expected " + java.util.Arrays.toString(expected)
                        + " within " + tolerance);
            }
        }
    }
}
