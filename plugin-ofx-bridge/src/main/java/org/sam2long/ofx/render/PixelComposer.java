package org.sam2long.ofx.render;

/**
 * Builds one output row from a source row and the matte's alpha for that row, per
 * {@link OutputMode}. Source rows are RGBA floats; for {@link OutputMode#ALPHA} the output has one
 * channel, otherwise four.
 */
public final class PixelComposer {
    private static final float[] TINT = {0.1f, 0.9f, 0.3f};
    private static final float TINT_AMOUNT = 0.5f;
    private final OutputMode mode;

    public PixelComposer(OutputMode mode) { this.mode = mode; }

    public int outputChannels() { return mode.alphaOnly() ? 1 : 4; }

    /**
     * @param src   RGBA source pixels for the span (null allowed in ALPHA mode)
     * @param alpha matte alpha for the span
     * @param edge  1 where the pixel lies on the matte outline (overlay only; may be null)
     * @param dst   output pixels, {@link #outputChannels()} per pixel
     */
    public void compose(float[] src, float[] alpha, byte[] edge, int pixels, float[] dst) {
        for (int i = 0; i < pixels; i++) {
            float a = alpha[i];
            switch (mode) {
                case ALPHA -> dst[i] = a;
                case RGBA_PREMULTIPLIED -> set(dst, i, src[i * 4] * a, src[i * 4 + 1] * a, src[i * 4 + 2] * a, a);
                case RGBA_STRAIGHT -> set(dst, i, src[i * 4], src[i * 4 + 1], src[i * 4 + 2], a);
                case OVERLAY -> {
                    float k = edge != null && edge[i] != 0 ? 1f : a * TINT_AMOUNT;
                    set(dst, i, mix(src[i * 4], TINT[0], k), mix(src[i * 4 + 1], TINT[1], k),
                            mix(src[i * 4 + 2], TINT[2], k), src[i * 4 + 3]);
                }
            }
        }
    }

    private static float mix(float a, float b, float k) { return a + (b - a) * k; }

    private static void set(float[] d, int i, float r, float g, float b, float a) {
        d[i * 4] = r;
        d[i * 4 + 1] = g;
        d[i * 4 + 2] = b;
        d[i * 4 + 3] = a;
    }
}
