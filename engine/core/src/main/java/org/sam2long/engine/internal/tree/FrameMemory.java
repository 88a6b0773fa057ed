package org.sam2long.engine.internal.tree;

/**
 * One chosen mask of one object on one frame together with what it leaves in memory: a node of a
 * pathway's history. Pathways share nodes (parent links form the memory tree); a pathway is simply
 * its last node. Heavy arrays are dropped once no memory walk can reach the node any more. Only the
 * memory policy links and prunes nodes; the tracking loop reads them.
 */
public final class FrameMemory {
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

    /** The memory of a prompted frame: the root of every history that passes it. */
    public static FrameMemory conditioning(int frame, float[] memory, float[] memoryPos, float[] pointer, float iou,
                                           float presence, float[] lowRes) {
        return new FrameMemory(frame, true, memory, memoryPos, pointer, iou, presence, lowRes, null);
    }

    public int frame() { return frame; }
    public boolean isConditioning() { return conditioning; }
    /** Memory tokens, token-major [h*w][m]; null once no walk can reach this node. */
    public float[] memory() { return memory; }
    /** Position encoding of the memory tokens, token-major [h*w][m]. */
    public float[] memoryPos() { return memoryPos; }
    /** Object pointer [d]. */
    public float[] pointer() { return pointer; }
    /** Predicted IoU of the chosen mask. */
    public float iou() { return iou; }
    /** Object-presence logit on this frame. */
    public float presence() { return presence; }
    /** The chosen mask's low-res logits [M*M]; null once emitted (conditioning frames keep theirs). */
    public float[] lowRes() { return lowRes; }
    /** Cumulative score of the pathway that chose this node (0 on conditioning frames). */
    public double score() { return score; }
    /** Index of the pathway that chose this node. */
    public int pathway() { return pathway; }
    /** Whether this node was handed out as a final matte. */
    public boolean emitted() { return emitted; }

    /** Marks this node final: histories are emitted up to the first emitted node. */
    public void markEmitted() {
        emitted = true;
    }

    /** Drops the matte logits once the matte was written (conditioning frames keep them for previews). */
    public void releaseMask() {
        if (!conditioning) {
            lowRes = null;
        }
    }

    /** Frees the memory payload; the node stays as a skeleton in the history. */
    void dropPayload() {
        memory = null;
        memoryPos = null;
        pointer = null;
    }
}
