package org.sam2long.ofx.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameConversionTest {

    @Test
    void floatsRoundToTheNearestByteAndClamp() {
        assertEquals(0, FrameConversion.toByte(-0.5f));
        assertEquals(51, FrameConversion.toByte(0.2f));
        assertEquals(128, FrameConversion.toByte(0.5f));
        assertEquals(255, FrameConversion.toByte(7f));
    }

    @Test
    void rgbaRowsDropAlphaAndLandOnTheirTopDownRow() {
        byte[] rgb = new byte[2 * 2 * 3];
        FrameConversion.putRow(new float[] {1, 0, 0, 0.5f, 0, 1, 0, 1}, 4, 2, 1, rgb);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 0}, rgb);
    }

    @Test
    void alphaRowsBecomeGrey() {
        byte[] rgb = new byte[3];
        FrameConversion.putRow(new float[] {1}, 1, 1, 0, rgb);
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255}, rgb);
    }
}
