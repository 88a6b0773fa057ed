package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.internal.track.ModelRunner;
import org.sam2long.engine.tree.TreeSettings;

class ReferenceParityTest {

    @Test
    void bfloat16RoundingIsNearestEven() {
        float[] v = {1.0f, 1.00390625f, 1.01171875f, -2.3203125f, 3.0e-3f};
        ModelRunner.roundToBfloat16(v);
        assertEquals(1.0f, v[0]);
        assertEquals(1.0f, v[1], "1 + 2^-8 is a tie and rounds to the even 1.0");
        assertEquals(1.015625f, v[2], "1 + 3 * 2^-8 is a tie and rounds up to the even 1 + 2^-6");
        assertEquals(-2.3125f, v[3], 0f);
        assertEquals(0, Float.floatToRawIntBits(v[4]) & 0xffff, "low 16 bits cleared");
    }
}
