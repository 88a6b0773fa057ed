package org.sam2long.engine.media;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Writes test input images with OpenCV (a different library from the FFmpeg readers under test). */
final class TestImages {
    private TestImages() {}

    /** Colour of pixel (x, y) of frame {@code f}, 16-bit per channel. */
    static int[] rgb16(int f, int x, int y) {
        return new int[] {(x * 1000 + f * 7) & 0xffff, (y * 1500 + 300) & 0xffff, (f * 9000 + x * 13 + y * 17) & 0xffff};
    }

    /** An 8-bit RGB image (PNG, TIFF, JPEG by extension) whose pixels are {@code rgb16 >> 8}. */
    static void write8(Path file, int w, int h, int frame) {
        try (Mat m = new Mat(h, w, CV_8UC3)) {
            byte[] bgr = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] c = rgb16(frame, x, y);
                    int o = (y * w + x) * 3;
                    bgr[o] = (byte) (c[2] >> 8);
                    bgr[o + 1] = (byte) (c[1] >> 8);
                    bgr[o + 2] = (byte) (c[0] >> 8);
                }
            }
            m.data().put(bgr);
            check(opencv_imgcodecs.imwrite(file.toString(), m), file);
        }
    }

    /** A 16-bit RGB image (PNG or TIFF) with pixels {@code rgb16}. */
    static void write16(Path file, int w, int h, int frame) {
        try (Mat m = new Mat(h, w, CV_16UC3)) {
            short[] bgr = new short[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] c = rgb16(frame, x, y);
                    int o = (y * w + x) * 3;
                    bgr[o] = (short) c[2];
                    bgr[o + 1] = (short) c[1];
                    bgr[o + 2] = (short) c[0];
                }
            }
            new ShortPointer(m.data()).put(bgr);
            check(opencv_imgcodecs.imwrite(file.toString(), m), file);
        }
    }

    /** A linear-light RGB OpenEXR (our Java writer) with pixels {@code rgb16 / 65535}. */
    static void writeExr(Path file, int w, int h, int frame, ExrWriter.PixelType type) throws Exception {
        float[][] planes = new float[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = rgb16(frame, x, y);
                for (int k = 0; k < 3; k++) {
                    planes[k][y * w + x] = c[k] / 65535f;
                }
            }
        }
        byte[] bytes = ExrWriter.encode(w, h, List.of(new ExrWriter.Channel("R", planes[0]),
                new ExrWriter.Channel("G", planes[1]), new ExrWriter.Channel("B", planes[2])), type,
                ExrWriter.Compression.ZIP, Map.of());
        java.nio.file.Files.write(file, bytes);
    }

    private static void check(boolean ok, Path file) {
        if (!ok) {
            throw new IllegalStateException("OpenCV could not write " + file);
        }
    }
}
