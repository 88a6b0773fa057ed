package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.tree.TreeSettings;

/** A click shows its matte at once: the frame is encoded once, each further click runs the decoder only. */
class PreviewTest {
    private final SyntheticClip clip = new SyntheticClip(SyntheticClip.PERIOD);

    @Test
    void aClickPreviewsTheMatteItsFrameGetsWhenTrackedAndReusesTheEncodedFrame() {
        int frame = 2;
        double[] c = clip.discCentre(frame);
        Prompt one = Prompt.clicks(SyntheticClip.DISC, frame, Prompt.Click.positive(c[0], c[1]));
        Prompt two = Prompt.clicks(SyntheticClip.DISC, frame, Prompt.Click.positive(c[0], c[1]),
                Prompt.Click.negative(c[0] - 40, c[1]));
        try (TrackingSession s = TrackFixture.session(clip, Direction.FORWARD, TreeSettings.paper())) {
            long t0 = System.nanoTime();
            Matte first = s.preview(one);
            long t1 = System.nanoTime();
            long encodes = s.stageTimes().items().getOrDefault("image_encoder", 0L);
            assertEquals(1, encodes, "the first click encodes its frame once");
            Matte second = s.preview(two);
            long t2 = System.nanoTime();
            assertEquals(encodes, s.stageTimes().items().getOrDefault("image_encoder", 0L).longValue(),
                    "a second click on the same frame does not encode it again");
            double j = org.sam2long.engine.eval.JandF.evaluate(java.util.List.of(toBool(first)),
                    java.util.List.of(clip.truth(SyntheticClip.DISC, frame)), clip.width(), clip.height()).jandf();
            int truthArea = 0;
            for (boolean b : clip.truth(SyntheticClip.DISC, frame)) {
                truthArea += b ? 1 : 0;
            }
            System.out.printf("preview area %d, truth area %d, J&F %.3f%n", first.area(), truthArea, j);
            assertTrue(j > 0.9, "the preview segments the disc: J&F " + j);
            System.out.printf("click preview (demo model, CPU): first click %.1f ms (encode + decoder), next click %.1f ms (decoder only)%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            // oracle: the same prompts tracked; the prompted frame's matte is the conditioning output
            s.setPrompt(two);
            TrackFixture.Collect tracked = new TrackFixture.Collect();
            s.track(new FrameRange(frame, frame), tracked, Progress.none(), CancelToken.none());
            assertArrayEquals(tracked.object(SyntheticClip.DISC).get(frame).lowRes(), second.lowRes());
        }
    }

    private static boolean[] toBool(Matte m) {
        byte[] b = m.binary();
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] != 0;
        }
        return out;
    }
}
