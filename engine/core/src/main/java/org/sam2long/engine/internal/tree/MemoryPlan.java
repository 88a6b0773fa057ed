package org.sam2long.engine.internal.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory one pathway of one object attends to on one frame: spatial memories with their
 * temporal slot rows, object pointers with their temporal distances, and per-item key weights
 * (all 1 for plain SAM 2).
 */
public final class MemoryPlan {
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

    /** Spatial memories, conditioning frames first. */
    public List<FrameMemory> spatial() { return spatial; }
    /** Temporal slot row of each spatial memory (numMaskmem - 1 for conditioning frames). */
    public List<Integer> slotRows() { return slotRows; }
    /** Nodes whose object pointers are attended to. */
    public List<FrameMemory> pointers() { return pointers; }
    /** Temporal distance of each pointer (before normalisation). */
    public List<Float> pointerDistance() { return pointerDistance; }
    /** Key weight of each spatial memory. */
    public float[] spatialWeights() { return spatialWeights; }
    /** Key weight of each pointer. */
    public float[] pointerWeights() { return pointerWeights; }

    /** Shape key for batching: calls need equal memory and pointer counts. */
    public long shapeKey() {
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
