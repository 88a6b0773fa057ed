package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.media.PrefetchingFrameSource;
import org.sam2long.engine.tree.TreeSettings;

/** Frame ranges, the pull-style matte stream and a thread interrupt as a cancel; the oracle is a whole-clip track. */
class RangeStreamCancelTest {
    private final SyntheticClip clip = new SyntheticClip(SyntheticClip.PERIOD);

    private TrackFixture.Collect whole(Direction d, TreeSettings tree, int promptFrame) {
        try (TrackingSession s = TrackFixture.session(clip, d, tree)) {
            s.setPrompt(TrackFixture.clickOnDisc(clip, promptFrame));
            TrackFixture.Collect c = new TrackFixture.Collect();
            s.track(c, Progress.none(), CancelToken.none());
            return c;
        }
    }

    @Test
    void aRangeGivesTheWholeTracksMattesForItsFrames() {
        TreeSettings[] trees = {TreeSettings.sam2Baseline(), TreeSettings.paper()};
        for (TreeSettings tree : trees) {
            TrackFixture.Collect all = whole(Direction.BOTH, tree, 40);
            for (FrameRange range : new FrameRange[] {new FrameRange(60, 79), new FrameRange(10, 30), new FrameRange(35, 45)}) {
                try (TrackingSession s = TrackFixture.session(clip, Direction.BOTH, tree)) {
                    s.setPrompt(TrackFixture.clickOnDisc(clip, 40));
                    TrackFixture.Collect c = new TrackFixture.Collect();
                    TrackingReport r = s.track(range, c, Progress.none(), CancelToken.none());
                    Map<Integer, Matte> got = c.object(SyntheticClip.DISC);
                    assertEquals(range.size(), got.size(), "every frame of " + range + " and nothing else");
                    for (int f = range.first(); f <= range.last(); f++) {
                        assertArrayEquals(all.object(SyntheticClip.DISC).get(f).lowRes(), got.get(f).lowRes(),
                                "P=" + tree.pathways() + " frame " + f);
                    }
                    System.out.printf("P=%d range %d-%d: %d frame steps (whole clip %d)%n", tree.pathways(),
                            range.first(), range.last(), r.frameSteps(), clip.frameCount() + 1);
                    assertTrue(r.frameSteps() < clip.frameCount(), "a range does not track the whole clip");
                }
            }
        }
    }

    @Test
    void aRangeOutsideTheClipIsRefusedWithOneSentence() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.BOTH, TreeSettings.paper())) {
            s.setPrompt(TrackFixture.clickOnDisc(clip, 5));
            String m = assertThrows(IllegalArgumentException.class, () -> s.track(new FrameRange(100, 200),
                    new TrackFixture.Collect(), Progress.none(), CancelToken.none())).getMessage();
            assertEquals("the frame range 100-200 is outside synthetic clip (120 frames), which has frames 0-119", m);
        }
    }

    @Test
    void theStreamHandsOutTheSameMattesAsTheSink() {
        TrackFixture.Collect all = whole(Direction.FORWARD, TreeSettings.paper(), 0);
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
            s.setPrompt(TrackFixture.clickOnDisc(clip, 0));
            Map<Integer, Matte> got = new TreeMap<>();
            try (MatteStream stream = s.stream(FrameRange.all(clip.frameCount()))) {
                stream.forEachRemaining(m -> got.put(m.frameIndex(), m));
                assertFalse(stream.report().cancelled());
            }
            assertEquals(clip.frameCount(), got.size());
            got.forEach((f, m) -> assertArrayEquals(all.object(SyntheticClip.DISC).get(f).lowRes(), m.lowRes()));
        }
    }

    @Test
    void closingTheStreamEarlyCancelsTheTrack() {
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
            s.setPrompt(TrackFixture.clickOnDisc(clip, 0));
            MatteStream stream = s.stream(FrameRange.all(clip.frameCount()));
            for (int i = 0; i < 5; i++) {
                stream.next();
            }
            stream.close();
            assertFalse(stream.hasNext(), "a closed stream has nothing more");
            TrackFixture.Collect c = new TrackFixture.Collect();
            s.track(c, Progress.none(), CancelToken.none());
            assertEquals(clip.frameCount(), c.object(SyntheticClip.DISC).size(), "the session is usable after a close");
        }
    }

    @Test
    void anInterruptIsACancelThatKeepsFinalFrames() throws Exception {
        TrackFixture.Collect all = whole(Direction.FORWARD, TreeSettings.sam2Baseline(), 0);
        PrefetchingFrameSource frames = new PrefetchingFrameSource(clip, 4);
        try (TrackingSession s = new TrackingSession(TrackFixture.model(), frames,
                TrackingSettings.defaults().withDirection(Direction.FORWARD), TreeSettings.sam2Baseline())) {
            s.setPrompt(TrackFixture.clickOnDisc(clip, 0));
            TrackFixture.Collect c = new TrackFixture.Collect();
            AtomicReference<TrackingReport> report = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                report.set(s.track(c, (done, total, fps) -> {
                    if (done == 30) {
                        Thread.currentThread().interrupt(); // as JobRunr interrupts a job's thread
                    }
                }, CancelToken.none()));
                flag.set(Thread.interrupted());
            });
            worker.start();
            worker.join(60_000);
            TrackingReport r = report.get();
            assertTrue(r.cancelled(), "an interrupt is a cancel");
            assertTrue(flag.get(), "the interrupt flag is kept for the caller");
            int kept = c.object(SyntheticClip.DISC).size();
            assertEquals(r.mattes(), kept, "the report says how many frames are final");
            assertTrue(kept >= 20 && kept <= 32, "final frames kept: " + kept);
            c.object(SyntheticClip.DISC).forEach((f, m) ->
                    assertArrayEquals(all.object(SyntheticClip.DISC).get(f).lowRes(), m.lowRes(), "frame " + f));
            TrackFixture.Collect rest = new TrackFixture.Collect();
            s.track(rest, Progress.none(), CancelToken.none());
            assertEquals(clip.frameCount(), rest.object(SyntheticClip.DISC).size(), "a later track finishes the job");
        } finally {
            frames.close();
        }
    }
}
