package org.sam2long.engine.matte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalSmootherTest {
    private static AlphaMatte one(int object, int frame, float value) {
        return new AlphaMatte(object, frame, 1, 1, new float[] {value});
    }

    @Test
    void eachFrameBecomesTheMeanOfItsCentredWindow() {
        TemporalSmoother s = new TemporalSmoother(3);
        List<AlphaMatte> out = new ArrayList<>();
        float[] values = {0, 1, 0, 1, 1};
        for (int i = 0; i < values.length; i++) {
            List<AlphaMatte> ready = s.push(one(7, i, values[i]));
            assertEquals(i == 0 ? 0 : 1, ready.size(), "frame " + i + " released one frame, one behind");
            out.addAll(ready);
        }
        out.addAll(s.flush());
        assertEquals(5, out.size());
        float[] expected = {0.5f, 1 / 3f, 2 / 3f, 2 / 3f, 1f};
        for (int i = 0; i < 5; i++) {
            assertEquals(i, out.get(i).frameIndex());
            assertEquals(7, out.get(i).objectId());
            assertEquals(expected[i], out.get(i).alpha()[0], 1e-6);
        }
    }

    @Test
    void worksBackwardAndPerObject() {
        TemporalSmoother s = new TemporalSmoother(5);
        List<AlphaMatte> out = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            out.addAll(s.push(one(1, i, i)));
            out.addAll(s.push(one(2, i, 10 * i)));
        }
        out.addAll(s.flush());
        assertEquals(20, out.size());
        for (AlphaMatte m : out) {
            int f = m.frameIndex();
            int from = Math.max(0, f - 2);
            int to = Math.min(9, f + 2);
            double mean = (from + to) / 2.0 * (m.objectId() == 1 ? 1 : 10);
            assertEquals(mean, m.alpha()[0], 1e-5, "object " + m.objectId() + " frame " + f);
        }
    }

    @Test
    void aJumpEndsTheRunWithoutMixingFrames() {
        TemporalSmoother s = new TemporalSmoother(3);
        List<AlphaMatte> out = new ArrayList<>();
        out.addAll(s.push(one(1, 0, 0)));
        out.addAll(s.push(one(1, 1, 1)));
        out.addAll(s.push(one(1, 50, 1)));
        out.addAll(s.flush());
        assertEquals(3, out.size());
        assertEquals(0.5f, out.get(1).alpha()[0], 1e-6);
        assertEquals(50, out.get(2).frameIndex());
        assertEquals(1f, out.get(2).alpha()[0], 1e-6);
    }

    @Test
    void windowZeroOrOnePassesThroughAndMemoryIsBounded() {
        AlphaMatte m = one(1, 3, 0.25f);
        assertEquals(List.of(m), new TemporalSmoother(0).push(m));
        assertEquals(List.of(m), new TemporalSmoother(1).push(m));
        assertEquals(5, new TemporalSmoother(4).window());
        TemporalSmoother s = new TemporalSmoother(7);
        int released = 0;
        for (int i = 0; i < 1000; i++) {
            released += s.push(one(1, i, 1)).size();
            assertTrue(i + 1 - released <= 4, "holds at most half a window plus one");
        }
    }
}
