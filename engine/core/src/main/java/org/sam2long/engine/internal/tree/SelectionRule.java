package org.sam2long.engine.internal.tree;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SAM2Long's choice of which candidates survive a frame (paper §3; docs/memory-tree.md).
 * Confident (largest |presence| over the pathways above the threshold): the P best by score.
 * Uncertain: best-first, skipping candidates whose signed IoU rounded to 2 decimals was already
 * taken; if fewer than P remain, the best candidate of each pathway not yet represented.
 */
public final class SelectionRule {
    private SelectionRule() {}

    /**
     * The signed IoU rounded to 2 decimals as Python's {@code round(x, 2)} does: the exact binary
     * value rounded half-to-even (0.125 gives 0.12, 0.375 gives 0.38), in hundredths.
     */
    static long diversityKey(double signedIou) {
        return new BigDecimal(signedIou).setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /**
     * @param candidates all candidates in pathway order, then mask order (ties keep this order)
     * @param presences  presence logit of each pathway on this frame
     * @param keep       P
     * @param uncertaintyThreshold |presence| above which the model is confident
     */
    public static List<Candidate> select(List<Candidate> candidates, float[] presences, int keep,
                                         double uncertaintyThreshold) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        double maxAbs = 0;
        for (float p : presences) {
            maxAbs = Math.max(maxAbs, Math.abs(p));
        }
        if (maxAbs > uncertaintyThreshold) {
            return List.copyOf(sorted.subList(0, Math.min(keep, sorted.size())));
        }
        List<Candidate> kept = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Candidate c : sorted) {
            if (seen.add(diversityKey(c.signedIou()))) {
                kept.add(c);
            }
            if (kept.size() == keep) {
                return kept;
            }
        }
        Set<Integer> represented = new HashSet<>();
        kept.forEach(c -> represented.add(c.pathway()));
        for (int p = 0; p < presences.length && kept.size() < keep; p++) {
            if (represented.contains(p)) {
                continue;
            }
            for (Candidate c : sorted) {
                if (c.pathway() == p) {
                    kept.add(c);
                    break;
                }
            }
        }
        return kept;
    }
}
