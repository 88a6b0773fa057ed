package org.sam2long.ofx.effect;

import org.sam2long.ofx.bindings.Image;
import org.sam2long.ofx.render.PixelComposer;

/**
 * Writes the render window row by row: matte alpha is top-down at render scale with its origin at
 * ({@code ox}, {@code oy}) in OFX pixel coordinates (bottom-up); source rows are widened to RGBA.
 */
final class RowWriter {
    private final PixelComposer composer;
    private final Image out;
    private final Image src;
    private final float[] alpha;
    private final byte[] edge;
    private final int ox, oy, mw, mh;

    RowWriter(PixelComposer composer, Image out, Image src, float[] alpha, byte[] edge, int ox, int oy, int mw, int mh) {
        this.composer = composer;
        this.out = out;
        this.src = src;
        this.alpha = alpha;
        this.edge = edge;
        this.ox = ox;
        this.oy = oy;
        this.mw = mw;
        this.mh = mh;
    }

    void write(int[] window) {
        int x1 = Math.max(window[0], out.x1());
        int x2 = Math.min(window[2], out.x2());
        int n = x2 - x1;
        if (n <= 0) {
            return;
        }
        float[] a = new float[n];
        byte[] e = edge == null ? null : new byte[n];
        float[] rgba = new float[n * 4];
        float[] dst = new float[n * composer.outputChannels()];
        float[] fitted = out.channels() == composer.outputChannels() ? dst : new float[n * out.channels()];
        for (int y = Math.max(window[1], out.y1()); y < Math.min(window[3], out.y2()); y++) {
            int row = oy + mh - 1 - y;
            for (int i = 0; i < n; i++) {
                int c = x1 + i - ox;
                boolean inside = row >= 0 && row < mh && c >= 0 && c < mw;
                a[i] = inside ? alpha[row * mw + c] : 0f;
                if (e != null) {
                    e[i] = inside ? edge[row * mw + c] : 0;
                }
            }
            readSource(y, x1, n, rgba);
            composer.compose(rgba, a, e, n, dst);
            if (fitted != dst) {
                fit(dst, composer.outputChannels(), fitted, out.channels(), n);
            }
            out.writeSpan(y, x1, n, fitted);
        }
    }

    /**
     * A host that hands an output image with other components than the clip preferences asked for
     * (or lists no Alpha images) gets the same pixels in its layout: a matte in every channel, or the
     * alpha of RGBA.
     */
    static void fit(float[] from, int fromChannels, float[] to, int toChannels, int pixels) {
        for (int i = 0; i < pixels; i++) {
            for (int c = 0; c < toChannels; c++) {
                int src = fromChannels == 1 ? 0 : toChannels == 1 ? 3 : Math.min(c, fromChannels - 1);
                to[i * toChannels + c] = from[i * fromChannels + src];
            }
        }
    }

    private void readSource(int y, int x1, int n, float[] rgba) {
        java.util.Arrays.fill(rgba, 0f);
        if (src == null || y < src.y1() || y >= src.y2()) {
            return;
        }
        int xs = Math.max(x1, src.x1());
        int xe = Math.min(x1 + n, src.x2());
        if (xe <= xs) {
            return;
        }
        int c = src.channels();
        float[] span = new float[(xe - xs) * c];
        src.readSpan(y, xs, xe - xs, span);
        for (int i = 0; i < xe - xs; i++) {
            int o = (xs - x1 + i) * 4;
            if (c == 1) {
                rgba[o + 3] = span[i];
            } else {
                rgba[o] = span[i * c];
                rgba[o + 1] = span[i * c + 1];
                rgba[o + 2] = span[i * c + 2];
                rgba[o + 3] = c == 4 ? span[i * c + 3] : 1f;
            }
        }
    }
}
