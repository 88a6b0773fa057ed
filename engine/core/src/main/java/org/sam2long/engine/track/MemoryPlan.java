package org.sam2long.engine.track;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory one pathway of one object attends to on one frame: spatial memories with their
 * temporal slot rows, object pointers with their temporal distances, and per-item key weights
 * (all 1 for plain SAM 2).
 */
final class MemoryPlan {
    final List<FrameMemory> spatial = new ArrayList<>();
    final List<Integer> slotRows = new ArrayList<>();
    final List<Float> spatialPresence = new ArrayList<>();
    final List<FrameMemory> pointers = new ArrayList<>();
    final List<Float> pointerDistance = new ArrayList<>();
    final List<Float> pointerPresence = new ArrayList<>();
    float[] spatialWeights;
    float[] pointerWeights;

    void addSpatial(FrameMemory m, int slotRow, float presence) {
        spatial.add(m);
        slotRows.add(slotRow);
        spatialPresence.add(presence);
    }

    void addPointer(FrameMemory m, float distance, float presence) {
        pointers.add(m);
        pointerDistance.add(distance);
        pointerPresence.add(presence);
    }

    /** Shape key for batching: calls need equal memory and pointer counts. */
    long shapeKey() {
        return ((long) spatial.size() << 32) | pointers.size();
    }

    static float[] toArray(List<Float> values) {
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
