package org.sam2long.ofx.effect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.Direction;
import org.sam2long.ofx.bindings.Clip;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.OfxException;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.bindings.PropertySet;
import org.sam2long.ofx.bindings.Suites;
import org.sam2long.ofx.cache.InstanceLease;
import org.sam2long.ofx.cache.MatteCache;
import org.sam2long.ofx.cache.MatteKey;
import org.sam2long.ofx.overlay.MatteOutline;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.ofx.render.OutputMode;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.ofx.prompt.ShotEdits;
import org.sam2long.ofx.track.ClickPreview;
import org.sam2long.ofx.track.EngineTracker;
import org.sam2long.ofx.track.TrackSummary;

/**
 * One effect instance: reacts to the artist's edits and button presses (InstanceChanged), tracks
 * into the cache, and renders from it. Tracking holds {@link #trackLock}; destroy cancels a running
 * track and waits for it, so no host call on this instance happens after destroy returns. The
 * instance keeps its {@link TrackRun} (and with it the engine's tracking session) between Track
 * presses, so a correction re-tracks only from the corrected frame.
 */
final class RotoInstance {
    private static final long DESTROY_WAIT_SECONDS = 60;

    private final long handle;
    private final Suites suites;
    private final ParamValues params;
    private final ReentrantLock trackLock = new ReentrantLock();
    private final InstanceSettings.Reader settings;
    private final TrackRun tracks;
    private final Map<String, ChangeHandler> onUserEdit;
    private final PromptOverlay overlay;
    private final PreviewOutlines previews;
    private volatile boolean destroyed;
    private volatile Object[] lastOutline;
    /** This instance's claim on its cache folder (no trim deletes it while the instance lives). */
    private InstanceLease lease;
    /** The folder {@link #lease} is for, or that could not be claimed (tried once). */
    private Path claimed;

    @FunctionalInterface
    private interface ChangeHandler {
        void changed(double time) throws Exception;
    }

    RotoInstance(long handle, Suites suites, InstanceSettings.Reader settings, PresetChoices presetChoices,
                 EngineTracker.Factory trackers, ClickPreview.Factory previewers) {
        this.handle = handle;
        this.suites = suites;
        this.settings = settings;
        this.tracks = new TrackRun(trackers.create());
        this.previews = new PreviewOutlines(previewers.create());
        this.params = new ParamValues(suites.parameter(), suites.imageEffect().paramSet(handle));
        this.overlay = new PromptOverlay(suites, handle, params, this::outline, this::preview);
        ObjectEdits objects = new ObjectEdits(params);
        PresetEdits presets = new PresetEdits(params, presetChoices);
        this.onUserEdit = Map.ofEntries(
                Map.entry(RotoParams.TRACK_FORWARD.name(), t -> track(Direction.FORWARD)),
                Map.entry(RotoParams.TRACK_BACKWARD.name(), t -> track(Direction.BACKWARD)),
                Map.entry(RotoParams.TRACK_BOTH.name(), t -> track(Direction.BOTH)),
                Map.entry(RotoParams.CLEAR_TRACK.name(), t -> clearCurrentObject()),
                Map.entry(RotoParams.ADD_OBJECT.name(), t -> objects.add()),
                Map.entry(RotoParams.REMOVE_OBJECT.name(), t -> { objects.remove(); dropRemovedObjects(); }),
                Map.entry(RotoParams.CURRENT_OBJECT.name(), t -> objects.select()),
                Map.entry(RotoParams.OBJECT_NAME.name(), t -> objects.rename()),
                Map.entry(RotoParams.CLEAR_FRAME_PROMPTS.name(), objects::clearFrame),
                Map.entry(RotoParams.PRESET.name(), t -> presets.apply()));
    }

    PromptOverlay overlay() { return overlay; }

    /**
     * Outline segments (source pixels) of the current object on a frame: the click preview while it
     * shows the object's prompt there now, else the cached tracked matte's (kept for the last key).
     */
    private double[] outline(int frame) {
        InstanceSettings s = settings.read(params);
        double[] preview = previews.outline(s.currentObject(), frame, promptOn(s.prompts(), s.currentObject(), frame), s);
        if (preview != null) {
            return preview;
        }
        MatteKey key = new MatteKey(s.cacheInstance(), s.resultsVersion(), params.get(RotoParams.CURRENT_OBJECT), frame);
        Object[] last = lastOutline;
        if (last != null && last[0].equals(key)) {
            return (double[]) last[1];
        }
        double[] segments = s.cache().get(key)
                .map(m -> MatteOutline.segments(m.lowRes(), m.maskSize(), m.width(), m.height()))
                .orElse(new double[0]);
        lastOutline = new Object[] {key, segments};
        return segments;
    }

