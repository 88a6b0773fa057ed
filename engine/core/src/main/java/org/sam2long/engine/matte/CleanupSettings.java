package org.sam2long.engine.matte;

/**
 * Matte clean-up, applied in this fixed order: (1) soft alpha from logits or hard threshold,
 * (2) hole fill and (3) small-island removal by area, (4) grow/shrink, (5) feather, (6) temporal
 * smoothing. Every step is off at its neutral value. {@link MatteCleanup} runs steps 1-5 and
 * {@link TemporalSmoother} step 6; their Javadoc gives the exact definitions (hole/island regions
 * split at alpha 0.5, background 4-connected, foreground 8-connected, the largest region always
 * kept; grow/shrink by a Euclidean disc; feather sigma = featherPixels / 2).
 *
 * @param softAlpha        true: alpha = sigmoid(logit / temperature); false: alpha = logit > threshold
 * @param temperature      softness of the soft alpha (> 0)
 * @param threshold        logit threshold for the hard matte
 * @param fillHolesArea    fill background holes up to this many source pixels (0 = off)
 * @param removeIslandsArea remove foreground islands up to this many source pixels (0 = off)
 * @param growPixels       grow (> 0) or shrink (< 0) the matte by this many pixels
 * @param featherPixels    blur radius in pixels (0 = off)
 * @param temporalWindow   frames averaged around each frame against chatter (0 or 1 = off; odd, an even
 *                         value is widened by one)
 */
public record CleanupSettings(boolean softAlpha, double temperature, double threshold, int fillHolesArea,
                              int removeIslandsArea, int growPixels, double featherPixels, int temporalWindow) {
    public CleanupSettings {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("cleanup.temperature must be greater than 0, got " + temperature);
        }
        if (fillHolesArea < 0) {
            throw new IllegalArgumentException("cleanup.fillHolesArea must be 0 or more pixels, got " + fillHolesArea);
        }
        if (removeIslandsArea < 0) {
            throw new IllegalArgumentException("cleanup.removeIslandsArea must be 0 or more pixels, got " + removeIslandsArea);
        }
        if (!(featherPixels >= 0)) {
            throw new IllegalArgumentException("cleanup.featherPixels must be 0 or more, got " + featherPixels);
        }
        if (temporalWindow < 0) {
            throw new IllegalArgumentException("cleanup.temporalWindow must be 0 or more frames, got " + temporalWindow);
        }
    }

    /** Hard matte at logit 0, nothing else: exactly the engine's output. */
    public static CleanupSettings none() {
        return new CleanupSettings(false, 1.0, 0.0, 0, 0, 0, 0.0, 0);
    }
}
