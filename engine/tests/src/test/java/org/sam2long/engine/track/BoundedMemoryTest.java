package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.tree.TreeSettings;

/**
 * The gated memory walk has no look-back cap and keeps only what a future walk can reach. Oracle:
 * the same track with every node kept and the whole parent history walked naively.
 */
class BoundedMemoryTest {
    private static final int HIDDEN = 300;

    /** The synthetic clip with the disc out of sight for {@link #HIDDEN} frames in the middle. */
    static final class LongAbsence implements FrameSource {
        final SyntheticClip clip = new SyntheticClip(SyntheticClip.PERIOD);
        final int[] map;

        LongAbsence() {
            int absent = -1;
            for (int t = 40; t < 70 && absent < 0; t++) {
                boolean any = false;
                for (boolean b : clip.truth(SyntheticClip.DISC, t)) {
                    any |= b;
                }
                absent = any ? -1 : t;
            }
            assertTrue(absent > 0, "the synthetic clip hides the disc somewhere in 40..69");
            map = new int[30 + HIDDEN + 54];
            for (int i = 0; i < map.length; i++) {
                map[i] = i < 30 ? i : i < 30 + HIDDEN ? absent : 66 + (i - 30 - HIDDEN);
            }
        }

        @Override public int frameCount() { return map.length; }
        @Override public int width() { return clip.width(); }
        @Override public int height() { return clip.height(); }
        @Override public double frameRate() { return 24; }
        @Override public String describe() { return "long-absence clip"; }

        @Override
        public Frame read(int index) throws FrameSourceException {
            Frame f = clip.read(map[index]);
            return new Frame(index, f.width(), f.height(), f.rgb());
        }
    }

    private TrackFixture.Collect run(FrameSource frames, TreeSettings tree, boolean exhaustive) {
        try (TrackingSession s = new TrackingSession(TrackFixture.model(), frames,
                TrackingSettings.defaults().withDirection(Direction.FORWARD), tree, exhaustive)) {
            s.setPrompt(TrackFixture.clickOnDisc(new SyntheticClip(SyntheticClip.PERIOD), 0));
            TrackFixture.Collect c = new TrackFixture.Collect();
            s.track(c, Progress.none(), CancelToken.none());
            return c;
        }
    }

    @Test
    void aThreeHundredFrameAbsenceGivesTheSameMattesAsAnUnboundedWalk() {
        LongAbsence clip = new LongAbsence();
        for (TreeSettings tree : new TreeSettings[] {TreeSettings.paper(), TreeSettings.referenceScript()}) {
            TrackFixture.Collect bounded = run(clip, tree, false);
            TrackFixture.Collect naive = run(clip, tree, true);
            assertEquals(clip.frameCount(), bounded.object(SyntheticClip.DISC).size());
            int present = 0;
            for (int f = 0; f < clip.frameCount(); f++) {
                assertArrayEquals(naive.object(SyntheticClip.DISC).get(f).lowRes(),
                        bounded.object(SyntheticClip.DISC).get(f).lowRes(), "P=" + tree.pathways() + " frame " + f);
                present += f >= 30 + HIDDEN && bounded.object(SyntheticClip.DISC).get(f).area() > 0 ? 1 : 0;
            }
            System.out.printf("%s: after %d hidden frames the disc is found again on %d of %d frames%n",
                    tree.referenceParity() ? "reference parity" : "paper", HIDDEN, present, 54);
            assertTrue(present > 40, "the object is found again after the absence: " + present);
        }
    }
}
