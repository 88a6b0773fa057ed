package org.sam2long.ofx.track;

import java.nio.file.Path;
import java.util.Arrays;
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
 * {@code TrackingSession.preview}): the frame is encoded once and its embedding kept, so further
 * clicks on it run only the decoder. One per effect instance, apart from the instance's
 * {@link EngineTracker} so a preview never waits for a track. The session is kept while the clip's
 * shape, the model, the tracking settings and the previewed frame's pixels stay the same; anything else
 * (or {@link #invalidate()}) starts a fresh one. Thread-safe (one preview at a time).
 */
public final class ClickPreview implements AutoCloseable {
    /** Makes one preview per effect instance (bound in the plug-in's Guice module). */
    @FunctionalInterface
    public interface Factory {
        ClickPreview create();
    }

    private final ModelPool models;
    private TrackingSession session;
    private Setup setup;
    private HeldFrame held;
    /** Frames the engine read (to encode them) in the sessions already closed. */
    private long closedEncodes;

    /**
     * One preview: the clicked frame's pixels (read by the caller, on the host's thread), the clip
     * they come from (its shape and frame numbers; it is not read), the prompt (every click and box
     * of the object on that frame, 0-based frame index) and what to run it with.
     *
     * @param modelDir a model directory, or null for the bundled model {@code bundledModel}
     */
    public record Request(FrameSource clip, Frame pixels, Prompt prompt, TrackingSettings tracking, Path modelDir,
                          String bundledModel, RuntimeSettings runtime) {
        public Request {
            if (pixels.index() != prompt.frameIndex()) {
                throw new IllegalArgumentException("the pixels are of frame index " + pixels.index()
                        + ", the prompt is on frame index " + prompt.frameIndex());
            }
        }
    }

    private record Setup(int frameCount, int firstFrameNumber, int width, int height, TrackingSettings tracking,
                         Path modelDir, String bundledModel, RuntimeSettings runtime) {
        static Setup of(Request r) {
            FrameSource c = r.clip();
            return new Setup(c.frameCount(), c.frameNumber(0), c.width(), c.height(), r.tracking(), r.modelDir(),
                    r.bundledModel(), r.runtime());
        }
    }

    /** @param models where previews get their model (the plug-in's shared pool: the tracker's model, loaded once) */
    public ClickPreview(ModelPool models) {
        this.models = models;
    }

    /** The predicted matte of the request's prompt on its frame. */
    public synchronized Matte preview(Request r) {
        Setup s = Setup.of(r);
        int pixels = Arrays.hashCode(r.pixels().rgb());
        boolean samePixels = held != null && held.frame.index() == r.pixels().index() && held.hash == pixels;
        if (session == null || !s.equals(setup) || (held != null && held.frame.index() == r.pixels().index() && !samePixels)) {
            close();
            setup = s;
            held = new HeldFrame(r.clip(), r.pixels(), pixels);
            session = new TrackingSession(models.get(r.modelDir(), r.bundledModel(), r.runtime()), held,
                    r.tracking(), TreeSettings.paper());
        } else {
            held.frame = r.pixels();
            held.hash = pixels;
        }
        return session.preview(r.prompt());
    }

    /**
     * How many frames the engine encoded for this preview: the engine reads a frame from the preview's
     * frame source exactly when it encodes it (its stage counts do not count encodes).
     */
    public synchronized long encodes() {
        return closedEncodes + sessionEncodes();
    }

    private long sessionEncodes() {
        return held == null ? 0 : held.reads;
    }

    /** Makes the next preview start fresh (the clip changed); the kept embedding goes. */
    public synchronized void invalidate() {
        close();
    }

    @Override
    public synchronized void close() {
        closedEncodes += sessionEncodes();
        if (session != null) {
            session.close();
        }
        session = null;
        setup = null;
        held = null;
    }

    /** The session's frame source: the clip's shape, and the one frame handed over last. */
    private static final class HeldFrame implements FrameSource {
        private final FrameSource clip;
        private Frame frame;
        private int hash;
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
