package org.sam2long.engine.internal.track;

import java.util.stream.IntStream;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.model.ModelManifest;

/**
 * Frame to model input: resize to S x S (no letterbox) with an antialiased separable filter
 * (triangle = bilinear by default, or for parity with the official predictor exactly PIL's bicubic
 * resize, see {@link PilBicubic}), scale to [0,1], subtract the mean and divide by the std.
 * Output is planar [3][S][S]. Rows are filtered in parallel; each value is computed the same way
 * whatever the thread count, so results stay bit-identical.
 */
public final class ImagePreprocessor {
    private final int size;
    private final float[] mean;
    private final float[] std;
    private final boolean bicubic;

    public ImagePreprocessor(ModelManifest m, boolean bicubic) {
        this.size = m.imageSize();
        this.mean = m.imageMean();
        this.std = m.imageStd();
        this.bicubic = bicubic;
    }

    public float[] apply(Frame f) {
        if (bicubic) {
            return normalise(PilBicubic.resize(f.rgb(), f.width(), f.height(), size));
        }
        int w = f.width();
        int h = f.height();
        byte[] rgb = f.rgb();
        Taps tx = taps(w, size);
        Taps ty = taps(h, size);
        // horizontal pass: [h][size][3]
        float[] tmp = new float[h * size * 3];
        IntStream.range(0, h).parallel().forEach(y -> {
            int row = y * w * 3;
            for (int x = 0; x < size; x++) {
                float r = 0, g = 0, b = 0;
                int start = tx.start[x];
                for (int k = 0; k < tx.count[x]; k++) {
                    float wt = tx.weights[x][k];
                    int p = row + (start + k) * 3;
                    r += wt * (rgb[p] & 0xff);
                    g += wt * (rgb[p + 1] & 0xff);
                    b += wt * (rgb[p + 2] & 0xff);
                }
                int o = (y * size + x) * 3;
                tmp[o] = r;
                tmp[o + 1] = g;
                tmp[o + 2] = b;
            }
        });
        float[] out = new float[3 * size * size];
        int plane = size * size;
        IntStream.range(0, size).parallel().forEach(y -> {
            int start = ty.start[y];
            for (int x = 0; x < size; x++) {
                float r = 0, g = 0, b = 0;
                for (int k = 0; k < ty.count[y]; k++) {
                    float wt = ty.weights[y][k];
                    int p = ((start + k) * size + x) * 3;
                    r += wt * tmp[p];
                    g += wt * tmp[p + 1];
                    b += wt * tmp[p + 2];
                }
                int o = y * size + x;
                out[o] = (clamp(r) / 255f - mean[0]) / std[0];
                out[plane + o] = (clamp(g) / 255f - mean[1]) / std[1];
                out[2 * plane + o] = (clamp(b) / 255f - mean[2]) / std[2];
            }
        });
        return out;
    }

    /** 8-bit RGB [S][S][3] to the model's planar normalised input, as the official predictor does. */
    private float[] normalise(byte[] rgb) {
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int o = 0; o < plane; o++) {
            for (int c = 0; c < 3; c++) {
                out[c * plane + o] = ((float) ((rgb[o * 3 + c] & 0xff) / 255.0) - mean[c]) / std[c];
            }
        }
        return out;
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : Math.min(v, 255f);
    }

    private record Taps(int[] start, int[] count, float[][] weights) {}

    private Taps taps(int in, int out) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = (bicubic ? 2.0 : 1.0) * filterScale;
        int[] start = new int[out];
        int[] count = new int[out];
        float[][] weights = new float[out][];
        for (int i = 0; i < out; i++) {
            double center = (i + 0.5) * scale;
            int lo = Math.max((int) Math.floor(center - support), 0);
            int hi = Math.min((int) Math.ceil(center + support), in);
            double[] w = new double[hi - lo];
            double total = 0;
            for (int j = lo; j < hi; j++) {
                double t = (j + 0.5 - center) / filterScale;
                double v = bicubic ? cubic(t) : Math.max(0, 1 - Math.abs(t));
                w[j - lo] = v;
                total += v;
            }
            weights[i] = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                weights[i][k] = (float) (total != 0 ? w[k] / total : 0);
            }
            start[i] = lo;
            count[i] = w.length;
        }
        return new Taps(start, count, weights);
    }

    private static double cubic(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0;
    }
}
