package org.sam2long.ofx.effect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.sam2long.engine.matte.Matte;
import org.sam2long.ofx.bindings.Clip;
import org.sam2long.ofx.bindings.Image;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.OfxException;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.bindings.PropertySet;
import org.sam2long.ofx.bindings.Suites;
import org.sam2long.ofx.cache.MatteCache;
import org.sam2long.ofx.cache.MatteKey;
import org.sam2long.ofx.prompt.ShotEdits;
import org.sam2long.ofx.render.MatteShaper;
import org.sam2long.ofx.render.Outline;
import org.sam2long.ofx.render.OutputMode;
import org.sam2long.ofx.render.PixelComposer;

/**
 * One render call: look the frame's mattes up in the cache, shape them ({@link MatteShaper}: the
 * engine's clean-up, at render scale), and write the output rows of the render window. Runs the
 * tracker only when the "render missing frames" policy says so. Safe on any number of threads at once.
 */
final class MatteRender {
    /**
     * Fills the cache from the saved prompts (render's "track now"): one track per instance at a
     * time; a render thread that waited for another's track asks {@code stillMissing} again and
     * tracks only if its frame is still not cached.
     */
    @FunctionalInterface
    interface RenderTracker {
        void track(InstanceSettings s, BooleanSupplier stillMissing) throws Exception;
    }

    private final long handle;
    private final Suites suites;
    private final InstanceSettings s;
    private final RenderTracker tracker;

    MatteRender(long handle, Suites suites, InstanceSettings s, RenderTracker tracker) {
        this.handle = handle;
        this.suites = suites;
        this.s = s;
        this.tracker = tracker;
    }

    int render(PropertySet in) throws Exception {
        double time = in.getDouble(Ofx.PROP_TIME);
        int[] win = in.getInts(Ofx.RENDER_WINDOW, 4);
        double[] scale = in.getDoubles(Ofx.RENDER_SCALE, 2);
        int frame = (int) Math.round(time);
        List<Matte> mattes = mattesFor(frame);
        Clip source = suites.imageEffect().clip(handle, Ofx.CLIP_SOURCE);
        Clip output = suites.imageEffect().clip(handle, Ofx.CLIP_OUTPUT);
        double[] rod = source.regionOfDefinition(time);
        int ox = (int) Math.floor(rod[0] * scale[0]);
        int oy = (int) Math.floor(rod[1] * scale[1]);
        int mw = (int) Math.round((rod[2] - rod[0]) * scale[0]);
        int mh = (int) Math.round((rod[3] - rod[1]) * scale[1]);
        float[] alpha = new MatteShaper(s.cleanup()).unionOfRuns(windows(mattes, frame), mw, mh, scale[0]);
        OutputMode mode = s.outputMode();
        try (Image out = output.image(time); Image src = mode.alphaOnly() ? null : source.image(time)) {
            if (out == null) {
                throw new OfxException(OfxStatus.FAILED, "the host gave no output image for frame " + frame);
            }
            new RowWriter(new PixelComposer(mode), out, src, alpha,
                    mode == OutputMode.OVERLAY ? Outline.of(alpha, mw, mh) : null, ox, oy, mw, mh).write(win);
        }
        if (!mattes.isEmpty()) {
            suites.message().clearPersistent(handle);
        }
        return OfxStatus.OK;
    }

    /** Writes zeros over the render window of the output image; never throws (it runs on a failure path). */
    static void clearOutput(Suites suites, long handle, PropertySet in) {
        try (Image out = suites.imageEffect().clip(handle, Ofx.CLIP_OUTPUT).image(in.getDouble(Ofx.PROP_TIME))) {
            if (out == null) {
                return;
            }
            int[] win = in.getInts(Ofx.RENDER_WINDOW, 4);
            int x1 = Math.max(win[0], out.x1()), x2 = Math.min(win[2], out.x2());
            if (x2 <= x1) {
                return;
            }
            float[] zeros = new float[(x2 - x1) * out.channels()];
            for (int y = Math.max(win[1], out.y1()); y < Math.min(win[3], out.y2()); y++) {
                out.writeSpan(y, x1, x2 - x1, zeros);
            }
        } catch (Throwable ignored) {
            // nothing more can be done for this frame; the caller reports the original failure
        }
    }

    /** The cached mattes of every object on this frame, after applying the missing-frame policy. */
    private List<Matte> mattesFor(int frame) throws Exception {
        List<Integer> prompted = s.prompts().objects().stream().filter(o -> !o.prompts().isEmpty()).map(o -> o.id()).toList();
        List<Matte> found = lookup(frame);
        if (!found.isEmpty() || prompted.isEmpty()) {
            return found;
        }
        switch (s.missingFrames()) {
            case FAIL -> throw new OfxException(OfxStatus.FAILED, "frame " + frame
                    + " has no tracked matte: press Track, or set \"Render missing frames\" to \"Track now\"");
            case TRACK -> {
                tracker.track(s, () -> lookup(frame).isEmpty());
                return lookup(frame);
            }
            default -> {
                return found;
            }
        }
    }

    /**
     * Each matte of host frame {@code frame} with its object's cached neighbours inside the temporal
     * window, stopping on either side at the first frame not tracked (the end of the tracked run).
     */
    private List<List<Matte>> windows(List<Matte> mattes, int frame) {
        int half = s.cleanup().temporalWindow() / 2;
        List<List<Matte>> out = new ArrayList<>();
        for (Matte m : mattes) {
            List<Matte> run = new ArrayList<>();
            run.add(m);
            for (int side = -1; side <= 1; side += 2) {
                for (int d = 1; d <= half; d++) {
                    Optional<Matte> n = s.cache().get(new MatteKey(s.cacheInstance(), s.resultsVersion(), m.objectId(),
                            frame + side * d));
                    if (n.isEmpty()) {
                        break;
                    }
                    run.add(n.get());
                }
            }
            out.add(run);
        }
        return out;
    }

    private List<Matte> lookup(int frame) {
        MatteCache cache = s.cache();
        String instance = s.cacheInstance();
        List<Matte> out = new ArrayList<>();
        for (int id : ShotEdits.objectIds(s.prompts())) {
            Optional<Matte> m = cache.get(new MatteKey(instance, s.resultsVersion(), id, frame));
            m.ifPresent(out::add);
        }
        return out;
    }
}
