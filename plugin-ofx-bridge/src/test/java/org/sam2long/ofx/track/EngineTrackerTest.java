package org.sam2long.ofx.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.ofx.testing.DiscClip;

/** The adapter on the real engine with the bundled demo model, on the test host's clip. */
class EngineTrackerTest {
    private static final int CORRECTION = 12;
    /** One pool for the class, as the plug-in shares one per process. */
    private static final ModelPool MODELS = new ModelPool();

    /** The mattes of one track, by frame, and what the run reported. */
    private record Run(Map<Integer, Matte> mattes, TrackSummary summary) {}

    private static Prompt clickOnDisc(int frame, double dx, double dy) {
        double[] c = DiscClip.centre(frame);
        return Prompt.clicks(1, frame, Prompt.Click.positive(c[0] + dx, c[1] + dy));
    }

    private static TrackRequest request(FrameSource clip, Direction d, TreeSettings tree, Prompt... prompts) {
        return new TrackRequest(clip, List.of(prompts), TrackingSettings.defaults().withDirection(d), tree, null,
                BundledModels.DEMO);
    }

    private static TrackRequest request(Direction d, Prompt... prompts) {
        return request(new DiscClip(), d, TreeSettings.paper(), prompts);
    }

    private static Run track(EngineTracker tracker, TrackRequest request, int cancelAfter) throws Exception {
        Map<Integer, Matte> out = new TreeMap<>();
        TrackSummary s = tracker.track(request, m -> out.put(m.frameIndex(), m),
                (done, total) -> cancelAfter == 0 || done < cancelAfter);
        return new Run(out, s);
    }

    private static Run once(TrackRequest request) throws Exception {
        try (EngineTracker tracker = new EngineTracker(MODELS)) {
            return track(tracker, request, 0);
        }
    }

    @Test
    void forwardCoversThePromptedFrameToTheEnd() throws Exception {
        Map<Integer, Matte> m = once(request(Direction.FORWARD, clickOnDisc(5, 0, 0))).mattes();
        assertEquals(19, m.size());
        assertEquals(5, m.keySet().iterator().next());
    }

    @Test
    void backwardCoversTheStartToThePromptedFrame() throws Exception {
        assertEquals(6, once(request(Direction.BACKWARD, clickOnDisc(5, 0, 0))).mattes().size());
    }

    @Test
    void theMatteFollowsTheDiscOnEveryFrame() throws Exception {
        Run r = once(request(Direction.BOTH, clickOnDisc(5, 0, 0)));
        assertEquals(DiscClip.FRAMES, r.mattes().size());
        for (Matte m : r.mattes().values()) {
            double iou = DiscClip.iou(m.frameIndex(), m.binary());
            assertTrue(iou > 0.9, "frame " + m.frameIndex() + ": IoU " + iou);
        }
    }

    @Test
    void aCancelStopsEarlyAndKeepsWhatWasFinished() throws Exception {
        try (EngineTracker tracker = new EngineTracker(MODELS)) {
            Run r = track(tracker, request(Direction.BOTH, clickOnDisc(0, 0, 0)), 3);
            assertTrue(r.summary().cancelled());
            assertEquals(3, r.summary().frameSteps());
            assertTrue(r.mattes().size() <= 3, r.mattes().size() + " mattes after a cancel at step 3");
        }
    }

