package org.sam2long.engine.internal.track;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sam2long.engine.internal.tree.Branches;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.FrameRange;

/**
 * What one track call must do: which objects run forward and backward from which frame, which old
 * mattes become stale, how many frame steps to expect, and when a pass may stop early.
 */
public final class TrackPlan {
    /** One object's pass, starting at its first (forward) or last (backward) prompt. */
    public record Run(ObjectTrack track, int start) {}

    /** One object during a pass: its policy branches and the forward frames a backward pass needs. */
    public static final class Live {
        public final ObjectTrack track;
        public Branches branches;
        /** Last frame whose memory a later backward pass needs from this forward pass; -1 none. */
        public int seedTo = -1;

        public Live(ObjectTrack track) {
            this.track = track;
        }
    }

    private final int frameCount;
    private final Direction direction;
    private final FrameRange range;
    public final List<Run> forward = new ArrayList<>();
    public final List<Run> backward = new ArrayList<>();
    /** Objects re-tracked from scratch, with the frames they had final before. */
    final Map<ObjectTrack, BitSet> stale = new IdentityHashMap<>();

    public TrackPlan(Iterable<ObjectTrack> objects, int frameCount, Direction d, FrameRange range) {
        this.frameCount = frameCount;
        this.direction = d;
        this.range = range;
        for (ObjectTrack t : objects) {
            if (!t.upToDate()) {
                stale.put(t, (BitSet) t.finalFrames.clone());
                t.finalFrames.clear();
                t.resultPrompts = new java.util.TreeMap<>(t.prompts);
            } else {
                BitSet missing = expected(t);
                missing.andNot(t.finalFrames);
                if (missing.isEmpty()) {
                    continue;
                }
            }
            int first = t.prompts.firstKey();
            int last = t.prompts.lastKey();
            t.seed.clear();
            t.seedFinal.clear();
            t.seedNeeded = d == Direction.BOTH && range.first() < first;
            if (d != Direction.BACKWARD && (range.last() >= first || t.seedNeeded)) {
                forward.add(new Run(t, first));
            }
            if (d == Direction.BACKWARD && range.first() <= last) {
                backward.add(new Run(t, last));
            } else if (t.seedNeeded) {
                backward.add(new Run(t, first));
            }
        }
    }

    /**
     * Forward frames after the first prompt that a backward pass may attend to, as the official
     * predictor lets reverse frames read the forward pass's outputs (max_obj_ptrs - 1 frames).
     */
    public static int seedWindow(int frameCount, org.sam2long.engine.model.ModelManifest mf) {
        return Math.max(1, Math.min(frameCount, mf.maxObjPtrs()) - 1);
    }

    /** Refuses a range that does not lie inside the clip. */
    public static void checkRange(FrameRange range, org.sam2long.engine.frame.FrameSource frames) {
        if (range.last() >= frames.frameCount()) {
            throw new IllegalArgumentException("the frame range " + frames.frameNumber(range.first()) + "-"
                    + frames.frameNumber(range.last()) + " is outside " + frames.describe() + ", which has frames "
                    + frames.frameNumber(0) + "-" + frames.frameNumber(frames.frameCount() - 1));
        }
    }

    /** Discards the old mattes of re-tracked objects that this call did not make again. */
    public void discardStale(MatteEmitter emitter) {
        stale.forEach((t, old) -> {
            old.andNot(t.finalFrames);
            old.stream().forEach(f -> emitter.discard(t.objectId, f));
        });
    }

    /** Frames of the range that a fresh track of this object emits. */
    BitSet expected(ObjectTrack t) {
        int from = direction == Direction.FORWARD ? t.prompts.firstKey() : 0;
        int to = direction == Direction.BACKWARD ? t.prompts.lastKey() : frameCount - 1;
        BitSet b = new BitSet();
        from = Math.max(from, range.first());
        to = Math.min(to, range.last());
        if (from <= to) {
            b.set(from, to + 1);
        }
        return b;
    }

    /** The first frame of a pass over {@code runs}. */
    public static int firstFrame(List<Run> runs, boolean reverse) {
        return reverse ? runs.stream().mapToInt(Run::start).max().getAsInt()
                : runs.stream().mapToInt(Run::start).min().getAsInt();
    }

    /** Frames both passes are expected to step through (they may run on past the range until all is final). */
    public int totalSteps() {
        int total = 0;
        if (!forward.isEmpty()) {
            total += Math.max(0, range.last() - firstFrame(forward, false) + 1);
        }
        if (!backward.isEmpty()) {
            total += Math.max(0, firstFrame(backward, true) - range.first() + 1);
        }
        return total;
    }

    /** True when every frame of the range on this pass's side of each object's start is final. */
    public boolean rangeFinal(List<Live> live, boolean reverse) {
        for (Live l : live) {
            if (!reverse && l.seedTo >= 0 && l.track.seedFinal.nextClearBit(l.track.prompts.firstKey() + 1) <= l.seedTo) {
                return false;
            }
            BitSet want = expected(l.track);
            int start = reverse ? l.track.prompts.lastKey() : l.track.prompts.firstKey();
            if (reverse) {
                want.clear(Math.min(start, range.last()) + 1, range.last() + 1);
            } else {
                want.clear(range.first(), Math.max(start, range.first()));
            }
            want.andNot(l.track.finalFrames);
            if (!want.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
