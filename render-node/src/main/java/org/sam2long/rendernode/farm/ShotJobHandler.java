package org.sam2long.rendernode.farm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.context.JobDashboardProgressBar;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.sam2long.engine.model.ModelException;
import org.sam2long.engine.model.ModelPool;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentException;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.presets.PresetException;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.shot.ModelResolver;
import org.sam2long.rendernode.shot.TrackJob;

/**
 * Runs one queued {@link ShotJobRequest} on a worker: the same {@link TrackJob} as {@code sam2long
 * track}, with the worker's one {@link ModelPool} so a model loads once per worker process.
 *
 * <p>Errors that another try cannot fix (a bad shot, a missing plate, a bad model) fail the job at
 * once with their one sentence, which {@code farm status} and the dashboard show; anything else
 * (I/O, the output folder busy, out of memory) is thrown on, and JobRunr retries it with back-off.
 * A thread interrupt (the job was cancelled or the worker stops) stops tracking between frames.
 */
public final class ShotJobHandler implements JobRequestHandler<ShotJobRequest> {
    private final ModelPool models;
    private final Consumer<String> log;
    private final AtomicInteger succeeded;
    private final AtomicInteger failed;

    public ShotJobHandler(ModelPool models, Consumer<String> log, AtomicInteger succeeded, AtomicInteger failed) {
        this.models = models;
        this.log = log;
        this.succeeded = succeeded;
        this.failed = failed;
    }

    @Override
    public void run(ShotJobRequest r) throws Exception {
        String tag = "[" + r.shotName() + " objects " + r.objectIds() + "] ";
        try {
            TrackJob.Result result = track(r, tag);
            if (result.report().cancelled()) {
                throw new InterruptedException("cancelled after " + result.framesOnDisk() + " frames");
            }
            log.accept(tag + "done: " + result.mattesOnDisk() + " mattes on " + result.framesOnDisk() + " frames, "
                    + String.format("%.1f fps on %s", result.report().framesPerSecond(), result.provider()));
            succeeded.incrementAndGet();
        } catch (BadInputException | ShotDocumentException | PresetException | ModelException e) {
            log.accept(tag + "failed, not retried: " + e.getMessage());
            failed.incrementAndGet();
            throw new JobRunrException(e.getMessage(), true, e);
        } catch (Exception | Error e) {
            log.accept(tag + "failed, JobRunr retries it: " + org.sam2long.rendernode.cli.ExitCodes.describe(e));
            failed.incrementAndGet();
            throw e;
        }
    }

    private TrackJob.Result track(ShotJobRequest r, String tag) throws Exception {
        byte[] bytes = r.shotText().getBytes(StandardCharsets.UTF_8);
        if (!ShotJobIds.sha256(bytes).equals(r.shotSha256())) {
            throw new BadInputException(r.shotName() + " in the queue does not match its SHA-256; submit the shot again");
        }
        ShotDocument shot = only(ShotDocumentReader.parse(r.shotText(), r.shotName()), r.objectIds(), r.shotName());
        ResolvedPreset preset = ResolvedPreset.fromJson(r.presetJson());
        org.jobrunr.jobs.context.JobContext context = jobContext();
        java.util.Map<String, Object> farm = new java.util.LinkedHashMap<>();
        farm.put("job", String.valueOf(context.getJobId()));
        farm.put("jobName", String.valueOf(context.getJobName()));
        farm.put("attempt", context.currentRetry() + 1);
        farm.put("worker", FarmWorker.hardware());
        farm.put("shotSha256", r.shotSha256());
        TrackJob.Request request = new TrackJob.Request(r.input(), shot, preset, Path.of(r.out()), false, true,
                java.util.Map.of("farm", farm));
        log.accept(tag + "tracking " + r.input() + " into " + r.out() + " with preset " + r.presetName());
        try (TrackJob.Prepared p = TrackJob.prepare(request, note -> log.accept(tag + "note: " + note))) {
            Sam2Model model;
            try {
                model = models.get(ModelResolver.key(preset.model().name(), preset.runtime()));
            } catch (RuntimeException | Error e) {
                p.folder().settle(false, true);
                throw e;
            }
            JobDashboardProgressBar[] bar = {null};
            long[] last = {0};
            return TrackJob.track(p, model, (done, total, fps) -> {
                long now = System.nanoTime();
                if (total > 0 && (done == total || now - last[0] > 1_000_000_000L)) {
                    last[0] = now;
                    if (bar[0] == null) {
                        bar[0] = context.progressBar(total);
                    }
                    bar[0].setProgress(Math.min(done, total));
                }
            }, new CancelToken());
        }
    }

    /** The shot with only the given objects, in the document's order. */
    static ShotDocument only(ShotDocument shot, List<Integer> ids, String where) {
        Set<Integer> wanted = new HashSet<>(ids);
        List<ShotDocument.ShotObject> kept = new ArrayList<>();
        for (ShotDocument.ShotObject o : shot.objects()) {
            if (wanted.remove(o.id())) {
                kept.add(o);
            }
        }
        if (!wanted.isEmpty()) {
            throw new BadInputException(where + " has no object " + wanted.iterator().next() + "; submit the shot again");
        }
        return new ShotDocument(shot.version(), shot.source(), kept, shot.preset(), shot.output());
    }
}
