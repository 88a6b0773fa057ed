package org.sam2long.engine.track;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.sam2long.engine.prompt.Prompt;

/**
 * One object of a tracking session: its prompts by frame, the conditioning memories made from
 * them, and whether (and from where) it still needs tracking.
 */
final class ObjectTrack {
    final int objectId;
    final TreeMap<Integer, Prompt> prompts = new TreeMap<>();
    final TreeMap<Integer, FrameMemory> conditioning = new TreeMap<>();
    boolean tracked;
    Integer dirtyFrom;

    ObjectTrack(int objectId) {
        this.objectId = objectId;
    }

    List<FrameMemory> conditioningList() {
        return new ArrayList<>(conditioning.values());
    }
}
