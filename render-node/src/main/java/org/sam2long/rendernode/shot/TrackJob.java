package org.sam2long.rendernode.shot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.media.FrameSources;
import org.sam2long.engine.media.MatteExport;
import org.sam2long.engine.media.MatteObject;
import org.sam2long.engine.media.MatteWriter;
import org.sam2long.engine.media.PrefetchingFrameSource;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.shot.PlateFrames;
import org.sam2long.engine.shot.ShotChecks;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.Progress;
import org.sam2long.engine.track.TrackingReport;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.output.OutputFolder;

/**
 * The product's main job: one shot tracked with one resolved preset, mattes written as they become
 * final, then sidecars and previews. Used by the command line and the farm worker alike.
 *
 * <p>Everything that can be checked is checked before the model loads ({@link #prepare}): the clip
 * opens, every prompt is on a plate frame of the clip (and of the shot's range) and inside the
 * frame, the object names give distinct files, and the output folder is usable, locked and free of
 * this run's objects (or {@code overwrite} is given). Whatever happens afterwards (done, failed,
 * cancelled, aborted), the folder is settled: no temporary files, sidecars describe the files on disk.
 */
public final class TrackJob {
    public static final String ENGINE_VERSION = "0.1.0";

    /**
     * What to track. {@code input} is a video file or an image-sequence pattern; {@code origin} is added
     * to every sidecar as it is (a farm job names its job and worker there), empty for the command line.
     */
    public record Request(String input, ShotDocument shot, ResolvedPreset preset, Path out, boolean previews,
            boolean overwrite, Map<String, Object> origin) {
        public Request {
            origin = origin == null ? Map.of() : Map.copyOf(origin);
        }

        public Request(String input, ShotDocument shot, ResolvedPreset preset, Path out, boolean previews,
                boolean overwrite) {
            this(input, shot, preset, out, previews, overwrite, Map.of());
        }
    }

    /** What the job did; {@code framesOnDisk}/{@code mattesOnDisk} are counted on disk after settling. */
    public record Result(TrackingReport report, MatteExport.Summary export, String provider, int frameCount,
            int framesOnDisk, int mattesOnDisk) {}

    /** Lets a signal handler reach the running job's output folder. */
    public static final class Control {
        private volatile OutputFolder folder;

        /** The folder, once the job holds it (null before). */
        public OutputFolder folder() { return folder; }
    }

    /** A job checked and holding its folder, ready to load the model. */
    public static final class Prepared implements AutoCloseable {
        private final Request request;
        private final FrameSource clip;
        private final FrameSource plates;
        private final PlateFrames frames;
        private final MatteWriter writer;
        private final OutputFolder folder;

        private Prepared(Request request, FrameSource clip, FrameSource plates, PlateFrames frames, MatteWriter writer,
                OutputFolder folder) {
            this.request = request;
            this.clip = clip;
            this.plates = plates;
            this.frames = frames;
            this.writer = writer;
            this.folder = folder;
        }

        public OutputFolder folder() { return folder; }

        public PlateFrames frames() { return frames; }

        @Override
        public void close() {
            folder.close();
            clip.close();
            plates.close();
        }
    }

    private TrackJob() {}

    /** Runs the whole job: {@link #prepare}, then {@link #track}. */
    public static Result run(Request r, Progress progress, CancelToken cancel, Control control, Consumer<String> notes)
            throws Exception {
        try (Prepared p = prepare(r, notes)) {
            control.folder = p.folder;
            return track(p, progress, cancel);
        }
    }

