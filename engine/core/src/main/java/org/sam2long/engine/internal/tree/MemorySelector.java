package org.sam2long.engine.internal.tree;

import java.util.ArrayList;
import java.util.List;
import org.sam2long.engine.model.ModelManifest;

/**
 * Chooses the memory of a pathway for a frame. Without gating it is SAM 2.1's rule (all
 * conditioning frames + the previous num_maskmem-1 frames by distance, pointers from past
 * conditioning frames + the previous max_obj_ptrs-1 frames); with gating it is SAM2Long's
 * (walk the pathway's own history keeping frames with IoU above the threshold and positive
 * presence, the previous frame always kept).
 */
final class MemorySelector {
    static final float CONDITIONING_PRESENCE = 10f;

    private final ModelManifest manifest;
    private final boolean gated;
    private final double iouThreshold;
    private final ConditioningDistance conditioningDistance;
    private final Sam2LongSettings.KeyWeights keyWeights;
    private final int maxPointers;
    private final boolean exhaustive;

    /**
     * @param gated      SAM2Long's gated walk; false: SAM 2.1's recent frames
     * @param exhaustive walk the whole parent history instead of the gated links (for tests: the
     *                   naive walk the bounded one must equal)
     */
    MemorySelector(ModelManifest manifest, int frameCount, boolean exhaustive, boolean gated, double iouThreshold,
                   ConditioningDistance conditioningDistance, Sam2LongSettings.KeyWeights keyWeights) {
        this.manifest = manifest;
        this.gated = gated;
        this.iouThreshold = iouThreshold;
        this.conditioningDistance = conditioningDistance;
        this.keyWeights = keyWeights;
        this.maxPointers = Math.min(frameCount, manifest.maxObjPtrs());
        this.exhaustive = exhaustive;
    }

    /** The selector of a policy's settings. */
    static MemorySelector of(PolicySettings settings, ModelManifest manifest, int frameCount, boolean exhaustive) {
        if (settings instanceof Sam2LongSettings s) {
            return new MemorySelector(manifest, frameCount, exhaustive, s.memory() == Sam2LongSettings.MemoryWalk.GATED,
                    s.iouThreshold(), s.conditioningDistance(), s.keyWeights());
        }
        GreedySettings g = (GreedySettings) settings;
        return new MemorySelector(manifest, frameCount, exhaustive, false, 0.0, g.conditioningDistance(),
                Sam2LongSettings.KeyWeights.NONE);
    }

    /**
     * Frames behind the live frame that a walk along parent links can still reach; parent links
     * beyond it can be cut. A gated walk follows the gated links only, so it needs none.
     */
    int window() {
        if (exhaustive) {
            return Integer.MAX_VALUE;
        }
        return gated ? 0 : Math.max(manifest.numMaskmem(), maxPointers);
    }

    /** Sets a node's gated links from its parent; call when a node is made or re-parented. */
    void link(FrameMemory n) {
        if (!gated) {
            n.lastGated = null;
            n.prevGated = null;
            return;
        }
        FrameMemory before = n.parent == null ? null : n.parent.lastGated;
        n.prevGated = before;
        n.lastGated = !n.conditioning && passes(n) ? n : before;
    }

    private boolean passes(FrameMemory m) {
        return m.iou > iouThreshold && m.presence > 0;
    }

    /**
     * Non-conditioning nodes a walk for {@code frame} from {@code tail} visits: the gated nodes
     * (up to max_obj_ptrs - 1) with gating, else the parent history within the window.
     */
    List<FrameMemory> reachable(FrameMemory tail, int frame) {
        return gated ? gatedWalk(tail, frame) : history(tail, frame);
    }

