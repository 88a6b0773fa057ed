package org.sam2long.ofx.effect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.ofx.bindings.Clip;
import org.sam2long.ofx.bindings.OfxException;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.cache.MatteCache;
import org.sam2long.ofx.cache.MatteKey;
import org.sam2long.ofx.track.EngineTracker;
import org.sam2long.ofx.track.TrackListener;
import org.sam2long.ofx.track.TrackRequest;
import org.sam2long.ofx.track.TrackSummary;

/**
 * One tracking run into the cache: every prompted object in one direction, written under results
 * version {@code into} (which first inherits version {@code from}, so frames this run does not touch
 * keep their mattes). Stops when {@code cancelled} says so or the listener returns false.
 */
final class TrackRun {
    private final EngineTracker tracker = new EngineTracker();

    TrackSummary run(Clip source, InstanceSettings s, Direction direction, int from, int into,
                     TrackListener listener, BooleanSupplier cancelled) throws Exception {
        ClipFrameSource frames = new ClipFrameSource(source);
        List<Integer> objects = s.prompts().objectIds();
        List<Prompt> prompts = s.prompts().enginePrompts(objects, frames.first(), frames.frameCount());
        if (prompts.isEmpty()) {
            throw new OfxException(OfxStatus.FAILED,
                    "nothing to track: click on the object in the viewer first (frames " + frames.first() + ".."
                            + (frames.first() + frames.frameCount() - 1) + ")");
        }
        MatteCache cache = s.cache();
        String instance = s.cacheInstance();
        if (from != into) {
            IntPredicate keep = objects::contains;
            cache.inherit(instance, from, into, keep);
        }
        TrackRequest request = new TrackRequest(frames, prompts, TrackingSettings.defaults().withDirection(direction),
                s.tree(), s.modelDir(), BundledModels.DEMO);
        return tracker.track(request, m -> {
            try {
                cache.put(new MatteKey(instance, into, m.objectId(), frames.frameNumber(m.frameIndex())), m);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the matte cache in " + cache.root() + ": " + e.getMessage(), e);
            }
        }, (done, total) -> !cancelled.getAsBoolean() && listener.progress(done, total));
    }
}
