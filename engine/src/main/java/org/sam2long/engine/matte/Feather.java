package org.sam2long.engine.matte;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Feather: a Gaussian blur of the alpha with sigma = pixels / 2 (so about 95 % of the softening
 * lies within {@code pixels} of the edge) and a kernel of 2·ceil(3 sigma) + 1 taps, mirrored at
 * the frame edge (OpenCV BORDER_REFLECT_101), which keeps the total alpha nearly unchanged.
 */
final class Feather {
    private Feather() {}

    static float[] blur(float[] a, int w, int h, double pixels) {
        double sigma = pixels / 2.0;
        int taps = 2 * (int) Math.ceil(3 * sigma) + 1;
        try (Mat src = new Mat(h, w, CV_32FC1); Mat dst = new Mat(h, w, CV_32FC1); Size size = new Size(taps, taps)) {
            new FloatPointer(src.data()).put(a);
            opencv_imgproc.GaussianBlur(src, dst, size, sigma, sigma, BORDER_REFLECT_101, 0);
            float[] out = new float[a.length];
            new FloatPointer(dst.data()).get(out);
            return out;
        }
    }
}
