package org.sam2long.engine.internal.track;

/**
 * PyTorch's {@code F.interpolate(x, size, mode="bilinear", align_corners=False, antialias=True)}
 * on one single-channel float image, the way its CPU kernel computes it: separable, the width
 * first, then the height (an axis whose size does not change is skipped); per output index a
 * triangle filter widened by the scale when downsampling, centred at {@code scale * (i + 0.5)},
 * taps from {@code (int) (centre - support + 0.5)} clipped to the image, weights normalised by
 * their sum; all in float with PyTorch's mix of float and double intermediates. Used for the
 * reference's mask-prompt path (the prompt mask to S x S, the S x S logits to M x M); checked
 * against values PyTorch computed ({@code AntialiasedBilinearTest}).
 */
final class AntialiasedBilinear {
    private AntialiasedBilinear() {}

    /** Resizes a row-major {@code sw x sh} image to {@code dw x dh}. */
    static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
        float[] cur = src;
        if (dw != sw) {
            Taps t = taps(sw, dw);
            float[] out = new float[dw * sh];
            for (int y = 0; y < sh; y++) {
                int row = y * sw;
                for (int x = 0; x < dw; x++) {
                    out[y * dw + x] = t.apply(cur, row, 1, x);
                }
            }
            cur = out;
        }
        if (dh != sh) {
            Taps t = taps(sh, dh);
            float[] out = new float[dw * dh];
            for (int y = 0; y < dh; y++) {
                for (int x = 0; x < dw; x++) {
                    out[y * dw + x] = t.apply(cur, x, dw, y);
                }
            }
            cur = out;
        }
        return cur == src ? src.clone() : cur;
    }

    private record Taps(int[] min, int[] size, float[][] weights) {
        float apply(float[] data, int base, int stride, int i) {
            float[] w = weights[i];
            int p = base + min[i] * stride;
            float out = data[p] * w[0];
            for (int j = 1; j < size[i]; j++) {
                out += data[p + j * stride] * w[j];
            }
            return out;
        }
    }

    private static Taps taps(int in, int out) {
        float scale = (float) in / out;
        float support = (float) (scale >= 1.0 ? 1.0 * scale : 1.0);
        float invscale = (float) (scale >= 1.0 ? 1.0 / scale : 1.0);
        int[] min = new int[out];
        int[] size = new int[out];
        float[][] weights = new float[out][];
        for (int i = 0; i < out; i++) {
            float center = (float) (scale * (i + 0.5));
            int xmin = Math.max((int) ((double) (center - support) + 0.5), 0);
            int xsize = Math.min((int) ((double) (center + support) + 0.5), in) - xmin;
            float[] w = new float[Math.max(xsize, 0)];
            float total = 0f;
            for (int j = 0; j < xsize; j++) {
                float v = triangle((float) (((double) ((float) (j + xmin) - center) + 0.5) * invscale));
                w[j] = v;
                total += v;
            }
            if (total != 0f) {
                for (int j = 0; j < xsize; j++) {
                    w[j] /= total;
                }
            }
            min[i] = xmin;
            size[i] = xsize;
            weights[i] = w;
        }
        return new Taps(min, size, weights);
    }

    private static float triangle(float x) {
        if (x < 0) {
            x = -x;
        }
        return x < 1 ? 1 - x : 0f;
    }
}
