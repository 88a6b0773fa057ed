package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.tree.TreeSettings;

class TrackingSessionTest {
    private final SyntheticClip clip = new SyntheticClip(SyntheticClip.PERIOD);

    private TrackFixture.Collect run(TrackingSession s) {
        TrackFixture.Collect c = new TrackFixture.Collect();
        s.track(c, Progress.none(), CancelToken.none());
        return c;
    }

    @Test
    void oneObjectTrackedForwardWithSam2() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.sam2Baseline())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            TrackFixture.Collect c = run(s);
            assertEquals(clip.frameCount(), c.object(SyntheticClip.DISC).size());
            double j = TrackFixture.meanJ(clip, c, SyntheticClip.DISC, 0, clip.frameCount());
            System.out.printf("SAM 2 baseline, one object forward: mean J&F %.4f%n", j);
            assertTrue(j >= 0.9, "mean J&F " + j);
        }
    }

    @Test
    void twoObjectsAtOnceWithTheTree() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            s.addPrompt(TrackFixture.clickOnSquare(clip, 0));
            TrackFixture.Collect c = run(s);
            double jd = TrackFixture.meanJ(clip, c, SyntheticClip.DISC, 0, clip.frameCount());
            double js = TrackFixture.meanJ(clip, c, SyntheticClip.SQUARE, 0, clip.frameCount());
            System.out.printf("tree P=3, two objects: mean J disc %.4f square %.4f%n", jd, js);
            assertTrue(jd >= 0.9 && js >= 0.9, "J " + jd + " / " + js);
        }
    }

    @Test
    void objectIsRecoveredAfterLeavingTheFrame() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            TrackFixture.Collect c = run(s);
            Map<Integer, Matte> m = c.object(SyntheticClip.DISC);
            assertTrue(m.get(55).presence() < 0, "absent at 55, presence " + m.get(55).presence());
            assertEquals(0, m.get(55).area());
            double back = TrackFixture.meanJ(clip, c, SyntheticClip.DISC, 66, 84);
            assertTrue(back >= 0.9, "J after return " + back);
        }
    }

    @Test
    void backwardFromALatePromptCoversEarlyFrames() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.BOTH, TreeSettings.sam2Baseline())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 40));
            TrackFixture.Collect c = run(s);
            assertEquals(clip.frameCount(), c.object(SyntheticClip.DISC).size());
            double early = TrackFixture.meanJ(clip, c, SyntheticClip.DISC, 0, 40);
            assertTrue(early >= 0.9, "J on frames 0..39 " + early);
        }
    }

    @Test
    void correctionEqualsAFreshTrackWithTheSamePrompts() {
        int k = 85;
        double[] c = clip.discCentre(k);
        Prompt correction = Prompt.clicks(SyntheticClip.DISC, k, Prompt.Click.positive(c[0] + 5, c[1] - 5),
                Prompt.Click.negative(c[0] - 45, c[1]));
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.sam2Baseline());
             TrackingSession fresh = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.sam2Baseline())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            TrackFixture.Collect first = run(s);
            s.addPrompt(correction);
            TrackFixture.Collect second = run(s);
            fresh.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            fresh.addPrompt(correction);
            TrackFixture.Collect expected = run(fresh);
            Map<Integer, Matte> after = second.object(SyntheticClip.DISC);
            assertEquals(clip.frameCount(), after.size(), "every frame attends the new conditioning frame");
            boolean changed = false;
            for (int t = 0; t < clip.frameCount(); t++) {
                assertArrayEquals(expected.object(SyntheticClip.DISC).get(t).lowRes(), after.get(t).lowRes(), "frame " + t);
                changed |= !java.util.Arrays.equals(first.object(SyntheticClip.DISC).get(t).lowRes(), after.get(t).lowRes());
            }
            assertTrue(changed, "the correction changed some frame");
        }
    }

    @Test
    void sameInputsGiveBitIdenticalMattes() {
        float[][] a = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
                s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
                a[r] = run(s).object(SyntheticClip.DISC).get(90).lowRes();
            }
        }
        assertArrayEquals(a[0], a[1]);
    }

    @Test
    void cancelStopsAndKeepsFinishedFrames() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.sam2Baseline())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            CancelToken cancel = new CancelToken();
            TrackFixture.Collect c = new TrackFixture.Collect();
            TrackingReport r = s.track(c, (done, total, fps) -> {
                if (done == 20) {
                    cancel.cancel();
                }
            }, cancel);
            assertTrue(r.cancelled());
            assertTrue(c.object(SyntheticClip.DISC).size() >= 15 && c.object(SyntheticClip.DISC).size() <= 21);
            TrackFixture.Collect again = run(s);
            assertEquals(clip.frameCount(), again.object(SyntheticClip.DISC).size(), "a later track finishes the job");
        }
    }

    @Test
    void badPromptsAreRejectedWithOneSentence() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
            String outside = assertThrows(IllegalArgumentException.class,
                    () -> s.addPrompt(Prompt.clicks(1, 3, Prompt.Click.positive(400, 10)))).getMessage();
            assertEquals("the prompt for object 1 on frame 3 has a click at (400.0, 10.0) outside the 320x240 frame", outside);
            String frame = assertThrows(IllegalArgumentException.class,
                    () -> s.addPrompt(Prompt.clicks(1, 500, Prompt.Click.positive(4, 10)))).getMessage();
            assertTrue(frame.contains("on frame 500 is outside synthetic clip (120 frames), which has frames 0-119"), frame);
            String empty = assertThrows(IllegalArgumentException.class,
                    () -> s.addPrompt(new Prompt(2, 0, null, null, null))).getMessage();
            assertTrue(empty.endsWith("is empty: give at least one click, a box or a mask"), empty);
            String unknown = assertThrows(IllegalArgumentException.class, () -> s.clearPrompts(9, 0)).getMessage();
            assertTrue(unknown.startsWith("unknown object id 9"), unknown);
            assertThrows(TrackingException.class, () -> run(s));
        }
    }

    @Test
    void boxAndMaskPromptsSegmentTheObject() {
        double[] d = clip.discCentre(0);
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.sam2Baseline())) {
            s.addPrompt(Prompt.box(1, 0, new Prompt.Box(d[0] - 30, d[1] - 30, d[0] + 30, d[1] + 30)));
            s.addPrompt(Prompt.mask(2, 0, new Prompt.MaskPrompt(clip.width(), clip.height(), clip.truth(SyntheticClip.SQUARE, 0))));
            TrackFixture.Collect c = new TrackFixture.Collect();
            s.track(c, Progress.none(), CancelToken.none());
            TrackFixture.Collect disc = new TrackFixture.Collect();
            c.object(1).values().forEach(m -> disc.accept(new Matte(SyntheticClip.DISC, m.frameIndex(), m.maskSize(),
                    m.lowRes(), m.width(), m.height(), m.presence(), 0, 0)));
            assertTrue(TrackFixture.meanJ(clip, disc, SyntheticClip.DISC, 0, 1) > 0.85);
            TrackFixture.Collect sq = new TrackFixture.Collect();
            c.object(2).values().forEach(m -> sq.accept(new Matte(SyntheticClip.SQUARE, m.frameIndex(), m.maskSize(),
                    m.lowRes(), m.width(), m.height(), m.presence(), 0, 0)));
            assertTrue(TrackFixture.meanJ(clip, sq, SyntheticClip.SQUARE, 0, 1) > 0.85);
            assertFalse(c.object(2).isEmpty());
        }
    }
}
