package org.sam2long.engine.internal.tree;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * How one object's memory evolves while it is tracked: the nodes of its history, the pathways
 * (hypotheses) kept, which past frames each pathway attends to, how candidates are scored and
 * selected, which pathways share their computation, when frames become final and what is pruned.
 * The tracking loop runs the model; the policy decides everything else. Two implementations:
 * {@link Sam2Greedy} (SAM 2.1) and {@link Sam2LongTree} (SAM2Long). Per frame the loop calls
 * {@link #plan}, runs memory attention and the decoder on the plans, calls {@link #choose} with
 * the outputs, encodes the returned masks and calls {@link #advance} with their memories.
 */
public interface MemoryPolicy {

    /** The settings this policy was made from. */
    PolicySettings settings();

    /** Temporal normaliser of pointer distances (SAM 2: max_obj_ptrs_in_encoder - 1). */
    float pointerDistanceScale();

    /**
     * Starts an object's branches on a pass at its conditioning frame.
     *
     * @param continuing final nodes of an earlier pass in the other direction that this pass may
     *                   attend to (in frame order), or empty
     */
    Branches start(FrameMemory conditioning, Collection<FrameMemory> continuing);

    /**
     * A later conditioning frame on the pass: the best pathway's history becomes final (handed to
     * {@code finals} oldest first), then every pathway restarts at the conditioning frame.
     */
    void restart(Branches b, FrameMemory conditioning, int liveFrame, Consumer<FrameMemory> finals);

    /** The distinct memory plans of the object's pathways for {@code frame}, one model item each. */
    List<MemoryPlan> plan(Branches b, List<FrameMemory> conditioning, int frame, boolean reverse);

    /**
     * Scores and selects the candidates from the decoder outputs of this frame's plans (same order);
     * returns the distinct masks whose memory must be encoded, in order.
     */
    List<MemoryInput> choose(Branches b, List<DecoderOutput> outputs);

    /**
     * Makes this frame's nodes from the encoded memories ([memory, memoryPos] per mask that
     * {@link #choose} returned), moves the pathways on and releases what no later walk reaches.
     */
    void advance(Branches b, int frame, List<float[][]> memories, int nextFrame);

    /** After a frame: hands every node that became final to {@code finals}, oldest first. */
    void settle(Branches b, int liveFrame, Consumer<FrameMemory> finals);

    /** At the end of a pass: the best pathway's history becomes final. */
    void finish(Branches b, int liveFrame, Consumer<FrameMemory> finals);

    /** A mask whose memory the memory encoder must compute, with its presence logit. */
    record MemoryInput(float[] mask, float presence) {}
}
