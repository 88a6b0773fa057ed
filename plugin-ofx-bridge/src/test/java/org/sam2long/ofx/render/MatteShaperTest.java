package org.sam2long.ofx.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteCleanup;
import org.sam2long.ofx.testing.Mattes;

class MatteShaperTest {
    private static final Matte SQUARE = Mattes.square(1, 0, 32, 8, 64, 64);

    /** 32x32 logits for a 120x90 source: a square with a small hole, a one-cell speck and a soft ramp. */
    private static Matte busy() {
        int m = 32;
        float[] logits = new float[m * m];
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                boolean in = x >= 6 && x < 22 && y >= 8 && y < 24 && !(x >= 12 && x < 14 && y >= 14 && y < 16);
                logits[y * m + x] = in ? 6f : -6f;
                if (x == 27 && y == 4) {
                    logits[y * m + x] = 4f;
                }
                if (y >= 28) {
                    logits[y * m + x] = (x - 16) / 2f;
                }
            }
        }
        return new Matte(3, 7, m, logits, 120, 90, 2f, 0, 0);
    }

    private static final List<CleanupSettings> SETTINGS = List.of(
            CleanupSettings.none(),
            new CleanupSettings(false, 1, 0.5, 200, 60, 3, 2.5, 0),
            new CleanupSettings(true, 1.5, 0, 200, 60, -2, 4, 0),
            new CleanupSettings(true, 0.7, 0, 0, 0, 5, 0, 0),
            new CleanupSettings(false, 1, -1, 0, 0, 0, 7.3, 5));

    private static double area(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s;
    }

    /** The contract: at full size, render's alpha is the engine's clean-up of the same matte, value for value. */
    @Test
    void renderedAlphaIsExactlyTheEnginesCleanup() {
        Matte m = busy();
        for (CleanupSettings s : SETTINGS) {
            float[] engine = new MatteCleanup(s).apply(m).alpha();
            MatteShaper shaper = new MatteShaper(s);
            assertArrayEquals(engine, shaper.alpha(m, m.width(), m.height(), 1), s.toString());
            // what MatteRender computes for one object, then writes through the composer in Alpha mode
            float[] union = shaper.union(List.of(m), m.width(), m.height(), 1);
            assertArrayEquals(engine, union, s.toString());
            float[] out = new float[union.length];
            new PixelComposer(OutputMode.ALPHA).compose(null, union, null, union.length, out);
            assertArrayEquals(engine, out, s.toString());
        }
    }

    /** Editor == farm: the window around a frame, averaged, is what the engine's TemporalSmoother writes. */
    @Test
    void temporalSmoothingMatchesTheEnginesSmoother() {
        CleanupSettings s = new CleanupSettings(true, 1, 0, 0, 0, 1, 2, 5);
        List<Matte> frames = new java.util.ArrayList<>();
        for (int t = 0; t < 6; t++) {
            frames.add(Mattes.square(2, t, 32, 4 + t, 120, 90));
        }
        MatteCleanup cleanup = new MatteCleanup(s);
        org.sam2long.engine.matte.TemporalSmoother smoother = cleanup.newSmoother();
        List<org.sam2long.engine.matte.AlphaMatte> farm = new java.util.ArrayList<>();
        for (Matte m : frames) {
            farm.addAll(smoother.push(cleanup.apply(m)));
        }
        farm.addAll(smoother.flush());
        MatteShaper shaper = new MatteShaper(s);
        for (int t = 0; t < 6; t++) {
            // the render window: the frame first, then its neighbours within +-2 that were tracked
            List<Matte> run = new java.util.ArrayList<>(List.of(frames.get(t)));
            for (int d = -2; d <= 2; d++) {
                if (d != 0 && t + d >= 0 && t + d < 6) {
                    run.add(frames.get(t + d));
                }
            }
            float[] editor = shaper.unionOfRuns(List.of(run), 120, 90, 1);
            assertArrayEquals(farm.get(t).alpha(), editor, 1e-6f, "frame " + t);
        }
    }

    @Test
    void severalObjectsRenderAsTheUnionOfTheirCleanedMattes() {
        CleanupSettings s = new CleanupSettings(true, 1, 0, 0, 0, 1, 2, 0);
        Matte a = busy();
        Matte b = Mattes.square(4, 7, 32, 5, 120, 90);
        float[] ea = new MatteCleanup(s).apply(a).alpha();
        float[] eb = new MatteCleanup(s).apply(b).alpha();
        float[] union = new MatteShaper(s).union(List.of(a, b), 120, 90, 1);
        for (int i = 0; i < union.length; i++) {
            assertEquals(Math.max(ea[i], eb[i]), union[i], "pixel " + i);
        }
        assertArrayEquals(new float[120 * 90], new MatteShaper(s).union(List.of(), 120, 90, 1));
    }

    @Test
    void withoutCleanupAlphaIsExactlyTheEnginesBinaryMatte() {
        float[] a = new MatteShaper(CleanupSettings.none()).alpha(SQUARE, 64, 64, 1);
        byte[] b = SQUARE.binary();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], "pixel " + i);
        }
    }

    @Test
    void aProxyRenderCleansUpAtTheProxySizeWithScaledDistances() {
        CleanupSettings s = new CleanupSettings(false, 1, 0, 40, 8, 4, 3, 0);
        float[] proxy = new MatteShaper(s).alpha(SQUARE, 32, 32, 0.5);
        assertEquals(32 * 32, proxy.length);
        CleanupSettings half = MatteShaper.atScale(s, 0.5);
        assertEquals(new CleanupSettings(false, 1, 0, 10, 2, 2, 1.5, 0), half);
        assertEquals(1, MatteShaper.atScale(new CleanupSettings(false, 1, 0, 1, 1, 0, 0, 0), 0.25).fillHolesArea(),
                "an area that is on stays on");
        assertTrue(Math.abs(area(proxy) * 4 - area(new MatteShaper(s).alpha(SQUARE, 64, 64, 1))) < 64 * 64 * 0.02);
    }
}
