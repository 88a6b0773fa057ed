package org.sam2long.engine.track;

import java.util.ArrayList;
import java.util.List;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.tree.Modulation;
import org.sam2long.engine.tree.TreeSettings;

/**
 * Chooses the memory of a pathway for a frame. Without gating it is SAM 2.1's rule (all
 * conditioning frames + the previous num_maskmem-1 frames by distance, pointers from past
 * conditioning frames + the previous max_obj_ptrs-1 frames); with gating it is SAM2Long's
 * (walk the pathway's own history keeping frames with IoU above the threshold and positive
 * presence, the previous frame always kept).
 */
final class MemorySelector {
    /** How far back (in frames) any history walk may look; nodes beyond it drop their payload. */
    static final int LOOKBACK = 128;
    static final float CONDITIONING_PRESENCE = 10f;

    private final ModelManifest manifest;
    private final TreeSettings tree;
    private final int maxPointers;

    MemorySelector(ModelManifest manifest, TreeSettings tree, int frameCount) {
        this.manifest = manifest;
        this.tree = tree;
        this.maxPointers = Math.min(frameCount, manifest.maxObjPtrs());
    }

    /** Frames behind the live frame that a memory walk can still reach; older history can be cut. */
    int window() {
        return tree.memoryGating() ? LOOKBACK : Math.max(manifest.numMaskmem(), maxPointers);
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
                float dist = tree.referenceParity() ? Math.abs(frame - c.frame) : (frame - c.frame) * (reverse ? -1 : 1);
                plan.addPointer(c, dist, CONDITIONING_PRESENCE);
            }
        }
        List<FrameMemory> history = history(tail, frame);
        if (tree.memoryGating()) {
            gated(plan, history, frame);
        } else {
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
        boolean modulate = tree.modulation() && plan.spatial.size() > 1;
        plan.spatialWeights = modulate ? Modulation.weights(MemoryPlan.toArray(plan.spatialPresence),
                tree.modulationMin(), tree.modulationMax()) : ones(plan.spatial.size());
        plan.pointerWeights = modulate ? Modulation.weights(MemoryPlan.toArray(plan.pointerPresence),
                tree.modulationMin(), tree.modulationMax()) : ones(plan.pointers.size());
        return plan;
    }

    private void gated(MemoryPlan plan, List<FrameMemory> history, int frame) {
        List<FrameMemory> kept = new ArrayList<>();
        for (FrameMemory m : history) {
            if (m.iou > tree.iouThreshold() && m.presence > 0) {
                kept.add(m);
            }
            if (kept.size() >= maxPointers - 1) {
                break;
            }
        }
        if (!history.isEmpty() && Math.abs(frame - history.get(0).frame) == 1 && !kept.contains(history.get(0))) {
            kept.add(0, history.get(0));
        }
        int spatial = Math.min(kept.size(), manifest.numMaskmem() - 1);
        for (int rank = 0; rank < spatial; rank++) {
            plan.addSpatial(kept.get(rank), rank, kept.get(rank).presence);
        }
        int pointers = tree.referenceParity() ? kept.size() - 1 : kept.size();
        for (int rank = 0; rank < Math.min(pointers, maxPointers - 1); rank++) {
            FrameMemory m = kept.get(rank);
            float dist = tree.referenceParity() ? rank + 1 : Math.abs(frame - m.frame);
            plan.addPointer(m, dist, m.presence);
        }
    }

    /** Non-conditioning nodes of the pathway, most recent first, within the lookback window. */
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