    /** The engine prompt of {@code object} on plate (host) frame {@code frame} (every click and box there), or null. */
    private Prompt promptOn(ShotDocument doc, int object, int frame) {
        ShotDocument.FramePrompt p = ShotEdits.promptOn(doc, object, frame);
        if (p == null) {
            return null;
        }
        Prompt prompt = ShotEdits.enginePrompt(object, frame - (int) Math.round(source().frameRange()[0]), p);
        return prompt.isEmpty() ? null : prompt;
    }

    /** A click changed an object's prompt on a frame: preview its matte there (off this thread if slow). */
    private void preview(int object, int frame, ShotDocument doc, Runnable redraw) {
        try {
            ClipFrameSource clip = new ClipFrameSource(source());
            int index = frame - clip.first();
            Prompt p = index < 0 || index >= clip.frameCount() ? null : promptOn(doc, object, frame);
            if (p == null) {
                redraw.run();
                return;
            }
            previews.request(clip, clip.read(index), p, frame, settings.read(params), redraw);
        } catch (FrameSourceException | RuntimeException e) {
            System.err.println("SAM2Long Roto: no click preview on frame " + frame + ": " + e.getMessage());
            redraw.run();
        }
    }

    int changed(PropertySet in) throws Exception {
        if (Ofx.TYPE_CLIP.equals(in.getString(Ofx.PROP_TYPE)) && Ofx.CLIP_SOURCE.equals(in.getString(Ofx.PROP_NAME))) {
            tracks.clipChanged();
            previews.invalidate();
            return OfxStatus.OK;
        }
        if (!Ofx.TYPE_PARAMETER.equals(in.getString(Ofx.PROP_TYPE))
                || !Ofx.CHANGE_USER_EDITED.equals(in.getString(Ofx.PROP_CHANGE_REASON))) {
            return OfxStatus.REPLY_DEFAULT;
        }
        ChangeHandler h = onUserEdit.get(in.getString(Ofx.PROP_NAME));
        if (h == null) {
            return OfxStatus.REPLY_DEFAULT;
        }
        h.changed(in.getDouble(Ofx.PROP_TIME));
        return OfxStatus.OK;
    }

    int clipPreferences(PropertySet out) {
        OutputMode mode = OutputMode.ofIndex(params.get(RotoParams.OUTPUT_MODE));
        boolean alpha = mode.alphaOnly() && suites.capabilities().supportsAlphaImages(); // else the matte goes in every channel
        out.set(Ofx.CLIP_PREF_COMPONENTS + Ofx.CLIP_OUTPUT, alpha ? Ofx.COMPONENT_ALPHA : Ofx.COMPONENT_RGBA);
        out.set(Ofx.PREMULTIPLICATION, switch (mode) {
            case RGBA_STRAIGHT -> Ofx.IMAGE_UNPREMULTIPLIED;
            default -> Ofx.IMAGE_PREMULTIPLIED;
        });
        return OfxStatus.OK;
    }

    /**
     * Renders from the cache. When that fails, the render window of the output image is cleared
     * before the failure goes back to the host: some hosts (the HostSupport example among them) read
     * the output image whatever render returned, and must find defined pixels there.
     */
    int render(PropertySet in) throws Exception {
        try {
            InstanceSettings s = settings.read(params);
            claim(s);
            return new MatteRender(handle, suites, s, this::trackForRender).render(in);
        } catch (Exception | Error e) {
            MatteRender.clearOutput(suites, handle, in);
            throw e;
        }
    }

