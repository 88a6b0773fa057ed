package org.sam2long.engine.track;

/**
 * One chosen mask of one object on one frame together with what it leaves in memory: a node of a
 * pathway's history. Pathways share nodes (parent links form the memory tree); a pathway is simply
 * its last node. Heavy arrays are dropped once no memory window can reach the node any more.
 */
final class FrameMemory {
    final int frame;
    final boolean conditioning;
    /** Memory tokens, token-major [h*w][m]. */
    float[] memory;
    /** Their position encoding, token-major [h*w][m] (without temporal slot). */
    float[] memoryPos;
    /** Object pointer [d]. */
    float[] pointer;
    final float iou;
    final float presence;
    /** The chosen mask's low-res logits [M*M], kept until emitted. */
    float[] lowRes;
    FrameMemory parent;
    /**
     * With memory gating: the newest node at or before this one (conditioning frames skipped) that
     * passed the gate, and the newest strictly before it. These links are all a gated memory walk
     * follows, so a pathway reaches at most max_obj_ptrs - 1 gated nodes however old they are.
     */
    FrameMemory lastGated;
    FrameMemory prevGated;
    boolean emitted;
    /** Cumulative score of the pathway that chose this node, and that pathway's index. */
    double score;
    int pathway;

    FrameMemory(int frame, boolean conditioning, float[] memory, float[] memoryPos, float[] pointer, float iou,
                float presence, float[] lowRes, FrameMemory parent) {
        this.frame = frame;
        this.conditioning = conditioning;
        this.memory = memory;
        this.memoryPos = memoryPos;
        this.pointer = pointer;
        this.iou = iou;
        this.presence = presence;
        this.lowRes = lowRes;
        this.parent = parent;
    }

    /** Frees the memory payload; the node stays as a skeleton in the history. */
    void dropPayload() {
        memory = null;
        memoryPos = null;
        pointer = null;
    }
}
