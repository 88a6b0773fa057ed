package org.sam2long.engine.matte;

import java.util.stream.IntStream;

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
        return new AlphaMatte(matte.objectId(), matte.frameIndex(), matte.width(), matte.height(),
                apply(matte.logits(), matte.width(), matte.height()));
    }

    /** Steps 1-5 on source-resolution logits (width x height, row-major); returns alpha in [0, 1]. */
    public float[] apply(float[] logits, int width, int height) {
        if (logits.length != width * height) {
            throw new IllegalArgumentException("logits hold " + logits.length + " values, expected " + width + "x" + height);
        }
        float[] alpha = new float[logits.length];
        if (settings.softAlpha()) {
            double t = settings.temperature();
            float[] soft = alpha;
            IntStream.range(0, height).parallel().forEach(y -> {
                for (int i = y * width, end = i + width; i < end; i++) {
                    soft[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i] / t)));
                }
            });
        } else {
            float threshold = (float) settings.threshold();
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = logits[i] > threshold ? 1f : 0f;
            }
        }
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
