package org.sam2long.engine.internal.track;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.internal.tree.FrameMemory;
import org.sam2long.engine.track.FrameRange;
import org.sam2long.engine.track.StageTimes;
import org.sam2long.engine.track.TrackingException;

/**
 * Hands final nodes to the sink as mattes, once per (object, frame) per track call, discards
 * mattes of old prompts, and records the forward pass's nodes that a backward pass continues from.
 */
public final class MatteEmitter {
    private final MatteSink sink;
    private final FrameRange range;
    private final FrameSource frames;
    private final int maskSize;
    private final int holeArea;
    private final int seedWindow;
    private final StageTimes times;
    /** Frames emitted in this call, per object (a bit per frame: flat memory on long clips). */
    private final Map<Integer, BitSet> done = new HashMap<>();
    /** Direction of the pass now emitting. */
    public boolean passReverse;
    public int count;
    public int maxLag;
    public int discarded;

    public MatteEmitter(MatteSink sink, FrameRange range, FrameSource frames, int maskSize, int holeArea, int seedWindow,
                 StageTimes times) {
        this.sink = sink;
        this.range = range;
        this.frames = frames;
        this.maskSize = maskSize;
        this.holeArea = holeArea;
        this.seedWindow = seedWindow;
        this.times = times;
    }

    /** Emits a node chosen on a tracked frame with its own pathway and score. */
    public void emitFinal(ObjectTrack track, FrameMemory node, int liveFrame) {
        emit(track, node, node.pathway(), node.score(), liveFrame, false);
    }

    public void emit(ObjectTrack track, FrameMemory node, int pathway, double score, int liveFrame, boolean skipIfDone) {
        BitSet mine = done.computeIfAbsent(track.objectId, k -> new BitSet());
        boolean seen = mine.get(node.frame());
        mine.set(node.frame());
        if (seen && skipIfDone) {
            return;
        }
        node.markEmitted();
        int first = track.prompts.firstKey();
        if (track.seedNeeded && !passReverse && node.frame() > first && node.frame() <= first + seedWindow) {
            track.seedFinal.set(node.frame());
            if (!node.isConditioning()) {
                track.seed.put(node.frame(), node);
            }
        }
        if (range.contains(node.frame())) {
            float[] logits = HoleFill.apply(node.lowRes(), maskSize, holeArea);
            Matte m = new Matte(track.objectId, node.frame(), maskSize, logits, frames.width(), frames.height(),
                    node.presence(), pathway, score);
            long t0 = System.nanoTime();
            try {
                sink.accept(m);
                times.add("sink", System.nanoTime() - t0);
            } catch (Exception e) {
                throw failure("writing the matte of object " + track.objectId + " on frame "
                        + frames.frameNumber(node.frame()), e);
            }
            track.finalFrames.set(node.frame());
            count++;
            maxLag = Math.max(maxLag, Math.abs(liveFrame - node.frame()));
        }
        node.releaseMask();
    }

    /** Discards the final frames of removed objects and forgets them. */
    public void discardAll(Map<Integer, BitSet> orphaned) {
        orphaned.forEach((id, gone) -> gone.stream().forEach(f -> discard(id, f)));
        orphaned.clear();
    }

    void discard(int objectId, int frame) {
        try {
            sink.discard(objectId, frame);
        } catch (Exception e) {
            throw failure("discarding the old matte of object " + objectId + " on frame "
                    + frames.frameNumber(frame), e);
        }
        discarded++;
    }

    private RuntimeException failure(String what, Exception e) {
        if (Thread.currentThread().isInterrupted() || e instanceof InterruptedException
                || e instanceof java.nio.channels.ClosedByInterruptException) {
            Thread.currentThread().interrupt();
            return new Interrupted(e);
        }
        return new TrackingException(what + " failed: " + e.getMessage(), e);
    }

    /** A thread interrupt seen while handing a matte to the sink: treated as a cancel. */
    public static final class Interrupted extends RuntimeException {
        Interrupted(Throwable cause) {
            super(cause);
        }
    }
}
