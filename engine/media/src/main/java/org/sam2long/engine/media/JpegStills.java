package org.sam2long.engine.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * Decodes JPEG stills through OpenCV's imgcodecs, that is libjpeg-turbo, as PIL, OpenCV and Nuke
 * do (SAM 2 was trained on such decodes). FFmpeg's mjpeg decoder with a bicubic colour conversion
 * differs from them by several levels per channel, so JPEG never goes through it. EXIF orientation
 * is ignored, as PIL's {@code Image.open} does.
 */
final class JpegStills {
    /** An 8-bit RGB picture, row-major, 3 bytes per pixel. */
    record Picture(int width, int height, byte[] rgb) {}

    private JpegStills() {}

    static boolean handles(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    static Picture decode(Path file) throws FrameSourceException {
        byte[] bytes = ImageDecoder.readFile(file);
        try (BytePointer data = new BytePointer(bytes);
             Mat buf = new Mat(1, bytes.length, CV_8UC1, data);
             Mat img = opencv_imgcodecs.imdecode(buf,
                     opencv_imgcodecs.IMREAD_COLOR | opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION)) {
            if (img == null || img.empty() || img.channels() != 3 || img.elemSize1() != 1) {
                throw new FrameSourceException(file + " is not a valid JPEG image.");
            }
            int w = img.cols();
            int h = img.rows();
            byte[] bgr = new byte[w * h * 3];
            Mat dense = img.isContinuous() ? img : img.clone();
            dense.data().get(bgr);
            for (int i = 0; i < bgr.length; i += 3) {
                byte b = bgr[i];
                bgr[i] = bgr[i + 2];
                bgr[i + 2] = b;
            }
            return new Picture(w, h, bgr);
        } catch (RuntimeException e) {
            throw new FrameSourceException(file + " is not a valid JPEG image (" + e.getMessage() + ").", e);
        }
    }
}
