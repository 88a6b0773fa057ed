package org.sam2long.rendernode.shot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.media.FrameSources;
import org.sam2long.engine.media.MatteExport;
import org.sam2long.engine.media.MatteObject;
import org.sam2long.engine.media.MatteWriter;
import org.sam2long.engine.media.PrefetchingFrameSource;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.Progress;
import org.sam2long.engine.track.TrackingReport;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.presets.ResolvedPreset;

/**
 * The product's main job: one shot tracked with one resolved preset, mattes written as they become
 * final, then sidecars and previews. Used by the command line and the farm worker alike.
 */
public final class TrackJob {
    public static final String ENGINE_VERSION = "0.1.0";

    /** What to track. {@code input} is a video file or an image-sequence pattern. */
    public record Request(String input, ShotPrompts prompts, ResolvedPreset preset, Path out, boolean previews) {}

    /** What the job did. */
    public record Result(TrackingReport report, MatteExport.Summary export, String provider, int frameCount) {}

    private TrackJob() {}

    public static Result run(Request r, Progress progress, CancelToken cancel) throws FrameSourceException {
        try (FrameSource clip = new PrefetchingFrameSource(FrameSources.open(r.input()));
             FrameSource plates = FrameSources.open(r.input());
             Sam2Model model = ModelResolver.open(r.preset().model().name(), r.preset().runtime());
             TrackingSession session = new TrackingSession(model, clip, r.preset().tracking(), r.preset().tree())) {
            for (ShotPrompts.FramePrompt p : r.prompts().prompts()) {
                session.addPrompt(p.toPrompt(index(clip, p)));
            }
            List<MatteObject> objects = new ArrayList<>();
            r.prompts().names().forEach((id, name) -> objects.add(new MatteObject(id, name)));
            MatteWriter writer = new MatteWriter(r.out(), r.preset().output(), objects);
            MatteExport export = new MatteExport(plates, writer, r.preset().cleanup(), provenance(r, model));
            TrackingReport report = session.track(export, progress, cancel);
            MatteExport.Summary summary = export.finish(r.previews() && !report.cancelled());
            return new Result(report, summary, model.provider(), clip.frameCount());
        } catch (java.io.IOException e) {
            throw new FrameSourceException(e.getMessage(), e);
        }
    }

    /** Maps the frame number an artist sees to the clip's 0-based index, with a clear error when absent. */
    static int index(FrameSource clip, ShotPrompts.FramePrompt p) {
        int first = clip.frameNumber(0);
        int last = clip.frameNumber(clip.frameCount() - 1);
        int idx = p.frameNumber() - first;
        if (idx < 0 || idx >= clip.frameCount() || clip.frameNumber(idx) != p.frameNumber()) {
            throw new IllegalArgumentException("the prompt for object " + p.objectId() + " is on frame " + p.frameNumber()
                    + ", but " + clip.describe() + " has frames " + first + ".." + last);
        }
        return idx;
    }

    private static Map<String, Object> provenance(Request r, Sam2Model model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engineVersion", ENGINE_VERSION);
        m.put("model", Map.of("name", model.manifest().name(), "directory", model.directory().toString(),
                "provider", model.provider()));
        m.put("preset", r.preset().toJsonTree());
        m.put("input", r.input());
        List<Map<String, Object>> prompts = new ArrayList<>();
        for (ShotPrompts.FramePrompt p : r.prompts().prompts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("object", p.objectId());
            e.put("name", r.prompts().names().get(p.objectId()));
            e.put("frame", p.frameNumber());
            List<Map<String, Object>> clicks = new ArrayList<>();
            for (Prompt.Click c : p.clicks()) {
                clicks.add(Map.of("x", c.x(), "y", c.y(), "negative", !c.positive()));
            }
            e.put("clicks", clicks);
            if (p.box() != null) {
                e.put("box", List.of(p.box().x0(), p.box().y0(), p.box().x1(), p.box().y1()));
            }
            prompts.add(e);
        }
        m.put("prompts", prompts);
        return m;
    }
}
