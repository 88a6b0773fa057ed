package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.DistractorClip;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.tree.TreeSettings;

class MemoryTreeTest {

    private static TrackFixture.Collect track(SyntheticClip clip, TreeSettings tree) {
        return TrackFixture.discAndSquare(clip, tree);
    }

    @Test
    void deduplicatedStreamingTreeEqualsNaivePFoldComputation() {
        SyntheticClip clip = new SyntheticClip(320, 240, SyntheticClip.PERIOD, true);
        TreeSettings fast = TreeSettings.paper();
        TreeSettings naive = TreeSettings.builder().deduplicate(false).streamingFinalisation(false).build();
        TrackFixture.Collect a = track(clip, fast);
        TrackFixture.Collect b = track(clip, naive);
        for (int obj : new int[] {SyntheticClip.DISC, SyntheticClip.SQUARE}) {
            assertEquals(clip.frameCount(), a.object(obj).size());
            assertEquals(clip.frameCount(), b.object(obj).size());
            for (int t = 0; t < clip.frameCount(); t++) {
                assertArrayEquals(b.object(obj).get(t).lowRes(), a.object(obj).get(t).lowRes(),
                        "object " + obj + " frame " + t);
                assertEquals(b.object(obj).get(t).score(), a.object(obj).get(t).score(), 1e-12);
            }
        }
    }

    private static TrackFixture.Collect trackDisc(DistractorClip clip, TreeSettings tree) {
        try (TrackingSession s = new TrackingSession(TrackFixture.model(), clip, TrackingSettings.defaults(), tree)) {
            double[] c = clip.discCentre(0);
            s.addPrompt(Prompt.clicks(DistractorClip.DISC, 0, Prompt.Click.positive(c[0], c[1])));
            TrackFixture.Collect out = new TrackFixture.Collect();
            s.track(out, Progress.none(), CancelToken.none());
            return out;
        }
    }

    private static double jandf(DistractorClip clip, TrackFixture.Collect c, int from, int to) {
        return TrackFixture.jandf(clip, clip::truth, c, DistractorClip.DISC, from, to).jandf();
    }

    /** Share of the predicted disc pixels over frames [from, to) that lie on the look-alike. */
    private static double onLookAlike(DistractorClip clip, TrackFixture.Collect c, int from, int to) {
        long on = 0;
        long all = 0;
        for (int t = from; t < to; t++) {
            byte[] b = c.object(DistractorClip.DISC).get(t).binary();
            for (int i = 0; i < b.length; i++) {
                if (b[i] != 0) {
                    all++;
                    if (clip.label(t, i % clip.width(), i / clip.width()) == DistractorClip.LOOK_ALIKE) {
                        on++;
                    }
                }
            }
        }
        return all == 0 ? 0 : (double) on / all;
    }

    /**
     * The disc hides behind the bar while a look-alike comes out on the other side: SAM 2 takes the
     * look-alike (its first sight is uncertain, and its mask still scores above an empty one) and,
     * with the look-alike in memory, keeps following it. The tree also keeps the empty hypothesis,
     * whose memory calls the look-alike background: from the next frame on it is sure the object is
     * absent while the look-alike pathways keep scoring low, so it wins, and finds the disc when it
     * comes back. The same settings with a single pathway fail like SAM 2: the pathways do it.
     */
    @Test
    void treeRecoversWhereGreedySam2FollowsALookAlike() {
        DistractorClip clip = new DistractorClip(100);
        int from = DistractorClip.LOOK_ALIKE_FROM;
        int to = 46; // the disc is still hidden
        TrackFixture.Collect greedy = trackDisc(clip, TreeSettings.sam2Baseline());
        TrackFixture.Collect single = trackDisc(clip, TreeSettings.paper().withPathways(1));
        TrackFixture.Collect tree = trackDisc(clip, TreeSettings.paper());
        double g = jandf(clip, greedy, 0, clip.frameCount());
        double s = jandf(clip, single, 0, clip.frameCount());
        double t = jandf(clip, tree, 0, clip.frameCount());
        System.out.printf("distractor clip J&F: SAM 2 (P=1) %.4f, P=1 with gating and modulation %.4f, tree P=3 %.4f;"
                        + " frames %d-%d: %.4f / %.4f / %.4f, share on the look-alike %.2f / %.2f / %.2f%n",
                g, s, t, from, to - 1, jandf(clip, greedy, from, to), jandf(clip, single, from, to),
                jandf(clip, tree, from, to), onLookAlike(clip, greedy, from, to), onLookAlike(clip, single, from, to),
                onLookAlike(clip, tree, from, to));
        assertTrue(onLookAlike(clip, greedy, from, to) > 0.9, "SAM 2 follows the look-alike");
        assertTrue(jandf(clip, greedy, from, to) < 0.3, "SAM 2 while the disc is hidden");
        assertTrue(jandf(clip, tree, from, to) > 0.9, "the tree while the disc is hidden");
        assertEquals(0, onLookAlike(clip, tree, from, to), "the tree never shows the look-alike");
        assertTrue(jandf(clip, tree, 46, clip.frameCount()) > 0.9, "the tree finds the disc again");
        assertTrue(t >= g + 0.1, "tree " + t + " vs SAM 2 " + g);
        assertTrue(s < g + 0.02, "one pathway with gating and modulation " + s + " vs SAM 2 " + g);
    }

    @Test
    void deduplicatedStreamingTreeEqualsNaivePFoldOnTheDistractorClip() {
        DistractorClip clip = new DistractorClip(70);
        TrackFixture.Collect a = trackDisc(clip, TreeSettings.paper());
        TrackFixture.Collect b = trackDisc(clip, TreeSettings.builder().deduplicate(false).streamingFinalisation(false).build());
        for (int t = 0; t < clip.frameCount(); t++) {
            assertArrayEquals(b.object(DistractorClip.DISC).get(t).lowRes(), a.object(DistractorClip.DISC).get(t).lowRes(),
                    "frame " + t);
            assertEquals(b.object(DistractorClip.DISC).get(t).score(), a.object(DistractorClip.DISC).get(t).score(), 1e-12);
        }
    }

    @Test
    void streamingFinalisationRunsCloseBehindTheLiveFrame() {
        SyntheticClip clip = new SyntheticClip(SyntheticClip.PERIOD);
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            TrackingReport r = s.track(new TrackFixture.Collect(), Progress.none(), CancelToken.none());
            System.out.printf("P=3 streaming finalisation: largest lag %d frames over %d frames%n", r.maxFinalisationLag(),
                    clip.frameCount());
            assertTrue(r.maxFinalisationLag() < clip.frameCount() / 2, "lag " + r.maxFinalisationLag());
            // the model stays confident on this clip: the three pathways share their nodes (identical
            // candidates, such as the empty masks of an absent object, count as one), so each frame
            // needs one memory-attention item, as with P=1
            double items = s.stageTimes().items().get("memory_attention") / (double) r.frameSteps();
            assertTrue(items < 1.05, "memory-attention items per frame " + items);
        }
    }
}
