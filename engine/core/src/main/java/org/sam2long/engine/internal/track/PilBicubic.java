package org.sam2long.engine.internal.track;

/**
 * Resizes 8-bit RGB exactly as PIL's {@code Image.resize(..., BICUBIC)} does, which is how the
 * official SAM 2 predictor prepares frames: a horizontal then a vertical pass, each with the
 * antialiased bicubic filter (a = -0.5) in 22-bit fixed point and rounded back to 8 bits. Written
 * from the published algorithm; a pass whose size does not change is skipped, as PIL skips it.
 */
final class PilBicubic {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilBicubic() {}

    /** {@code rgb} is [h][w][3]; returns [size][size][3]. */
    static byte[] resize(byte[] rgb, int w, int h, int size) {
        byte[] rows = w == size ? rgb : horizontal(rgb, w, h, size);
        return h == size ? rows : vertical(rows, size, h, size);
    }

    private record Coeffs(int[] bounds, int[][] k) {}

    private static Coeffs coeffs(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        double ss = 1.0 / filterScale;
        int[] bounds = new int[outSize * 2];
        int[][] k = new int[outSize][];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            double[] pre = new double[xmax];
            double ww = 0;
            for (int x = 0; x < xmax; x++) {
                double v = cubic((x + xmin - center + 0.5) * ss);
                pre[x] = v;
                ww += v;
            }
            int[] kk = new int[xmax];
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0.0 ? pre[x] / ww : pre[x];
                kk[x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
            k[xx] = kk;
        }
        return new Coeffs(bounds, k);
    }

    private static double cubic(double x) {
        double a = -0.5;
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    private static int clip8(int in) {
        if (in >= (255 << PRECISION_BITS)) {
            return 255;
        }
        if (in <= 0) {
            return 0;
        }
        return in >>> PRECISION_BITS;
    }

    private static byte[] horizontal(byte[] in, int w, int h, int outW) {
        Coeffs c = coeffs(w, outW);
        byte[] out = new byte[h * outW * 3];
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < outW; xx++) {
                int xmin = c.bounds[xx * 2];
                int xmax = c.bounds[xx * 2 + 1];
                int[] k = c.k[xx];
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < xmax; x++) {
                        ss += (in[(y * w + x + xmin) * 3 + ch] & 0xff) * k[x];
                    }
                    out[(y * outW + xx) * 3 + ch] = (byte) clip8(ss);
                }
            }
        }
        return out;
    }

    private static byte[] vertical(byte[] in, int w, int h, int outH) {
        Coeffs c = coeffs(h, outH);
        byte[] out = new byte[outH * w * 3];
        for (int yy = 0; yy < outH; yy++) {
            int ymin = c.bounds[yy * 2];
            int ymax = c.bounds[yy * 2 + 1];
            int[] k = c.k[yy];
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < ymax; y++) {
                        ss += (in[((y + ymin) * w + x) * 3 + ch] & 0xff) * k[y];
                    }
                    out[(yy * w + x) * 3 + ch] = (byte) clip8(ss);
                }
            }
        }
        return out;
    }
}