    /** Every check that needs no model; takes the output folder. */
    public static Prepared prepare(Request r, Consumer<String> notes) {
        OutputFolder.check(r.out(), "--out");
        FrameSource clip = openPlate(r.input());
        FrameSource plates = null;
        OutputFolder folder = null;
        boolean ok = false;
        try {
            PlateFrames all = PlateFrames.of(clip);
            if (all.count() == 0) {
                throw new BadInputException(clip.describe() + " has no frames");
            }
            List<String> problems = ShotChecks.against(r.shot(), all, clip.width(), clip.height());
            if (!problems.isEmpty()) {
                throw new BadInputException(problems.size() == 1 ? problems.get(0)
                        : problems.size() + " prompts do not fit the clip:" + System.lineSeparator() + "  - "
                        + String.join(System.lineSeparator() + "  - ", problems));
            }
            int from = 0;
            int to = all.count() - 1;
            ShotDocument.Source s = r.shot().source();
            if (s != null && (s.first() != null || s.last() != null)) {
                from = s.first() == null ? 0 : all.index(s.first(), "the source range");
                to = s.last() == null ? all.count() - 1 : all.index(s.last(), "the source range");
                clip = new RangeFrameSource(clip, from, to);
            }
            plates = openPlate(r.input());
            if (from != 0 || to != all.count() - 1) {
                plates = new RangeFrameSource(plates, from, to);
            }
            PlateFrames frames = PlateFrames.of(clip);
            List<MatteObject> objects = new ArrayList<>();
            for (ShotDocument.ShotObject o : r.shot().objects()) {
                objects.add(new MatteObject(o.id(), o.name()));
            }
            MatteWriter writer;
            try {
                writer = new MatteWriter(r.out(), r.preset().output(), objects);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            folder = OutputFolder.open(r.out(), writer, r.overwrite(), "track", provenance(r, null), notes);
            folder.expectFrames(frames.count());
            ok = true;
            return new Prepared(r, new PrefetchingFrameSource(clip), plates, frames, writer, folder);
        } finally {
            if (!ok) {
                clip.close();
                if (plates != null) {
                    plates.close();
                }
            }
        }
    }

    /**
     * The checks of {@link #prepare} that need the clip but no output folder (a farm checks a shot this
     * way before queueing it): the clip opens and has frames, every prompt fits it, the range is in it.
     */
    public static void checkAgainstClip(String input, ShotDocument shot) {
        try (FrameSource clip = openPlate(input)) {
            PlateFrames all = PlateFrames.of(clip);
            if (all.count() == 0) {
                throw new BadInputException(clip.describe() + " has no frames");
            }
            List<String> problems = ShotChecks.against(shot, all, clip.width(), clip.height());
            if (!problems.isEmpty()) {
                throw new BadInputException(problems.size() == 1 ? problems.get(0)
                        : problems.size() + " prompts do not fit the clip:" + System.lineSeparator() + "  - "
                        + String.join(System.lineSeparator() + "  - ", problems));
            }
            ShotDocument.Source s = shot.source();
            if (s != null && s.first() != null) {
                all.index(s.first(), "the source range");
            }
            if (s != null && s.last() != null) {
                all.index(s.last(), "the source range");
            }
        }
    }

    /** Loads the model and tracks; the folder is settled however this ends. */
    public static Result track(Prepared p, Progress progress, CancelToken cancel) throws Exception {
        Request r = p.request;
        boolean settled = false;
        try (Sam2Model model = ModelResolver.open(r.preset().model().name(), r.preset().runtime())) {
            Result result = track(p, model, progress, cancel);
            settled = true;
            return result;
        } finally {
            if (!settled) {
                p.folder.settle(cancel.isCancelled(), !cancel.isCancelled());
            }
        }
    }

    /**
     * Tracks with a model the caller owns (a farm worker's model pool): the model is used, not closed;
     * the folder is settled however this ends.
     */
    public static Result track(Prepared p, Sam2Model model, Progress progress, CancelToken cancel) throws Exception {
        Request r = p.request;
        boolean settled = false;
        try (TrackingSession session = new TrackingSession(model, p.clip, r.preset().tracking(), r.preset().tree())) {
            for (ShotDocument.ShotObject o : r.shot().objects()) {
                for (ShotDocument.FramePrompt fp : o.prompts()) {
                    int index = p.frames.index(fp.frame(), "the prompt of object " + o.id() + " '" + o.name() + "'");
                    session.addPrompt(toPrompt(o.id(), index, fp));
                }
            }
            MatteExport export = new MatteExport(p.plates, p.writer, r.preset().cleanup(), provenance(r, model));
            TrackingReport report = session.track(p.folder.guard(export), progress, cancel);
            MatteExport.Summary summary = p.folder.gated(() -> export.finish(false));
            if (r.previews() && !report.cancelled() && !cancel.isCancelled()) {
                summary = export.finish(true);
            }
            boolean cancelled = report.cancelled() || cancel.isCancelled();
            OutputFolder.OnDisk disk = p.folder.settle(cancelled, false);
            settled = true;
            return new Result(cancelled == report.cancelled() ? report : cancelledReport(report), summary,
                    model.provider(), p.clip.frameCount(), disk.frames(), disk.mattes());
        } finally {
            if (!settled) {
                p.folder.settle(cancel.isCancelled(), !cancel.isCancelled());
            }
        }
    }

    private static TrackingReport cancelledReport(TrackingReport r) {
        return new TrackingReport(r.frameSteps(), r.mattes(), r.seconds(), true, r.maxFinalisationLag(), r.discarded());
    }

    static Prompt toPrompt(int objectId, int frameIndex, ShotDocument.FramePrompt p) {
        List<Prompt.Click> clicks = new ArrayList<>();
        for (ShotDocument.Click c : p.clicks()) {
            clicks.add(new Prompt.Click(c.x(), c.y(), !c.negative()));
        }
        Prompt.Box box = p.box() == null ? null : new Prompt.Box(p.box().x0(), p.box().y0(), p.box().x1(), p.box().y1());
        return new Prompt(objectId, frameIndex, clicks, box, null);
    }

    /** Opens a plate (a video or an image sequence); a bad one is a {@link BadInputException} with one sentence. */
    public static FrameSource openPlate(String input) {
        if (input == null || input.isBlank()) {
            throw new BadInputException("--input is empty; give a video file or an image sequence such as plate.####.exr");
        }
        try {
            return FrameSources.open(input);
        } catch (FrameSourceException e) {
            throw new BadInputException(e.getMessage());
        } catch (RuntimeException e) {
            throw new BadInputException("the input " + input + " cannot be opened as a video or an image sequence");
        }
    }

    private static Map<String, Object> provenance(Request r, Sam2Model model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engineVersion", ENGINE_VERSION);
        if (model != null) {
            m.put("model", Map.of("name", model.manifest().name(), "directory", model.directory().toString(),
                    "provider", model.provider()));
        } else {
            m.put("model", Map.of("name", r.preset().model().name()));
        }
        m.put("preset", r.preset().toJsonTree());
        m.put("input", r.input());
        List<Map<String, Object>> prompts = new ArrayList<>();
        for (ShotDocument.ShotObject o : r.shot().objects()) {
            for (ShotDocument.FramePrompt p : o.prompts()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("object", o.id());
                e.put("name", o.name());
                e.put("frame", p.frame());
                List<Map<String, Object>> clicks = new ArrayList<>();
                for (ShotDocument.Click c : p.clicks()) {
                    clicks.add(Map.of("x", c.x(), "y", c.y(), "negative", c.negative()));
                }
                e.put("clicks", clicks);
                if (p.box() != null) {
                    e.put("box", List.of(p.box().x0(), p.box().y0(), p.box().x1(), p.box().y1()));
                }
                prompts.add(e);
            }
        }
        m.put("prompts", prompts);
        m.putAll(r.origin());
        return m;
    }
}
