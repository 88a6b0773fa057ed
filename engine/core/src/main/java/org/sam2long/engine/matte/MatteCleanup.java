package org.sam2long.engine.matte;

import org.sam2long.engine.internal.matte.Bands;
import org.sam2long.engine.internal.matte.Feather;
import org.sam2long.engine.internal.matte.Morphology;
import org.sam2long.engine.internal.matte.Regions;

/**
 * Applies the per-frame steps of {@link CleanupSettings} to one matte, in the documented order:
 * (1) alpha = sigmoid(logit / temperature), or 1 where logit > threshold else 0;
 * (2) holes (background regions not touching the frame edge, 4-connected) of at most
 * {@code fillHolesArea} pixels set to 1; (3) foreground islands (8-connected) of at most
 * {@code removeIslandsArea} pixels set to 0, the largest region always kept; regions are split at
 * alpha 0.5; (4) grow/shrink by a Euclidean disc of {@code growPixels}; (5) feather with a Gaussian
 * of sigma = {@code featherPixels} / 2. Step (6), temporal smoothing, needs neighbouring frames:
 * see {@link TemporalSmoother}. Stateless and thread-safe.
 */
public final class MatteCleanup {
    private final CleanupSettings settings;

    public MatteCleanup(CleanupSettings settings) {
        this.settings = settings;
    }

    public CleanupSettings settings() { return settings; }

    /** Steps 1-5 on an engine matte, at source resolution. */
    public AlphaMatte apply(Matte matte) {
        int w = matte.width();
        int h = matte.height();
        long pixels = (long) w * h;
        // upsample and step 1 fused, band by band: each row becomes alpha while it is in cache
        Resample.Plan plan = new Resample.Plan(matte.lowRes(), matte.maskSize(), matte.maskSize(), w, h, pixels);
        float[] alpha = new float[w * h];
        Bands.run(h, pixels, (y0, y1) -> {
            plan.rows(alpha, y0, y1);
            toAlpha(alpha, alpha, y0 * w, y1 * w);
        });
        return new AlphaMatte(matte.objectId(), matte.frameIndex(), w, h, afterAlpha(alpha, w, h));
    }

    /** Steps 1-5 on source-resolution logits (width x height, row-major); returns alpha in [0, 1]. */
    public float[] apply(float[] logits, int width, int height) {
        if (logits.length != width * height) {
            throw new IllegalArgumentException("logits hold " + logits.length + " values, expected " + width + "x" + height);
        }
        float[] alpha = new float[logits.length];
        Bands.run(height, logits.length, (y0, y1) -> toAlpha(logits, alpha, y0 * width, y1 * width));
        return afterAlpha(alpha, width, height);
    }

    /**
     * Step 1 on [from, to) (src and dst may be the same array). Soft alpha skips the exponential
     * where its float result is fixed: exponent <= -20 gives exactly 1, >= 105 exactly 0.
     */
    private void toAlpha(float[] src, float[] dst, int from, int to) {
        if (settings.softAlpha()) {
            double t = settings.temperature();
            for (int i = from; i < to; i++) {
                double z = -src[i] / t;
                dst[i] = z <= -20 ? 1f : z >= 105 ? 0f : (float) (1.0 / (1.0 + Math.exp(z)));
            }
        } else {
            float threshold = (float) settings.threshold();
            for (int i = from; i < to; i++) {
                dst[i] = src[i] > threshold ? 1f : 0f;
            }
        }
    }

    /** Steps 2-5, each skipped when off. */
    private float[] afterAlpha(float[] alpha, int width, int height) {
        if (settings.fillHolesArea() > 0) {
            Regions.fillHoles(alpha, width, height, settings.fillHolesArea());
        }
        if (settings.removeIslandsArea() > 0) {
            Regions.removeIslands(alpha, width, height, settings.removeIslandsArea());
        }
        if (settings.growPixels() != 0) {
            alpha = Morphology.grow(alpha, width, height, settings.growPixels());
        }
        if (settings.featherPixels() > 0) {
            alpha = Feather.blur(alpha, width, height, settings.featherPixels());
        }
        return alpha;
    }

    /** A fresh step-6 smoother for one pass over the shot. */
    public TemporalSmoother newSmoother() {
        return new TemporalSmoother(settings.temporalWindow());
    }
}
