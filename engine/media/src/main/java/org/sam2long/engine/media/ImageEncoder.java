package org.sam2long.engine.media;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC4;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes 8/16-bit gray or RGBA pixels to PNG or TIFF bytes in memory with OpenCV (so that the file
 * itself can be written atomically). PNG uses zlib level 3; TIFF uses LZW.
 */
final class ImageEncoder {
    private ImageEncoder() {}

    /** 16-bit samples (1 = gray, 4 = RGBA interleaved) to ".png" or ".tif" bytes. */
    static byte[] encode16(String ext, int w, int h, int channels, short[] samples) {
        try (Mat m = new Mat(h, w, channels == 1 ? CV_16UC1 : CV_16UC4)) {
            new ShortPointer(m.data()).put(channels == 4 ? swapRedBlue(samples) : samples);
            return encode(ext, m);
        }
    }

    /** 8-bit samples (1 = gray, 4 = RGBA interleaved) to ".png" or ".tif" bytes. */
    static byte[] encode8(String ext, int w, int h, int channels, byte[] samples) {
        try (Mat m = new Mat(h, w, channels == 1 ? CV_8UC1 : CV_8UC4)) {
            byte[] s = samples;
            if (channels == 4) {
                s = samples.clone();
                for (int i = 0; i < s.length; i += 4) {
                    byte r = s[i];
                    s[i] = s[i + 2];
                    s[i + 2] = r;
                }
            }
            m.data().put(s);
            return encode(ext, m);
        }
    }

    private static short[] swapRedBlue(short[] rgba) {
        short[] s = rgba.clone();
        for (int i = 0; i < s.length; i += 4) {
            short r = s[i];
            s[i] = s[i + 2];
            s[i + 2] = r;
        }
        return s;
    }

    private static byte[] encode(String ext, Mat m) {
        int[] params = ext.equals(".png")
                ? new int[] {opencv_imgcodecs.IMWRITE_PNG_COMPRESSION, 3}
                : new int[] {opencv_imgcodecs.IMWRITE_TIFF_COMPRESSION, opencv_imgcodecs.IMWRITE_TIFF_COMPRESSION_LZW};
        try (BytePointer extension = new BytePointer(ext); BytePointer buf = new BytePointer();
             IntPointer p = new IntPointer(params)) {
            if (!opencv_imgcodecs.imencode(extension, m, buf, p)) {
                throw new IllegalStateException("OpenCV could not encode a " + ext + " image");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }
}
