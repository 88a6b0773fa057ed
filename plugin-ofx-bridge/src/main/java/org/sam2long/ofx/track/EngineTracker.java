package org.sam2long.ofx.track;

import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.TrackingReport;
import org.sam2long.engine.track.TrackingSession;

/**
 * The plug-in's only door into the engine's tracker: everything else talks to this class, so an
 * engine API change touches this file alone. A run opens a {@code TrackingSession} on a model from
 * {@link ModelPool}, adds the prompts and tracks, bridging the listener to the engine's progress and
 * cancel token.
 *
 * <p>Tests on machines without a model set {@value #STAND_IN_ENV}=1 to use {@link StandInTracker}, a
 * deterministic colour key with the same contract; the plug-in never falls back to it on its own.
 */
public final class EngineTracker {
    /** Environment variable that selects the stand-in tracker (tests only). */
    public static final String STAND_IN_ENV = "SAM2LONG_OFX_STAND_IN_TRACKER";
    private final boolean standIn;

    public EngineTracker() {
        this("1".equals(System.getenv(STAND_IN_ENV)));
    }

    public EngineTracker(boolean standIn) {
        this.standIn = standIn;
    }

    /** Tracks every prompted object in the request's direction, handing each final matte to {@code sink}. */
    public TrackSummary track(TrackRequest request, MatteSink sink, TrackListener listener) throws Exception {
        if (standIn) {
            return new StandInTracker().track(request, sink, listener);
        }
        Sam2Model model = ModelPool.get(request.modelDir(), request.bundledModel());
        try (TrackingSession session = new TrackingSession(model, request.frames(), request.tracking(), request.tree())) {
            request.prompts().forEach(session::addPrompt);
            CancelToken cancel = new CancelToken();
            TrackingReport report = session.track(sink, (done, total, fps) -> {
                if (!listener.progress(done, total)) {
                    cancel.cancel();
                }
            }, cancel);
            return new TrackSummary(report.mattes(), report.cancelled());
        }
    }
}
