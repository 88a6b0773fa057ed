package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.tree.TreeSettings;

class LongClipTest {

    @Test
    void heapStaysBoundedOnAThousandsOfFramesClip() {
        int frames = 2400;
        SyntheticClip clip = new SyntheticClip(frames);
        Runtime rt = Runtime.getRuntime();
        long[] samples = new long[2];
        int[] count = {0};
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            TrackingReport r = s.track(m -> count[0]++, (done, total, fps) -> {
                if (done == 600 || done == frames) {
                    System.gc();
                    samples[done == 600 ? 0 : 1] = rt.totalMemory() - rt.freeMemory();
                }
            }, CancelToken.none());
            assertEquals(frames, count[0], "every frame emitted once");
            System.out.printf("long clip: %d frames at %.1f fps; heap after 600 frames %.1f MB, after %d frames %.1f MB; "
                            + "largest finalisation lag %d frames%n", frames, r.framesPerSecond(), samples[0] / 1048576.0,
                    frames, samples[1] / 1048576.0, r.maxFinalisationLag());
        }
        assertTrue(samples[1] < samples[0] + (64L << 20), "heap grew from " + samples[0] + " to " + samples[1]);
    }

    @Test
    void aFrameThatFailsToDecodeStopsWithItsNumberAndKeepsEarlierMattes() {
        SyntheticClip clip = new SyntheticClip(60);
        FrameSource broken = new FrameSource() {
            @Override public int frameCount() { return clip.frameCount(); }
            @Override public int width() { return clip.width(); }
            @Override public int height() { return clip.height(); }
            @Override public double frameRate() { return clip.frameRate(); }

            @Override
            public Frame read(int index) throws FrameSourceException {
                if (index == 30) {
                    throw new FrameSourceException("clip.mp4: frame 30 could not be decoded (corrupt data)");
                }
                return clip.read(index);
            }
        };
        try (TrackingSession s = new TrackingSession(TrackFixture.model(), broken,
                TrackingSettings.defaults().withDirection(Direction.FORWARD), TreeSettings.sam2Baseline())) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            TrackFixture.Collect c = new TrackFixture.Collect();
            TrackingException e = assertThrows(TrackingException.class, () -> s.track(c, Progress.none(), CancelToken.none()));
            assertEquals("clip.mp4: frame 30 could not be decoded (corrupt data)", e.getMessage());
            assertTrue(c.object(SyntheticClip.DISC).keySet().containsAll(java.util.List.of(0, 10, 29)), "frames before it stay");
        }
    }
}
