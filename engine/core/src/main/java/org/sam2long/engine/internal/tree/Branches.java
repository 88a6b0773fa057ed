package org.sam2long.engine.internal.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live pathways of one object on one pass, with the nodes whose memory payload they still
 * hold. Made and moved on by a {@link MemoryPolicy}.
 */
public final class Branches {
    List<Pathway> pathways;
    /** Nodes of this pass that still hold a memory payload. */
    final List<FrameMemory> holders = new ArrayList<>();
    /** Payloads of nodes on frames in (holdAfter, holdTo] are kept for a later pass; holdTo -1: none. */
    int holdAfter;
    int holdTo = -1;

    // the frame being stepped
    /** Plan index of each pathway. */
    int[] group;
    List<MemoryPlan> plans;
    List<DecoderOutput> outputs;
    List<Candidate> kept;
    /** Node identity of each kept candidate, and the index of each identity's memory. */
    long[] keys;
    final Map<Long, Integer> nodeIndex = new LinkedHashMap<>();
    final List<float[]> masks = new ArrayList<>();

    Branches(List<Pathway> pathways) {
        this.pathways = pathways;
    }

    /** The live pathways, in order. */
    public List<Pathway> pathways() {
        return Collections.unmodifiableList(pathways);
    }

    /** The candidates kept on the last frame, in the order of the pathways they became. */
    public List<Candidate> kept() {
        return kept;
    }

    /** The memory plan pathway {@code p} attended to on the last planned frame. */
    public MemoryPlan planOf(int p) {
        return plans.get(group[p]);
    }

    /** Keeps the memory payloads of nodes on frames after {@code afterFrame} up to {@code toFrame}. */
    public void holdPayloads(int afterFrame, int toFrame) {
        holdAfter = afterFrame;
        holdTo = toFrame;
    }
}
