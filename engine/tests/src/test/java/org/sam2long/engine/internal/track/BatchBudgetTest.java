package org.sam2long.engine.internal.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.Progress;
import org.sam2long.engine.track.TrackFixture;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * The batch budget (issue 19): with a budget too small for more than one item per memory-attention
 * call, ModelRunner splits every batch, and the mattes are identical to the unsplit run. Splitting the
 * mask decoder's and memory encoder's calls (a diagnostic) is not bit-identical, only close.
 */
class BatchBudgetTest {

    private static TrackFixture.Collect track(SyntheticClip clip, TreeSettings tree, String budgetMb) {
        return track(clip, tree, ModelRunner.BUDGET_PROPERTY, budgetMb);
    }

    /** Tracks the disc and square with a system property set (null: cleared), restoring it after. */
    private static TrackFixture.Collect track(SyntheticClip clip, TreeSettings tree, String property, String value) {
        String old = System.getProperty(property);
        try {
            setProperty(property, value);
            return TrackFixture.discAndSquare(clip, tree);
        } finally {
            setProperty(property, old);
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
        assertIdentical(clip, whole, split);
    }

    @Test
    void oneItemPerMaskDecoderAndMemoryEncoderCallGivesCloseButNotIdenticalMattes() {
        SyntheticClip clip = new SyntheticClip(160, 120, 12, true);
        TreeSettings tree = TreeSettings.builder().deduplicate(false).build();
        TrackFixture.Collect whole = track(clip, tree, null);
        long before = ModelRunner.SPLIT_BATCHES.get();
        // memory attention keeps its (unsplit) default; only the mask decoder and memory encoder split
        TrackFixture.Collect split = track(clip, tree, ModelRunner.DECODER_ITEMS_PROPERTY, "1");
        assertTrue(ModelRunner.SPLIT_BATCHES.get() > before, "one item per call must split the six-item batches");
        double worst = 0;
        for (int obj : new int[] {SyntheticClip.DISC, SyntheticClip.SQUARE}) {
            for (int t = 0; t < clip.frameCount(); t++) {
                float[] a = whole.object(obj).get(t).lowRes();
                float[] b = split.object(obj).get(t).lowRes();
                assertEquals(a.length, b.length);
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1.0, Math.abs(a[i])));
                }
            }
        }
        System.out.println("one item per decoder/encoder call: worst relative logit difference " + worst);
        // the kernels round differently per batch size (measured: ~1e-6 relative), nothing more
        assertTrue(worst < 1e-4, "worst relative difference " + worst);
    }

    @Test
    void oneItemPerMemoryEncoderCallGivesIdenticalMattes() {
        // the default for models whose memory attention runs one item per call (the official sizes on CPU);
        // the demo model's small items batch by default, as here in "whole"
        SyntheticClip clip = new SyntheticClip(160, 120, 12, true);
        TreeSettings tree = TreeSettings.builder().deduplicate(false).build();
        TrackFixture.Collect whole = track(clip, tree, null);
        TrackFixture.Collect split = track(clip, tree, ModelRunner.ENCODER_ITEMS_PROPERTY, "1");
        assertIdentical(clip, whole, split);
    }

    @Test
    void theRuntimeSettingComesFirstThenThePropertyThenTheAvailableMemory() {
        String old = System.getProperty(ModelRunner.BUDGET_PROPERTY);
        try {
            System.setProperty(ModelRunner.BUDGET_PROPERTY, "3");
            RuntimeSettings seven = new RuntimeSettings(RuntimeSettings.Provider.CPU, 1, 1, 7);
            assertEquals(7L << 20, ModelRunner.batchBudget(seven, "CPU"));
            assertEquals(3L << 20, ModelRunner.batchBudget(seven.withBatchBudgetMB(0), "CPU"));
            System.clearProperty(ModelRunner.BUDGET_PROPERTY);
            long auto = ModelRunner.batchBudget(seven.withBatchBudgetMB(0), "CPU");
            // the oracle: the kernel's own figure, read here independently of ModelRunner
            long available = memAvailable();
            // on CPU: half of it, but at most 384 MB per call (one full-bank item of the official sizes)
            long expected = Math.min(available / 2, 384L << 20);
            assertTrue(Math.abs(auto - expected) < expected / 10, auto + " vs min(half of " + available + ", 384 MB)");
            // no GPU here: on CUDA without a readable device it falls back to half the host figure, uncapped
            long cuda = ModelRunner.batchBudget(seven.withBatchBudgetMB(0), "CUDA");
            assertTrue(Math.abs(cuda - available / 2) < available / 10, cuda + " vs half of " + available);
        } finally {
            setProperty(ModelRunner.BUDGET_PROPERTY, old);
        }
    }

    @Test
    void aModelLoadedWithASmallBudgetSplitsAndGivesIdenticalMattes() {
        SyntheticClip clip = new SyntheticClip(160, 120, 8, true);
        TreeSettings tree = TreeSettings.builder().deduplicate(false).build();
        TrackFixture.Collect whole = TrackFixture.discAndSquare(clip, tree);
        long before = ModelRunner.SPLIT_BATCHES.get();
        TrackFixture.Collect split = new TrackFixture.Collect();
        try (Sam2Model small = Sam2Model.loadBundled(BundledModels.DEMO,
                new RuntimeSettings(RuntimeSettings.Provider.CPU, 2, 1, 1));
             TrackingSession s = new TrackingSession(small, clip, TrackingSettings.defaults(), tree)) {
            s.addPrompt(TrackFixture.clickOnDisc(clip, 0));
            s.addPrompt(TrackFixture.clickOnSquare(clip, 0));
            s.track(split, Progress.none(), CancelToken.none());
        }
        assertTrue(ModelRunner.SPLIT_BATCHES.get() > before, "runtime.batchBudgetMB = 1 must split six-item batches");
        assertIdentical(clip, whole, split);
    }

    /** Both runs hold every frame of the disc and the square, with identical low-res logits and binary mattes. */
    private static void assertIdentical(SyntheticClip clip, TrackFixture.Collect whole, TrackFixture.Collect split) {
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

    private static long memAvailable() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        org.junit.jupiter.api.Assumptions.abort("no /proc/meminfo");
        return 0;
    }

    /** Sets a system property, or clears it for null. */
    private static void setProperty(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