    /** Cancels a running track, waits for it to stop, and lets the tracking session go. */
    void destroy() {
        destroyed = true;
        previews.close();
        synchronized (this) {
            if (lease != null) {
                lease.close();
                lease = null;
            }
        }
        try {
            if (trackLock.tryLock(DESTROY_WAIT_SECONDS, TimeUnit.SECONDS)) {
                tracks.close();
                trackLock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Track button: runs with the host's progress bar, then publishes a new results version. */
    private void track(Direction direction) throws Exception {
        if (!trackLock.tryLock()) {
            throw new OfxException(OfxStatus.FAILED, "a track is already running on this effect");
        }
        try {
            InstanceSettings s = settingsWithInstanceId();
            int from = s.resultsVersion();
            int into = from + 1;
            HostProgress progress = new HostProgress(suites, handle);
            TrackSummary summary;
            try {
                progress.start("SAM2Long: tracking " + direction.name().toLowerCase());
                summary = tracks.run(source(), s, direction, from, into, progress, () -> destroyed);
            } finally {
                progress.end();
            }
            if (!destroyed) {
                publish(s, into);
            }
            if (summary.cancelled() && !destroyed) {
                suites.message().message(handle, Ofx.MESSAGE_MESSAGE, "sam2long.cancelled",
                        "SAM2Long Roto: tracking cancelled after " + summary.mattes() + " frames; those are kept.");
            }
        } finally {
            trackLock.unlock();
        }
    }

    /**
     * Render's "track now": fills the current results version from the saved prompts (a fresh full
     * track). Render threads that miss frames at once queue on the track lock; each re-reads the
     * cache once it holds the lock, so only the first one tracks and the others find their frames.
     */
    private void trackForRender(InstanceSettings s, BooleanSupplier stillMissing) throws Exception {
        if (!trackLock.tryLock(10, TimeUnit.MINUTES)) {
            throw new OfxException(OfxStatus.FAILED, "timed out waiting for another track of this effect");
        }
        try {
            if (!stillMissing.getAsBoolean()) {
                return; // another render thread's track cached this frame while we waited
            }
            tracks.run(source(), s, Direction.BOTH, s.resultsVersion(), s.resultsVersion(),
                    (done, total) -> true, () -> destroyed || suites.imageEffect().abort(handle));
        } finally {
            trackLock.unlock();
        }
    }

    private void clearCurrentObject() throws Exception {
        InstanceSettings s = settingsWithInstanceId();
        int into = s.resultsVersion() + 1;
        s.cache().inherit(s.cacheInstance(), s.resultsVersion(), into, id -> id != s.currentObject());
        publish(s, into);
    }

    private void dropRemovedObjects() throws Exception {
        InstanceSettings s = settings.read(params);
        if (s.resultsVersion() == 0) {
            return;
        }
        int into = s.resultsVersion() + 1;
        s.cache().inherit(s.cacheInstance(), s.resultsVersion(), into, ShotEdits.objectIds(s.prompts())::contains);
        publish(s, into);
    }

    /** Bumps the results version (the host drops its cached frames) and deletes older versions. */
    private void publish(InstanceSettings s, int version) throws Exception {
        params.set(RotoParams.RESULTS_VERSION, version);
        MatteCache cache = s.cache();
        cache.retainOnly(s.cacheInstance(), version);
        cache.trim(s.cacheLimitBytes(), s.cacheInstance());
    }

    private InstanceSettings settingsWithInstanceId() {
        if (params.get(RotoParams.INSTANCE_ID).isBlank()) {
            params.set(RotoParams.INSTANCE_ID, UUID.randomUUID().toString().replace("-", ""));
        }
        InstanceSettings s = settings.read(params);
        claim(s);
        return s;
    }

    /**
     * Claims the instance's cache folder (again when the folder or id changed), so trims by other
     * instances, here or in other host processes, leave it alone while this instance lives.
     */
    private synchronized void claim(InstanceSettings s) {
        if (destroyed) {
            return;
        }
        Path folder = s.cacheRoot().resolve(s.cacheInstance()).toAbsolutePath().normalize();
        if (folder.equals(claimed)) {
            return;
        }
        claimed = folder;
        if (lease != null) {
            lease.close();
            lease = null;
        }
        try {
            lease = s.cache().lease(s.cacheInstance());
        } catch (IOException | RuntimeException e) {
            System.err.println("SAM2Long Roto: cannot claim the cache folder " + folder + " (" + e.getMessage()
                    + "); a trim by another instance may delete its mattes");
        }
    }

    private Clip source() {
        return suites.imageEffect().clip(handle, Ofx.CLIP_SOURCE);
    }
}