    @Test
    void aCorrectionReTracksTheObjectAndEqualsAFreshTrack() throws Exception {
        Prompt first = clickOnDisc(0, 0, 0), correction = clickOnDisc(CORRECTION, 6, -5);
        try (EngineTracker tracker = new EngineTracker(MODELS); EngineTracker fresh = new EngineTracker(MODELS)) {
            Run full = track(tracker, request(Direction.BOTH, first), 0);
            Run again = track(tracker, request(Direction.BOTH, first, correction), 0);
            // every frame attends to every conditioning frame, so the whole object is re-tracked
            assertEquals(DiscClip.FRAMES, again.summary().frameSteps());
            assertEquals(DiscClip.FRAMES, again.mattes().size());
            Run expected = track(fresh, request(Direction.BOTH, first, correction), 0);
            for (int t = 0; t < DiscClip.FRAMES; t++) {
                assertArrayEquals(expected.mattes().get(t).lowRes(), again.mattes().get(t).lowRes(),
                        "frame " + t + " equals a fresh track with the same prompts");
            }
            assertFalse(java.util.Arrays.equals(full.mattes().get(CORRECTION).lowRes(),
                    again.mattes().get(CORRECTION).lowRes()), "the corrected frame changed");

            Run nothing = track(tracker, request(Direction.BOTH, first, correction), 0);
            assertEquals(0, nothing.summary().frameSteps(), "no prompt changed: nothing to re-track");

            Run undone = track(tracker, request(Direction.BOTH, first), 0);
            for (int t = CORRECTION; t < DiscClip.FRAMES; t++) {
                assertArrayEquals(full.mattes().get(t).lowRes(), undone.mattes().get(t).lowRes(),
                        "removing the correction brings frame " + t + " back");
            }
        }
    }

    @Test
    void moreClicksOnAPromptedFrameReTrackFromThatFrame() throws Exception {
        Prompt first = clickOnDisc(4, 0, 0);
        Prompt more = new Prompt(1, 4, List.of(first.clicks().get(0), Prompt.Click.negative(150, 110)), null, null);
        try (EngineTracker tracker = new EngineTracker(MODELS)) {
            track(tracker, request(Direction.FORWARD, first), 0);
            Run again = track(tracker, request(Direction.FORWARD, more), 0);
            assertEquals(DiscClip.FRAMES - 4, again.summary().frameSteps());
        }
    }

    @Test
    void otherSettingsOrAnotherClipStartAFreshSession() throws Exception {
        Prompt first = clickOnDisc(0, 0, 0);
        try (EngineTracker tracker = new EngineTracker(MODELS)) {
            track(tracker, request(Direction.BOTH, first), 0);
            Run otherTree = track(tracker, request(new DiscClip(), Direction.BOTH, TreeSettings.sam2Baseline(), first), 0);
            assertEquals(DiscClip.FRAMES, otherTree.mattes().size(), "other memory-tree settings");
            Run regraded = track(tracker, request(new Regraded(), Direction.BOTH, TreeSettings.sam2Baseline(), first), 0);
            assertEquals(DiscClip.FRAMES, regraded.mattes().size(), "same shape, other pixels");
            tracker.invalidate();
            Run invalidated = track(tracker, request(new Regraded(), Direction.BOTH, TreeSettings.sam2Baseline(), first), 0);
            assertEquals(DiscClip.FRAMES, invalidated.mattes().size(), "after invalidate()");
        }
    }

    @Test
    void aFailedTrackForgetsTheSession() throws Exception {
        Prompt first = clickOnDisc(0, 0, 0);
        try (EngineTracker tracker = new EngineTracker(MODELS)) {
            track(tracker, request(Direction.BOTH, first), 0);
            assertThrows(RuntimeException.class, () -> tracker.track(request(Direction.BOTH, first, clickOnDisc(8, 0, 0)),
                    m -> { throw new IllegalStateException("disk full"); }, (done, total) -> true));
            Run after = track(tracker, request(Direction.BOTH, first), 0);
            assertEquals(DiscClip.FRAMES, after.mattes().size(), "a fresh, full track");
        }
    }

    /** The disc clip with every channel darkened by one step: same shape, other pixels (an upstream grade). */
    private static final class Regraded implements FrameSource {
        private final DiscClip clip = new DiscClip();

        @Override public int frameCount() { return clip.frameCount(); }
        @Override public int width() { return clip.width(); }
        @Override public int height() { return clip.height(); }
        @Override public double frameRate() { return clip.frameRate(); }

        @Override
        public Frame read(int index) throws FrameSourceException {
            byte[] rgb = clip.read(index).rgb().clone();
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) Math.max(0, (rgb[i] & 0xff) - 1);
            }
            return new Frame(index, width(), height(), rgb);
        }
    }
}
