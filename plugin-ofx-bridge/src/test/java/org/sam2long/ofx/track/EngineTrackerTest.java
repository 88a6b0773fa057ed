package org.sam2long.ofx.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.ofx.testing.DiscClip;
import org.sam2long.ofx.testing.Trackers;

class EngineTrackerTest {

    private static List<Matte> track(Direction d, int frame, int cancelAfter) throws Exception {
        double[] c = DiscClip.centre(frame);
        TrackRequest req = new TrackRequest(new DiscClip(), List.of(Prompt.clicks(1, frame, Prompt.Click.positive(c[0], c[1]))),
                TrackingSettings.defaults().withDirection(d), TreeSettings.paper(), null, BundledModels.DEMO);
        List<Matte> out = new ArrayList<>();
        Trackers.forTests().track(req, out::add, (done, total) -> cancelAfter == 0 || done < cancelAfter);
        return out;
    }

    @Test
    void forwardCoversThePromptedFrameToTheEnd() throws Exception {
        List<Matte> m = track(Direction.FORWARD, 5, 0);
        assertEquals(19, m.size());
        assertEquals(5, m.get(0).frameIndex());
    }

    @Test
    void backwardCoversTheStartToThePromptedFrame() throws Exception {
        assertEquals(6, track(Direction.BACKWARD, 5, 0).size());
    }

    @Test
    void bothWaysCoversEveryFrameOnce() throws Exception {
        List<Matte> m = track(Direction.BOTH, 5, 0);
        assertEquals(DiscClip.FRAMES, m.stream().mapToInt(Matte::frameIndex).distinct().count());
        assertEquals(DiscClip.FRAMES, m.size());
    }

    @Test
    void theMatteFollowsTheDisc() throws Exception {
        for (Matte m : track(Direction.BOTH, 0, 0)) {
            double iou = DiscClip.iou(m.frameIndex(), m.binary());
            assertTrue(iou > 0.85, "frame " + m.frameIndex() + ": IoU " + iou);
        }
    }

    @Test
    void aCancelStopsEarlyAndKeepsWhatWasFinished() throws Exception {
        int n = track(Direction.BOTH, 0, 3).size();
        assertTrue(n <= 3, n + " mattes after a cancel at step 3");
    }
}
