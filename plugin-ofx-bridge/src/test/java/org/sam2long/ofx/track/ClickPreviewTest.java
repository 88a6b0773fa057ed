package org.sam2long.ofx.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.ofx.overlay.MatteOutline;
import org.sam2long.ofx.testing.DiscClip;

/** The click preview on the real engine with the demo model, on the test host's clip. */
class ClickPreviewTest {
    private static final ModelPool MODELS = new ModelPool();
    private final DiscClip clip = new DiscClip();

    private ClickPreview.Request request(Prompt p) throws Exception {
        return new ClickPreview.Request(clip, clip.read(p.frameIndex()), p, TrackingSettings.defaults(), null,
                BundledModels.DEMO, RuntimeSettings.defaults());
    }

    private static Prompt clicks(int frame, Prompt.Click... c) {
        return Prompt.clicks(1, frame, c);
    }

    @Test
    void aClickPreviewsTheMatteTrackingGivesItsFrameAndEncodesEachFrameOnce() throws Exception {
        double[] c = DiscClip.centre(3);
        Prompt one = clicks(3, Prompt.Click.positive(c[0], c[1]));
        Prompt two = clicks(3, Prompt.Click.positive(c[0], c[1]), Prompt.Click.negative(150, 110));
        try (ClickPreview preview = new ClickPreview(MODELS)) {
            Matte first = preview.preview(request(one));
            assertEquals(1, preview.encodes());
            double iou = DiscClip.iou(3, first.binary());
            assertTrue(iou > 0.9, "the preview covers the disc: IoU " + iou);
            assertTrue(MatteOutline.segments(first.lowRes(), first.maskSize(), first.width(), first.height()).length >= 16,
                    "the preview has an outline");
            Matte second = preview.preview(request(two));
            assertEquals(1, preview.encodes(), "a second click on the same frame runs the decoder only");

            // oracle: the engine's own track of the same prompt; the clicked frame's matte is the preview
            Map<Integer, Matte> tracked = new TreeMap<>();
            try (EngineTracker tracker = new EngineTracker(MODELS)) {
                // the clip's first 4 frames: the prompted frame 3 is the only one tracked forward (keeps the test fast)
                tracker.track(new TrackRequest(new FirstFrames(clip, 4), List.of(two), TrackingSettings.defaults().withDirection(Direction.FORWARD),
                        TreeSettings.paper(), null, BundledModels.DEMO), m -> tracked.put(m.frameIndex(), m), (d, t) -> true);
            }
            assertArrayEquals(tracked.get(3).lowRes(), second.lowRes());

            double[] d = DiscClip.centre(9);
            preview.preview(request(clicks(9, Prompt.Click.positive(d[0], d[1]))));
            assertEquals(2, preview.encodes(), "another frame is encoded");
            assertArrayEquals(second.lowRes(), preview.preview(request(two)).lowRes());
            assertEquals(2, preview.encodes(), "back on frame 3: its embedding was kept");
            for (int f = 11; f < 11 + ClickPreview.FRAMES_KEPT; f++) {
                double[] e = DiscClip.centre(f);
                preview.preview(request(clicks(f, Prompt.Click.positive(e[0], e[1]))));
            }
            assertEquals(2 + ClickPreview.FRAMES_KEPT, preview.encodes());
            preview.preview(request(one));
            assertEquals(3 + ClickPreview.FRAMES_KEPT, preview.encodes(), "frame 3, clicked least recently, was dropped");
        }
    }

    @Test
    void otherPixelsOnTheSameFrameAreEncodedAgain() throws Exception {
        double[] c = DiscClip.centre(3);
        Prompt one = clicks(3, Prompt.Click.positive(c[0], c[1]));
        try (ClickPreview preview = new ClickPreview(MODELS)) {
            Matte before = preview.preview(request(one));
            byte[] dark = new byte[DiscClip.W * DiscClip.H * 3];
            Matte after = preview.preview(new ClickPreview.Request(clip, new Frame(3, DiscClip.W, DiscClip.H, dark), one,
                    TrackingSettings.defaults(), null, BundledModels.DEMO, RuntimeSettings.defaults()));
            assertEquals(2, preview.encodes(), "an upstream change on the clicked frame is encoded again");
            assertTrue(!java.util.Arrays.equals(before.lowRes(), after.lowRes()), "a black frame gives another matte");
        }
    }

    /** The first {@code n} frames of a clip. */
    private record FirstFrames(org.sam2long.engine.frame.FrameSource in, int n) implements org.sam2long.engine.frame.FrameSource {
        @Override public int frameCount() { return n; }
        @Override public int width() { return in.width(); }
        @Override public int height() { return in.height(); }
        @Override public double frameRate() { return in.frameRate(); }
        @Override public Frame read(int index) throws org.sam2long.engine.frame.FrameSourceException { return in.read(index); }
    }
}
