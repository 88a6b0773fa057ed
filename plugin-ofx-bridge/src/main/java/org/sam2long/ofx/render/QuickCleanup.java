package org.sam2long.ofx.render;

/**
 * The clean-up cheap enough for render: soft or hard alpha from the logits, grow/shrink and
 * feather. Distances are in source pixels and scale with the render scale. (Hole filling, island
 * removal and temporal smoothing are tracking-time clean-ups.)
 *
 * @param softAlpha   alpha = sigmoid(logit / temperature) instead of logit > 0
 * @param temperature softness of the soft alpha (> 0)
 * @param grow        grow (> 0) or shrink (< 0), pixels
 * @param feather     blur radius, pixels (0 = off)
 */
public record QuickCleanup(boolean softAlpha, double temperature, double grow, double feather) {
    public QuickCleanup {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("softness must be greater than 0, got " + temperature);
        }
        if (!(feather >= 0)) {
            throw new IllegalArgumentException("feather must be 0 or more pixels, got " + feather);
        }
    }

    /** The engine's exact binary matte. */
    public static QuickCleanup none() { return new QuickCleanup(false, 1, 0, 0); }
}
