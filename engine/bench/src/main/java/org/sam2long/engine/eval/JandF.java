package org.sam2long.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * In-memory J&F for tests and tools: one object's masks over a run of frames, or several objects.
 * Per object, J and F are averaged over frames; several objects are then averaged per object (every
 * object weighs the same, however many frames it has).
 */
public final class JandF {
    private JandF() {}

    /** J and F of one frame. */
    public static Score frame(boolean[] predicted, boolean[] truth, int width, int height) {
        return Score.of(RegionSimilarity.j(predicted, truth, width, height),
                BoundaryAccuracy.f(predicted, truth, width, height), 1);
    }

    /**
     * Mean J, F and J&F of one object over frames; {@code predicted.get(i)} is compared with
     * {@code truth.get(i)}, a {@code null} prediction counts as an empty mask.
     */
    public static Score evaluate(List<boolean[]> predicted, List<boolean[]> truth, int width, int height) {
        return evaluate(predicted, truth, width, height, false);
    }

    /**
     * As {@link #evaluate(List, List, int, int)}; with {@code skipFirstLast} the first and the last frame
     * of the lists are left out (the SA-V and DAVIS 2017 semi-supervised protocol: the first frame holds
     * the prompt). Needs at least three frames then.
     */
    public static Score evaluate(List<boolean[]> predicted, List<boolean[]> truth, int width, int height,
                                 boolean skipFirstLast) {
        if (predicted.size() != truth.size()) {
            throw new IllegalArgumentException("There are " + predicted.size() + " predicted and "
                    + truth.size() + " true masks; they must pair up frame by frame.");
        }
        int from = skipFirstLast ? 1 : 0;
        int to = skipFirstLast ? truth.size() - 1 : truth.size();
        if (to - from <= 0) {
            throw new IllegalArgumentException("No frame left to score (" + truth.size() + " frames"
                    + (skipFirstLast ? ", first and last skipped" : "") + ").");
        }
        double sumJ = 0;
        double sumF = 0;
        for (int i = from; i < to; i++) {
            boolean[] t = truth.get(i);
            boolean[] p = predicted.get(i) != null ? predicted.get(i) : new boolean[t.length];
            sumJ += RegionSimilarity.j(p, t, width, height);
            sumF += BoundaryAccuracy.f(p, t, width, height);
        }
        int n = to - from;
        return Score.of(sumJ / n, sumF / n, n);
    }

    /**
     * Several objects of one video: per object over frames, then the mean over objects. Objects are the
     * keys of {@code truth}; an object missing from {@code predicted} is scored as empty on every frame.
     */
    public static <K> Score evaluateObjects(Map<K, List<boolean[]>> predicted, Map<K, List<boolean[]>> truth,
                                            int width, int height, boolean skipFirstLast) {
        if (truth.isEmpty()) {
            throw new IllegalArgumentException("No true object to score.");
        }
        List<Score> perObject = new ArrayList<>();
        for (Map.Entry<K, List<boolean[]>> e : truth.entrySet()) {
            List<boolean[]> p = predicted.get(e.getKey());
            if (p == null) {
                p = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    p.add(null);
                }
            }
            perObject.add(evaluate(p, e.getValue(), width, height, skipFirstLast));
        }
        return mean(perObject);
    }

    /** The unweighted mean of scores (J and F averaged, J&F their mean); count = number of scores. */
    public static Score mean(List<Score> scores) {
        double j = 0;
        double f = 0;
        for (Score s : scores) {
            j += s.j();
            f += s.f();
        }
        int n = scores.size();
        return n == 0 ? Score.of(Double.NaN, Double.NaN, 0) : Score.of(j / n, f / n, n);
    }
}
