package org.sam2long.ofx.track;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.TrackingReport;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * The plug-in's only door into the engine's tracker: everything else talks to this class, so an
 * engine API change touches this file alone.
 *
 * <p>One tracker keeps one {@code TrackingSession} (model from {@link ModelPool}) for as long as the
 * clip, the model and the settings stay the same, and hands it only what changed in the prompts. The
 * engine then re-tracks an already tracked object only from its first changed frame, so a correction
 * click on frame k costs the frames from k on. The clip counts as the same while its shape is and the
 * first prompted frame still reads the same pixels (an upstream change makes a fresh session). Not
 * thread-safe: one track at a time, as the owning instance guarantees.
 */
public final class EngineTracker implements AutoCloseable {
    /** Makes one tracker per effect instance (bound in the plug-in's Guice module). */
    @FunctionalInterface
    public interface Factory {
        EngineTracker create();
    }

    private final ModelPool models;
    private TrackingSession session;
    private Setup setup;
    /** What the session was told, one merged prompt per (object, frame). */
    private final Map<Key, Prompt> given = new HashMap<>();
    private volatile boolean stale;

    /**
     * What a session is bound to; a request with another setup starts a fresh session. The session
     * keeps reading through the frame source it was opened with, which is fine while this is equal.
     */
    private record Setup(int frameCount, int firstFrameNumber, int width, int height, int fingerprintFrame,
                         int fingerprint, TrackingSettings tracking, TreeSettings tree, Path modelDir, String bundledModel,
                         RuntimeSettings runtime) {

        static Setup of(TrackRequest r, int fingerprintFrame) throws FrameSourceException {
            FrameSource f = r.frames();
            return new Setup(f.frameCount(), f.frameNumber(0), f.width(), f.height(), fingerprintFrame,
                    Arrays.hashCode(f.read(fingerprintFrame).rgb()), r.tracking(), r.tree(), r.modelDir(), r.bundledModel(), r.runtime());
        }
    }

    private record Key(int object, int frame) {}

    /** @param models where the tracker gets its model (shared by every instance of the plug-in) */
    public EngineTracker(ModelPool models) {
        this.models = models;
    }

    /**
     * Tracks what the request's prompts need (everything the first time; after an edit, every frame
     * of the edited objects), handing each final matte to {@code sink} and telling it which mattes
     * no longer exist.
     * A failed track forgets the session, so the next one starts fresh.
     */
    public TrackSummary track(TrackRequest request, MatteSink sink, TrackListener listener) throws Exception {
        Map<Key, Prompt> wanted = merged(request.prompts());
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("nothing to track: the request has no prompts");
        }
        boolean ok = false;
        try {
            open(request, wanted);
            update(wanted);
            CancelToken cancel = new CancelToken();
            TrackingReport report = session.track(sink, (done, total, fps) -> {
                if (!listener.progress(done, total)) {
                    cancel.cancel();
                }
            }, cancel);
            ok = true;
            return new TrackSummary(report.mattes(), report.frameSteps(), report.cancelled());
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /** Makes the next track start a fresh session (the host says the clip changed); safe from any thread. */
    public void invalidate() {
        stale = true;
    }

    /** Forgets the session and what it tracked. */
    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        session = null;
        setup = null;
        given.clear();
    }

    private void open(TrackRequest request, Map<Key, Prompt> wanted) throws FrameSourceException {
        boolean wasStale = stale;
        stale = false;
        if (session != null && !wasStale && setup.fingerprintFrame() < request.frames().frameCount()
                && Setup.of(request, setup.fingerprintFrame()).equals(setup)) {
            return;
        }
        close();
        int firstPrompted = wanted.keySet().stream().mapToInt(Key::frame).min().orElseThrow();
        setup = Setup.of(request, firstPrompted);
        session = new TrackingSession(models.get(request.modelDir(), request.bundledModel(), request.runtime()), request.frames(),
                request.tracking(), request.tree());
    }

    /**
     * Brings the session's prompts to {@code wanted}: prompts are data in the engine, so removed
     * (object, frame) pairs are cleared and changed ones set; the engine re-tracks what that changes.
     */
    private void update(Map<Key, Prompt> wanted) {
        for (Key k : List.copyOf(given.keySet())) {
            if (!wanted.containsKey(k)) {
                session.clearPrompts(k.object(), k.frame()); // drops the object with its last prompt
                given.remove(k);
            }
        }
        for (Map.Entry<Key, Prompt> e : wanted.entrySet()) {
            if (!e.getValue().equals(given.get(e.getKey()))) {
                session.setPrompt(e.getValue());
                given.put(e.getKey(), e.getValue());
            }
        }
    }

    /** One prompt per (object, frame): the clicks in order and the last box and mask, as the engine merges them. */
    private static Map<Key, Prompt> merged(List<Prompt> prompts) {
        Map<Key, Prompt> out = new LinkedHashMap<>();
        for (Prompt p : prompts) {
            out.merge(new Key(p.objectId(), p.frameIndex()), p, (a, b) -> new Prompt(a.objectId(), a.frameIndex(),
                    Stream.concat(a.clicks().stream(), b.clicks().stream()).toList(),
                    b.box() != null ? b.box() : a.box(), b.mask() != null ? b.mask() : a.mask()));
        }
        return out;
    }
}
