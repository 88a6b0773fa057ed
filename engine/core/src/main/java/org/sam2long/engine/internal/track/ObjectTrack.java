package org.sam2long.engine.internal.track;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.internal.tree.FrameMemory;

/**
 * One object of a tracking session: its prompts by frame, the conditioning memories made from
 * them, and which of its mattes are final for which prompts.
 */
public final class ObjectTrack {
    final int objectId;
    public final TreeMap<Integer, Prompt> prompts = new TreeMap<>();
    public final TreeMap<Integer, FrameMemory> conditioning = new TreeMap<>();
    /** The prompts that the final frames belong to; null before the first track. */
    Map<Integer, Prompt> resultPrompts;
    /** Frames whose matte the sink holds for {@link #resultPrompts}. */
    final BitSet finalFrames = new BitSet();
    /** Whether this track's backward pass continues from the forward pass's memories. */
    public boolean seedNeeded;
    /** The forward pass's final non-conditioning nodes just after the first prompt, by frame. */
    public final TreeMap<Integer, FrameMemory> seed = new TreeMap<>();
    /** Frames of that window already final in the forward pass (conditioning frames included). */
    final BitSet seedFinal = new BitSet();

    ObjectTrack(int objectId) {
        this.objectId = objectId;
    }

    public List<FrameMemory> conditioningList() {
        return new ArrayList<>(conditioning.values());
    }

    /** True when the final frames were made from exactly the current prompts. */
    boolean upToDate() {
        return resultPrompts != null && Prompts.same(resultPrompts, prompts);
    }
}
