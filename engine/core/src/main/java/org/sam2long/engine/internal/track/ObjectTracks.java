package org.sam2long.engine.internal.track;

import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.prompt.Prompt;

/**
 * The objects of a session and their prompts as data: edits replace prompts and drop the
 * conditioning memories they invalidate; removed objects leave their final frames to discard.
 */
public final class ObjectTracks {
    private final FrameSource frames;
    public final TreeMap<Integer, ObjectTrack> objects = new TreeMap<>();
    /** Final frames of removed objects, to discard from the sink on the next track. */
    public final Map<Integer, BitSet> orphaned = new TreeMap<>();

    public ObjectTracks(FrameSource frames) {
        this.frames = frames;
    }

    public void set(Prompt p) {
        PromptCheck.check(p, frames);
        ObjectTrack t = objects.get(p.objectId());
        if (t == null) {
            t = new ObjectTrack(p.objectId());
            BitSet orphan = orphaned.remove(p.objectId());
            if (orphan != null) {
                t.finalFrames.or(orphan);
                t.resultPrompts = Map.of();
            }
            objects.put(p.objectId(), t);
        }
        if (!Prompts.same(t.prompts.get(p.frameIndex()), p)) {
            t.prompts.put(p.frameIndex(), p);
            t.conditioning.remove(p.frameIndex());
        }
    }

    public void add(Prompt p) {
        ObjectTrack t = objects.get(p.objectId());
        set(Prompts.merge(t == null ? null : t.prompts.get(p.frameIndex()), p));
    }

    public void clear(int objectId, int frameIndex) {
        ObjectTrack t = get(objectId);
        if (t.prompts.remove(frameIndex) == null) {
            throw new IllegalArgumentException("object " + objectId + " has no prompt on frame "
                    + frames.frameNumber(frameIndex));
        }
        t.conditioning.remove(frameIndex);
        if (t.prompts.isEmpty()) {
            remove(objectId);
        }
    }

    public void remove(int objectId) {
        ObjectTrack t = get(objectId);
        objects.remove(objectId);
        if (!t.finalFrames.isEmpty()) {
            orphaned.computeIfAbsent(objectId, k -> new BitSet()).or(t.finalFrames);
        }
    }

    public Set<Integer> ids() {
        return Collections.unmodifiableSet(objects.keySet());
    }

    public List<Prompt> prompts(int objectId) {
        return List.copyOf(get(objectId).prompts.values());
    }

    ObjectTrack get(int id) {
        ObjectTrack t = objects.get(id);
        if (t == null) {
            throw new IllegalArgumentException("unknown object id " + id + " (known: " + objects.keySet() + ")");
        }
        return t;
    }
}
