package org.sam2long.ofx.render;

import java.util.List;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteCleanup;
import org.sam2long.engine.matte.Resample;

/**
 * Turns cached mattes into alpha at render resolution with the engine's own {@link MatteCleanup},
 * so a preset's clean-up gives in the editor exactly what it gives on the farm (the command line and
 * the render node run the same class). At full resolution (the render size is the matte's source
 * size) the alpha is {@code new MatteCleanup(settings).apply(matte).alpha()}, value for value.
 *
 * <p>A proxy render (render scale below 1) upsamples the logits straight to the proxy size and runs
 * the same clean-up with its distances scaled to it: grow rounded to whole proxy pixels, feather
 * times the scale, hole and island areas times the scale squared (at least 1 pixel when on).
 *
 * <p>Temporal smoothing ({@link CleanupSettings#temporalWindow()}): {@link #unionOfRuns} averages an
 * object's alphas over the cached frames of the window around the rendered one.
 */
public final class MatteShaper {
    private final CleanupSettings settings;
    private final MatteCleanup fullSize;

    public MatteShaper(CleanupSettings settings) {
        this.settings = settings;
        this.fullSize = new MatteCleanup(settings);
    }

    public CleanupSettings settings() { return settings; }

    /** Alpha (0..1), {@code w*h} row-major, top row first, for a render of the matte at that size. */
    public float[] alpha(Matte m, int w, int h, double scale) {
        if (w == m.width() && h == m.height()) {
            return fullSize.apply(m).alpha();
        }
        float[] logits = Resample.bilinear(m.lowRes(), m.maskSize(), m.maskSize(), w, h);
        return new MatteCleanup(atScale(settings, scale)).apply(logits, w, h);
    }

    /** The union (per-pixel maximum) of the alphas of every matte, {@code w*h}; zeros when there are none. */
    public float[] union(List<Matte> mattes, int w, int h, double scale) {
        return unionOfRuns(mattes.stream().map(List::of).toList(), w, h, scale);
    }

    /**
     * Temporal smoothing, then the union over objects: each inner list holds one object's mattes of the
     * frames around the rendered one (the frame itself and the cached neighbours within the temporal
     * window, as the engine's TemporalSmoother takes them); its alpha is their mean.
     */
    public float[] unionOfRuns(List<List<Matte>> perObject, int w, int h, double scale) {
        float[] alpha = new float[Math.max(0, w * h)];
        for (List<Matte> run : perObject) {
            float[] a = alpha(run.get(0), w, h, scale);
            if (run.size() > 1) {
                for (Matte m : run.subList(1, run.size())) {
                    float[] b = alpha(m, w, h, scale);
                    for (int i = 0; i < a.length; i++) {
                        a[i] += b[i];
                    }
                }
                float n = run.size();
                for (int i = 0; i < a.length; i++) {
                    a[i] /= n;
                }
            }
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = Math.max(alpha[i], a[i]);
            }
        }
        return alpha;
    }

    /** The settings with their distances in render pixels at {@code scale} render pixels per source pixel. */
    static CleanupSettings atScale(CleanupSettings s, double scale) {
        if (scale == 1) {
            return s;
        }
        return new CleanupSettings(s.softAlpha(), s.temperature(), s.threshold(), area(s.fillHolesArea(), scale),
                area(s.removeIslandsArea(), scale), (int) Math.round(s.growPixels() * scale),
                s.featherPixels() * scale, s.temporalWindow());
    }

    private static int area(int pixels, double scale) {
        return pixels == 0 ? 0 : (int) Math.max(1, Math.round(pixels * scale * scale));
    }
}
