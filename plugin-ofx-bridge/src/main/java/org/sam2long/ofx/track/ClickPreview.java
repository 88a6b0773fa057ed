package org.sam2long.ofx.track;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * The matte a click gives on its own frame before any tracking (the engine's
 * {@code TrackingSession.preview}): each clicked frame is encoded once and its embedding kept, so
 * further clicks on it run only the decoder. The embeddings of the last {@value #FRAMES_KEPT} clicked
 * frames are kept (one engine session per frame, as a session keeps one), least recently clicked
 * dropped first. One per effect instance, apart from the instance's {@link EngineTracker} so a
 * preview never waits for a track. Everything is dropped when the clip's shape, the model or the
 * tracking settings change, or on {@link #invalidate()}; a kept frame whose pixels changed is encoded
 * again. Thread-safe (one preview at a time).
 */
public final class ClickPreview implements AutoCloseable {
    /** Clicked frames whose embeddings are kept (about 20 MB of features each for SAM 2.1 at 1024, plus the frame). */
    public static final int FRAMES_KEPT = 4;

    /** Makes one preview per effect instance (bound in the plug-in's Guice module). */
    @FunctionalInterface
    public interface Factory {
        ClickPreview create();
    }

    private final ModelPool models;
    /** Kept frames by clip index, least recently clicked first. */
    private final LinkedHashMap<Integer, Slot> slots = new LinkedHashMap<>(8, 0.75f, true);
    private Setup setup;
    /** Frames the engine read (to encode them) in the slots already dropped. */
    private long closedEncodes;

    /** One kept frame: its engine session, which holds the frame's embedding once it has previewed it. */
    private record Slot(TrackingSession session, HeldFrame frame) {}

    /**
     * One preview: the clicked frame's pixels (read by the caller, on the host's thread), the clip
     * they come from (its shape and frame numbers; it is not read), the prompt (every click and box
     * of the object on that frame, 0-based frame index) and what to run it with.
     *
     * @param modelDir  a model directory, or null for the model {@code modelName} (bundled or installed,
     *                  see {@link ModelPool#get(Path, String, RuntimeSettings)})
     */
    public record Request(FrameSource clip, Frame pixels, Prompt prompt, TrackingSettings tracking, Path modelDir,
                          String modelName, RuntimeSettings runtime) {
        public Request {
            if (pixels.index() != prompt.frameIndex()) {
                throw new IllegalArgumentException("the pixels are of frame index " + pixels.index()
                        + ", the prompt is on frame index " + prompt.frameIndex());
            }
        }
    }

    private record Setup(int frameCount, int firstFrameNumber, int width, int height, TrackingSettings tracking,
                         Path modelDir, String modelName, RuntimeSettings runtime) {
        static Setup of(Request r) {
            FrameSource c = r.clip();
            return new Setup(c.frameCount(), c.frameNumber(0), c.width(), c.height(), r.tracking(), r.modelDir(),
                    r.modelName(), r.runtime());
        }
    }

    /** @param models where previews get their model (the plug-in's shared pool: the tracker's model, loaded once) */
    public ClickPreview(ModelPool models) {
        this.models = models;
    }

    /** The predicted matte of the request's prompt on its frame. */
    public synchronized Matte preview(Request r) {
        Setup s = Setup.of(r);
        if (!s.equals(setup)) {
            close();
            setup = s;
        }
        int index = r.pixels().index();
        int pixels = Arrays.hashCode(r.pixels().rgb());
        Slot slot = slots.get(index);
        if (slot != null && slot.frame().hash != pixels) {
            drop(slots.remove(index)); // an upstream change on this frame: encode it again
            slot = null;
        }
        if (slot == null) {
            HeldFrame held = new HeldFrame(r.clip(), r.pixels(), pixels);
            slot = new Slot(new TrackingSession(models.get(r.modelDir(), r.modelName(), r.runtime()), held,
                    r.tracking(), TreeSettings.paper()), held);
            slots.put(index, slot);
            while (slots.size() > FRAMES_KEPT) {
                Integer eldest = slots.keySet().iterator().next();
                drop(slots.remove(eldest));
            }
        }
        return slot.session().preview(r.prompt());
    }

    /**
     * How many frames the engine encoded for this preview: the engine reads a frame from the preview's
     * frame source exactly when it encodes it (its stage counts do not count encodes).
     */
    public synchronized long encodes() {
        return closedEncodes + slots.values().stream().mapToLong(x -> x.frame().reads).sum();
    }

    /** Makes the next preview start fresh (the clip changed); the kept embeddings go. */
    public synchronized void invalidate() {
        close();
    }

    @Override
    public synchronized void close() {
        slots.values().forEach(this::drop);
        slots.clear();
        setup = null;
    }

    private void drop(Slot slot) {
        closedEncodes += slot.frame().reads;
        slot.session().close();
    }

    /** A session's frame source: the clip's shape and its one frame. */
    private static final class HeldFrame implements FrameSource {
        private final FrameSource clip;
        private final Frame frame;
        private final int hash;
        private long reads;

        HeldFrame(FrameSource clip, Frame frame, int hash) {
            this.clip = clip;
            this.frame = frame;
            this.hash = hash;
        }

        @Override public int frameCount() { return clip.frameCount(); }
        @Override public int width() { return clip.width(); }
        @Override public int height() { return clip.height(); }
        @Override public double frameRate() { return clip.frameRate(); }
        @Override public int frameNumber(int index) { return clip.frameNumber(index); }
        @Override public String describe() { return clip.describe(); }

        @Override
        public Frame read(int index) throws FrameSourceException {
            if (frame.index() != index) {
                throw new FrameSourceException("the click preview holds frame " + clip.frameNumber(frame.index())
                        + " of " + clip.describe() + ", not frame " + clip.frameNumber(index));
            }
            reads++;
            return frame;
        }
    }
}
