package org.sam2long.engine.media;

/**
 * The sRGB transfer function (IEC 61966-2-1), used as the display transform for scene-linear
 * sources: an OpenEXR plate is taken as linear Rec.709/sRGB primaries, clamped to [0, 1] and
 * encoded with the piecewise sRGB curve (12.92 x below 0.0031308, 1.055 x^(1/2.4) - 0.055 above)
 * before the model sees it. No tone mapping: values above 1 clip to white.
 */
public final class Srgb {
    private static final int LUT_SIZE = 1 << 16;
    private static final byte[] ENCODE_8 = new byte[LUT_SIZE];
    private static final float[] DECODE_8 = new float[256];

    static {
        for (int i = 0; i < LUT_SIZE; i++) {
            ENCODE_8[i] = (byte) Math.round(encode(i / (double) (LUT_SIZE - 1)) * 255.0);
        }
        for (int i = 0; i < 256; i++) {
            DECODE_8[i] = (float) decode(i / 255.0);
        }
    }

    private Srgb() {}

    /** Linear light (0..1) to sRGB-encoded (0..1). */
    public static double encode(double linear) {
        if (linear <= 0.0031308) {
            return 12.92 * Math.max(linear, 0);
        }
        return 1.055 * Math.pow(Math.min(linear, 1.0), 1 / 2.4) - 0.055;
    }

    /** sRGB-encoded (0..1) to linear light (0..1). */
    public static double decode(double encoded) {
        if (encoded <= 0.04045) {
            return Math.max(encoded, 0) / 12.92;
        }
        return Math.pow((Math.min(encoded, 1.0) + 0.055) / 1.055, 2.4);
    }

    /** Linear float to an 8-bit sRGB code value (clamped; NaN gives 0). */
    public static int encode8(float linear) {
        if (!(linear > 0)) {
            return 0;
        }
        if (linear >= 1) {
            return 255;
        }
        return ENCODE_8[(int) (linear * (LUT_SIZE - 1) + 0.5f)] & 0xff;
    }

    /** An 8-bit sRGB code value to linear float. */
    public static float decode8(int code) {
        return DECODE_8[code & 0xff];
    }
}
