package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.tree.TreeSettings;

/**
 * The batch budget (issue 19): with a budget too small for more than one item per memory-attention
 * call, ModelRunner splits every batch, and the mattes are identical to the unsplit run.
 */
class BatchBudgetTest {

    private static TrackFixture.Collect track(SyntheticClip clip, TreeSettings tree, String budgetMb) {
        String old = System.getProperty(ModelRunner.BUDGET_PROPERTY);
        try {
            if (budgetMb == null) {
                System.clearProperty(ModelRunner.BUDGET_PROPERTY);
            } else {
                System.setProperty(ModelRunner.BUDGET_PROPERTY, budgetMb);
            }
            return TrackFixture.discAndSquare(clip, tree);
        } finally {
            if (old == null) {
                System.clearProperty(ModelRunner.BUDGET_PROPERTY);
            } else {
                System.setProperty(ModelRunner.BUDGET_PROPERTY, old);
            }
        }
    }

    @Test
    void aSplitBatchGivesIdenticalMattes() {
        SyntheticClip clip = new SyntheticClip(160, 120, 24, true);
        // two objects x three pathways, not deduplicated: six items per memory-attention call
        TreeSettings tree = TreeSettings.builder().deduplicate(false).build();
        long before = ModelRunner.SPLIT_BATCHES.get();
        TrackFixture.Collect whole = track(clip, tree, null);
        assertEquals(before, ModelRunner.SPLIT_BATCHES.get(), "the default budget should not split these small batches");
        TrackFixture.Collect split = track(clip, tree, "0.001");
        assertTrue(ModelRunner.SPLIT_BATCHES.get() > before, "a 1 kB budget must split the batches");
        for (int obj : new int[] {SyntheticClip.DISC, SyntheticClip.SQUARE}) {
            assertEquals(clip.frameCount(), whole.object(obj).size());
            assertEquals(clip.frameCount(), split.object(obj).size());
            for (int t = 0; t < clip.frameCount(); t++) {
                assertArrayEquals(whole.object(obj).get(t).lowRes(), split.object(obj).get(t).lowRes(),
                        "object " + obj + " frame " + t);
                assertArrayEquals(whole.object(obj).get(t).binary(), split.object(obj).get(t).binary(),
                        "object " + obj + " frame " + t);
            }
        }
    }
}