    /** The gated nodes of a pathway, newest first, at most max_obj_ptrs - 1. */
    private List<FrameMemory> gatedWalk(FrameMemory tail, int frame) {
        List<FrameMemory> kept = new ArrayList<>();
        if (exhaustive) {
            for (FrameMemory m : history(tail, frame)) {
                if (kept.size() >= maxPointers - 1) {
                    break;
                }
                if (passes(m)) {
                    kept.add(m);
                }
            }
        } else {
            for (FrameMemory g = tail == null ? null : tail.lastGated; g != null && kept.size() < maxPointers - 1;
                 g = g.prevGated) {
                kept.add(g);
            }
        }
        return kept;
    }

    /** Temporal normaliser of pointer distances (SAM 2: max_obj_ptrs_in_encoder - 1). */
    float pointerDistanceScale() {
        return Math.max(maxPointers - 1, 1);
    }

    MemoryPlan plan(List<FrameMemory> conditioning, FrameMemory tail, int frame, boolean reverse) {
        MemoryPlan plan = new MemoryPlan();
        int condRow = manifest.numMaskmem() - 1;
        for (FrameMemory c : conditioning) {
            plan.addSpatial(c, condRow, CONDITIONING_PRESENCE);
        }
        for (FrameMemory c : conditioning) {
            boolean past = reverse ? c.frame >= frame : c.frame <= frame;
            if (past) {
                float dist = conditioningDistance == ConditioningDistance.UNSIGNED ? Math.abs(frame - c.frame) : (frame - c.frame) * (reverse ? -1 : 1);
                plan.addPointer(c, dist, CONDITIONING_PRESENCE);
            }
        }
        if (gated) {
            gated(plan, tail, frame);
        } else {
            List<FrameMemory> history = history(tail, frame);
            for (FrameMemory m : history) {
                int dist = Math.abs(frame - m.frame);
                if (dist <= manifest.numMaskmem() - 1) {
                    plan.addSpatial(m, dist - 1, m.presence);
                }
            }
            for (FrameMemory m : history) {
                int dist = Math.abs(frame - m.frame);
                if (dist <= maxPointers - 1) {
                    plan.addPointer(m, dist, m.presence);
                }
            }
        }
        boolean modulate = keyWeights.active() && plan.spatial.size() > 1;
        plan.spatialWeights = modulate ? Modulation.weights(MemoryPlan.toArray(plan.spatialPresence),
                keyWeights.min(), keyWeights.max()) : ones(plan.spatial.size());
        plan.pointerWeights = modulate ? Modulation.weights(MemoryPlan.toArray(plan.pointerPresence),
                keyWeights.min(), keyWeights.max()) : ones(plan.pointers.size());
        return plan;
    }

    private void gated(MemoryPlan plan, FrameMemory tail, int frame) {
        List<FrameMemory> kept = gatedWalk(tail, frame);
        FrameMemory newest = tail;
        while (newest != null && newest.conditioning) {
            newest = newest.parent;
        }
        if (newest != null && Math.abs(frame - newest.frame) == 1 && !kept.contains(newest)) {
            kept.add(0, newest);
        }
        // as SAM2Long does: spatial memories oldest first (ties in modulation rank the older lower),
        // pointers newest first at their rank in the kept list, the oldest kept frame giving no pointer
        int spatial = Math.min(kept.size(), manifest.numMaskmem() - 1);
        for (int rank = spatial - 1; rank >= 0; rank--) {
            plan.addSpatial(kept.get(rank), rank, kept.get(rank).presence);
        }
        for (int rank = 0; rank < Math.min(kept.size() - 1, maxPointers - 1); rank++) {
            FrameMemory m = kept.get(rank);
            plan.addPointer(m, rank + 1, m.presence);
        }
    }

    /** Non-conditioning nodes of the pathway along parent links, most recent first, within the window. */
    private List<FrameMemory> history(FrameMemory tail, int frame) {
        List<FrameMemory> out = new ArrayList<>();
        for (FrameMemory m = tail; m != null && Math.abs(frame - m.frame) <= window(); m = m.parent) {
            if (!m.conditioning) {
                out.add(m);
            }
        }
        return out;
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }
}
