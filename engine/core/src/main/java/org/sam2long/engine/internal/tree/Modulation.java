package org.sam2long.engine.internal.tree;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Object-aware memory modulation: memory items ranked by presence logit get key weights spread
 * evenly over [min, max], the lowest logit getting min and the highest max (ties keep list order).
 */
final class Modulation {
    private Modulation() {}

    public static float[] weights(float[] presence, double min, double max) {
        int n = presence.length;
        float[] w = new float[n];
        if (n == 1) {
            w[0] = 1f;
            return w;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> presence[i]));
        for (int rank = 0; rank < n; rank++) {
            w[order[rank]] = (float) (min + (max - min) * rank / (n - 1));
        }
        return w;
    }
}
