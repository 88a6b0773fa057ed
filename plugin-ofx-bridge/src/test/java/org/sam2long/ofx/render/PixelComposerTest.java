package org.sam2long.ofx.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class PixelComposerTest {
    private static final float[] SRC = {0.5f, 0.4f, 0.2f, 1f};
    private static final float[] HALF = {0.5f};

    private static float[] compose(OutputMode mode, byte[] edge) {
        PixelComposer c = new PixelComposer(mode);
        float[] out = new float[c.outputChannels()];
        c.compose(SRC, HALF, edge, 1, out);
        return out;
    }

    @Test
    void alphaModeWritesTheMatteOnly() {
        assertArrayEquals(new float[] {0.5f}, compose(OutputMode.ALPHA, null));
    }

    @Test
    void premultipliedModeScalesColourByTheMatte() {
        assertArrayEquals(new float[] {0.25f, 0.2f, 0.1f, 0.5f}, compose(OutputMode.RGBA_PREMULTIPLIED, null), 1e-6f);
    }

    @Test
    void straightModeKeepsColour() {
        assertArrayEquals(new float[] {0.5f, 0.4f, 0.2f, 0.5f}, compose(OutputMode.RGBA_STRAIGHT, null));
    }

    @Test
    void overlayPaintsTheOutlineSolidAndKeepsSourceAlpha() {
        float[] out = compose(OutputMode.OVERLAY, new byte[] {1});
        assertArrayEquals(new float[] {0.1f, 0.9f, 0.3f, 1f}, out, 1e-6f);
    }
}
