package org.sam2long.ofx.render;

import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.Resample;

/** Turns a cached matte into alpha at render resolution, applying the {@link QuickCleanup}. */
public final class MatteShaper {
    private final QuickCleanup cleanup;

    public MatteShaper(QuickCleanup cleanup) { this.cleanup = cleanup; }

    /** Alpha (0..1), {@code w*h} row-major, top row first, for a render of the matte at that size. */
    public float[] alpha(Matte m, int w, int h, double scale) {
        float[] logits = w == m.width() && h == m.height()
                ? m.logits()
                : Resample.bilinear(m.lowRes(), m.maskSize(), m.maskSize(), w, h);
        float[] a = new float[logits.length];
        if (cleanup.softAlpha()) {
            double t = cleanup.temperature();
            for (int i = 0; i < a.length; i++) a[i] = (float) (1 / (1 + Math.exp(-logits[i] / t)));
        } else {
            for (int i = 0; i < a.length; i++) a[i] = logits[i] > 0 ? 1f : 0f;
        }
        int grow = (int) Math.round(cleanup.grow() * scale);
        if (grow != 0) {
            a = Morphology.extremum(a, w, h, Math.abs(grow), grow > 0);
        }
        int feather = (int) Math.round(cleanup.feather() * scale);
        if (feather > 0) {
            a = Morphology.boxBlur(a, w, h, feather);
        }
        return a;
    }
}
