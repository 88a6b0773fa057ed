package org.sam2long.engine.track;

import java.util.Map;
import java.util.TreeMap;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.tree.TreeSettings;

/** Shared builders for tracking tests: the demo model, the synthetic clip, a collecting sink. */
public final class TrackFixture {
    private static Sam2Model model;

    private TrackFixture() {}

    static synchronized Sam2Model model() {
        if (model == null) {
            model = Sam2Model.loadBundled(BundledModels.DEMO, new RuntimeSettings(RuntimeSettings.Provider.CPU, 2, 1));
        }
        return model;
    }

    public static Prompt clickOnDisc(SyntheticClip clip, int frame) {
        double[] c = clip.discCentre(frame);
        return Prompt.clicks(SyntheticClip.DISC, frame, Prompt.Click.positive(c[0], c[1]));
    }

    public static Prompt clickOnSquare(SyntheticClip clip, int frame) {
        double[] c = clip.squareCentre(frame);
        return Prompt.clicks(SyntheticClip.SQUARE, frame, Prompt.Click.positive(c[0], c[1]));
    }

    static TrackingSession session(SyntheticClip clip, Direction d, TreeSettings tree) {
        return new TrackingSession(model(), clip, TrackingSettings.defaults().withDirection(d), tree);
    }

    /** Tracks the disc and the square, both clicked on frame 0, forward through the clip. */
    public static Collect discAndSquare(SyntheticClip clip, TreeSettings tree) {
        try (TrackingSession s = session(clip, Direction.FORWARD, tree)) {
            s.addPrompt(clickOnDisc(clip, 0));
            s.addPrompt(clickOnSquare(clip, 0));
            Collect c = new Collect();
            s.track(c, Progress.none(), CancelToken.none());
            return c;
        }
    }

    /** Collects mattes by object, then frame. */
    public static final class Collect implements org.sam2long.engine.matte.MatteSink {
        final Map<Integer, Map<Integer, Matte>> byObject = new TreeMap<>();
        int calls;

        @Override
        public void accept(Matte m) {
            calls++;
            byObject.computeIfAbsent(m.objectId(), k -> new TreeMap<>()).put(m.frameIndex(), m);
        }

        public Map<Integer, Matte> object(int id) {
            return byObject.getOrDefault(id, Map.of());
        }
    }

    /** DAVIS J&F of an object over frames [from, to); a missing matte counts as empty. */
    static org.sam2long.engine.eval.Score jandf(SyntheticClip clip, Collect c, int object, int from, int to) {
        return jandf(clip, t -> clip.truth(object, t), c, object, from, to);
    }

    /** DAVIS J&F of an object over frames [from, to) against a truth function. */
    static org.sam2long.engine.eval.Score jandf(org.sam2long.engine.frame.FrameSource clip,
                                                java.util.function.IntFunction<boolean[]> truthOf, Collect c,
                                                int object, int from, int to) {
        java.util.List<boolean[]> pred = new java.util.ArrayList<>();
        java.util.List<boolean[]> truth = new java.util.ArrayList<>();
        for (int t = from; t < to; t++) {
            truth.add(truthOf.apply(t));
            Matte m = c.object(object).get(t);
            boolean[] p = new boolean[clip.width() * clip.height()];
            if (m != null) {
                byte[] b = m.binary();
                for (int i = 0; i < p.length; i++) {
                    p[i] = b[i] != 0;
                }
            }
            pred.add(p);
        }
        return org.sam2long.engine.eval.JandF.evaluate(pred, truth, clip.width(), clip.height());
    }

    /** Mean J&F (as a fraction) of an object over frames [from, to). */
    static double meanJ(SyntheticClip clip, Collect c, int object, int from, int to) {
        return jandf(clip, c, object, from, to).jandf();
    }
}
