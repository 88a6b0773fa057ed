package org.sam2long.engine.eval;

/**
 * Mean J, F and J&F as fractions in [0, 1] (print them times 100).
 *
 * @param j     mean region similarity
 * @param f     mean boundary accuracy
 * @param jandf {@code (j + f) / 2}
 * @param count how many items were averaged (frames, objects or videos, depending on the level)
 */
public record Score(double j, double f, double jandf, int count) {

    /** A score from mean J and mean F; J&F is their mean. */
    public static Score of(double j, double f, int count) {
        return new Score(j, f, (j + f) / 2, count);
    }
}
