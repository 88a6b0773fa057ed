package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.tree.TreeSettings;

class MemoryTreeTest {

    private static TrackFixture.Collect track(SyntheticClip clip, TreeSettings tree) {
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, tree)) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            s.addPrompt(TrackFixture.clickOnSquare(clip, 0));
            TrackFixture.Collect c = new TrackFixture.Collect();
            s.track(c, Progress.none(), CancelToken.none());
            return c;
        }
    }

    @Test
    void deduplicatedStreamingTreeEqualsNaivePFoldComputation() {
        SyntheticClip clip = new SyntheticClip(320, 240, SyntheticClip.PERIOD, true);
        TreeSettings fast = TreeSettings.paper();
        TreeSettings naive = new TreeSettings(3, 0.3, 2.0, 0.95, 1.05, true, true, false, false, false);
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

    @Test
    void oneUngatedUnmodulatedPathwayIsPlainSam2() {
        SyntheticClip clip = new SyntheticClip(SyntheticClip.PERIOD);
        TreeSettings p1 = new TreeSettings(1, 0.3, 2.0, 0.95, 1.05, false, false, false, true, true);
        TrackFixture.Collect a = track(clip, p1);
        TrackFixture.Collect b = track(clip, TreeSettings.sam2Baseline());
        for (int t = 0; t < clip.frameCount(); t++) {
            assertArrayEquals(b.object(SyntheticClip.DISC).get(t).lowRes(), a.object(SyntheticClip.DISC).get(t).lowRes());
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
        }
    }
}
