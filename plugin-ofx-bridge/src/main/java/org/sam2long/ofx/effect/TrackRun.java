package org.sam2long.ofx.effect;

import java.io.IOException;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteSink;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.Direction;
import org.sam2long.ofx.bindings.Clip;
import org.sam2long.ofx.bindings.OfxException;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.cache.MatteCache;
import org.sam2long.ofx.cache.MatteKey;
import org.sam2long.ofx.prompt.ShotEdits;
import org.sam2long.engine.shot.PlateFrames;
import org.sam2long.ofx.track.EngineTracker;
import org.sam2long.ofx.track.TrackListener;
import org.sam2long.ofx.track.TrackRequest;
import org.sam2long.ofx.track.TrackSummary;

/**
 * An instance's tracking runs into the cache: every prompted object in one direction, written under
 * results version {@code into} (which first inherits version {@code from}, so frames this run does
 * not touch keep their mattes). Stops when {@code cancelled} says so or the listener returns false.
 *
 * <p>The {@link EngineTracker} and its session live as long as the instance, so a run that continues
 * from the version the previous run wrote re-tracks only what the prompt changes need. Anything else
 * (another version: Clear track, Remove object, an undo in the host; a version missing from the cache;
 * a run into the version it reads, which is render's "track now" repairing the cache) starts fresh.
 * Callers run one at a time (the instance's track lock).
 */
final class TrackRun implements AutoCloseable {
    private final EngineTracker tracker;
    /** The results version holding everything the tracker's session has tracked, or null. */
    private Version written;

    private record Version(String instance, int number) {}

    TrackRun(EngineTracker tracker) {
        this.tracker = tracker;
    }

    TrackSummary run(Clip source, InstanceSettings s, Direction direction, int from, int into,
                     TrackListener listener, BooleanSupplier cancelled) throws Exception {
        ClipFrameSource frames = new ClipFrameSource(source);
        List<Integer> objects = ShotEdits.objectIds(s.prompts());
        List<Prompt> prompts = ShotEdits.enginePrompts(s.prompts(), objects, PlateFrames.of(frames));
        if (prompts.isEmpty()) {
            throw new OfxException(OfxStatus.FAILED,
                    "nothing to track: click on the object in the viewer first (frames " + frames.first() + ".."
                            + (frames.first() + frames.frameCount() - 1) + ")");
        }
        MatteCache cache = s.cache();
        String instance = s.cacheInstance();
        if (from == into || !new Version(instance, from).equals(written) || !cache.hasVersion(instance, from)) {
            tracker.close();
        }
        written = null;
        if (from != into) {
            IntPredicate keep = objects::contains;
            cache.inherit(instance, from, into, keep);
        }
        TrackRequest request = request(frames, prompts, s, direction);
        MatteSink sink = new MatteSink() {
            @Override
            public void accept(Matte m) {
                try {
                    cache.put(new MatteKey(instance, into, m.objectId(), frames.frameNumber(m.frameIndex())), m);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write to the matte cache in " + cache.root() + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void discard(int objectId, int frameIndex) throws IOException {
                cache.remove(new MatteKey(instance, into, objectId, frames.frameNumber(frameIndex)));
            }
        };
        TrackSummary summary = tracker.track(request, sink, (done, total) -> !cancelled.getAsBoolean() && listener.progress(done, total));
        written = new Version(instance, into);
        return summary;
    }

    /**
     * What the instance asks the engine for: the preset's tracking settings in the pressed direction,
     * the memory tree from the parameters, the model (Model folder, else the preset's) and the preset's
     * runtime settings.
     */
    static TrackRequest request(org.sam2long.engine.frame.FrameSource frames, List<Prompt> prompts, InstanceSettings s,
                                Direction direction) {
        return new TrackRequest(frames, prompts, s.tracking().withDirection(direction), s.tree(), s.modelDir(),
                s.modelName(), s.runtime());
    }

    /** The Source clip changed: the next run starts fresh. Safe from any thread. */
    void clipChanged() {
        tracker.invalidate();
    }

    @Override
    public void close() {
        tracker.close();
        written = null;
    }
}
