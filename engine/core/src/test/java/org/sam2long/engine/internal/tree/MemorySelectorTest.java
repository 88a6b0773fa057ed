package org.sam2long.engine.internal.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.tree.TreeSettings;

class MemorySelectorTest {

    private static ModelManifest manifest;

    private static synchronized ModelManifest manifest() {
        if (manifest == null) {
            try (Sam2Model m = Sam2Model.loadBundled(BundledModels.DEMO, new RuntimeSettings(RuntimeSettings.Provider.CPU, 1, 1))) {
                manifest = m.manifest();
            }
        }
        return manifest;
    }

    /** A history 0 (conditioning) .. last with the given IoU and presence per frame (index = frame). */
    private static FrameMemory chain(float[] iou, float[] presence) {
        FrameMemory node = new FrameMemory(0, true, null, null, null, 1f, 10f, null, null);
        for (int f = 1; f < iou.length; f++) {
            node = new FrameMemory(f, false, null, null, null, iou[f], presence[f], null, node);
        }
        return node;
    }

    /** Sets the gated links root-first, as the session does when it makes each node. */
    private static void relink(MemorySelector s, FrameMemory tail) {
        List<FrameMemory> path = new ArrayList<>();
        for (FrameMemory m = tail; m != null; m = m.parent) {
            path.add(0, m);
        }
        path.forEach(s::link);
    }

    private static List<Integer> frames(List<FrameMemory> nodes) {
        List<Integer> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.frame));
        return out;
    }

    @Test
    void sam2RuleTakesTheLastSixFramesByDistanceAndSkipsConditioning() {
        float[] iou = new float[11];
        float[] pres = new float[11];
        java.util.Arrays.fill(iou, 0.9f);
        java.util.Arrays.fill(pres, 3f);
        FrameMemory tail = chain(iou, pres);
        FrameMemory cond = findFrame(tail, 0);
        MemorySelector s = MemorySelector.of(PolicySettings.of(TreeSettings.sam2Baseline()), manifest(), 100, false);
        relink(s, tail);
        MemoryPlan plan = s.plan(List.of(cond), tail, 11, false);
        assertEquals(List.of(0, 10, 9, 8, 7, 6, 5), frames(plan.spatial));
        assertEquals(List.of(6, 0, 1, 2, 3, 4, 5), plan.slotRows);
        assertEquals(List.of(0, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), frames(plan.pointers));
        assertEquals(11f, plan.pointerDistance.get(0));
        assertEquals(1f, plan.pointerWeights[3]);
    }

    @Test
    void gatingKeepsConfidentPresentFramesAndAlwaysThePreviousOne() {
        //            frame:   0    1    2    3    4    5    6    7    8
        float[] iou = {1f, 0.9f, 0.2f, 0.8f, 0.9f, 0.9f, 0.1f, 0.9f, 0.05f};
        float[] pres = {10f, 2f, 3f, -1f, 4f, 1f, 2f, 5f, -3f};
        FrameMemory tail = chain(iou, pres);
        TreeSettings paper = TreeSettings.paper();
        MemorySelector s = MemorySelector.of(PolicySettings.of(paper), manifest(), 100, false);
        relink(s, tail);
        MemoryPlan plan = s.plan(List.of(findFrame(tail, 0)), tail, 9, false);
        // kept by hand (IoU > 0.3 and presence > 0): 7, 5, 4, 1 ; frame 8 (previous) is forced in first.
        // Spatial memories oldest first as SAM2Long lists them (slot row = rank, newest 0)
        assertEquals(List.of(0, 1, 4, 5, 7, 8), frames(plan.spatial));
        assertEquals(List.of(6, 4, 3, 2, 1, 0), plan.slotRows);
        // pointers newest first at their rank, the oldest kept frame (1) giving none, as the reference does
        assertEquals(List.of(0, 8, 7, 5, 4), frames(plan.pointers));
        assertEquals(List.of(9f, 1f, 2f, 3f, 4f), plan.pointerDistance);
        // modulation by presence rank among spatial frames: 10, 2, 4, 1, 5, -3
        assertEquals(1.05f, plan.spatialWeights[0], 1e-6);
        assertEquals(0.95f + 0.1f * 2 / 5, plan.spatialWeights[1], 1e-6);
        assertEquals(0.95f, plan.spatialWeights[5], 1e-6);
    }

    @Test
    void referenceParityUsesRankDistancesAndDropsTheOldestPointer() {
        float[] iou = {1f, 0.9f, 0.9f, 0.9f};
        float[] pres = {10f, 1f, 1f, 1f};
        FrameMemory tail = chain(iou, pres);
        MemorySelector s = MemorySelector.of(PolicySettings.of(TreeSettings.referenceScript()), manifest(), 100, false);
        relink(s, tail);
        MemoryPlan plan = s.plan(List.of(findFrame(tail, 0)), tail, 4, false);
        assertEquals(List.of(0, 3, 2), frames(plan.pointers));
        assertEquals(List.of(4f, 1f, 2f), plan.pointerDistance);
    }

    private static FrameMemory findFrame(FrameMemory tail, int frame) {
        FrameMemory m = tail;
        while (m.frame != frame) {
            m = m.parent;
        }
        return m;
    }
}
