package org.sam2long.rendernode.farm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentException;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.presets.PresetException;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.cli.ExitCodes;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.output.OutputFolder;

/**
 * Runs a shot's {@link ShotMergeRequest} on a worker: {@link LayerParts#mergeAndPublish} into a
 * staging folder of the attempt ({@code OUT/.sam2long-farm/<job>.<attempt>.<random>}), published by
 * atomic renames under the output folder's lock, sidecar last (it names this job and the worker), and
 * only while the job is still processing in the queue, asked under that lock: a merge replaced by an
 * edited shot's submit (or cancelled) stops and publishes nothing, as {@link ShotJobHandler} does.
 * Idempotent: a merge that runs again after its parts were merged and removed (a worker killed
 * between publishing and JobRunr recording the success) finds its complete output and does nothing.
 * Errors are split as {@link ShotJobHandler} splits them: missing parts or a bad shot fail at once,
 * anything else is retried by JobRunr.
 */
public final class ShotMergeHandler implements JobRequestHandler<ShotMergeRequest> {
    private final FarmLog log;
    private final AtomicInteger succeeded;
    private final AtomicInteger failed;
    private final java.util.function.Predicate<java.util.UUID> stillProcessing;

    /**
     * @param stillProcessing asked under the output folder's lock just before the layered files are
     *                        published: whether the job is still processing in the queue (false once it was
     *                        cancelled or replaced by an edited shot, so the earlier content's files never land)
     */
    public ShotMergeHandler(FarmLog log, AtomicInteger succeeded, AtomicInteger failed,
            java.util.function.Predicate<java.util.UUID> stillProcessing) {
        this.log = log;
        this.succeeded = succeeded;
        this.failed = failed;
        this.stillProcessing = stillProcessing;
    }

    @Override
    public void run(ShotMergeRequest r) throws Exception {
        JobContext context = jobContext();
        String job = String.valueOf(context.getJobId());
        log.enter(r.shotName() + " merge", job);
        Path work = null;
        try {
            if (!ShotJobIds.sha256(r.shotText().getBytes(StandardCharsets.UTF_8)).equals(r.shotSha256())) {
                throw new BadInputException(r.shotName() + " in the queue does not match its SHA-256; submit the shot again");
            }
            ShotDocument shot = ShotDocumentReader.parse(r.shotText(), r.shotName());
            ResolvedPreset preset = ResolvedPreset.fromJson(r.presetJson());
            Path out = Path.of(r.out());
            OutputFolder.check(out, r.shotName() + " output.folder");
            int attempt = context.amountOfFailures() + 1;
            LayerParts.removeDead(out, job, line -> say(context, line));
            work = LayerParts.workFolder(out, job + "." + attempt);
            Map<String, Object> farm = new LinkedHashMap<>();
            farm.put("job", job);
            farm.put("jobName", String.valueOf(context.getJobName()));
            farm.put("attempt", attempt);
            farm.put("worker", log.worker());
            farm.put("shotSha256", r.shotSha256());
            say(context, "merging the parts of " + shot.objects().size() + " objects into layered files in " + r.out()
                    + " (attempt " + attempt + ")");
            Runnable mayPublish = () -> {
                if (Thread.currentThread().isInterrupted() || !stillProcessing.test(context.getJobId())) {
                    throw new NotPublished();
                }
            };
            LayerParts.Outcome o;
            try {
                o = LayerParts.mergeAndPublish(r.shotName(), shot, r.shotSha256(), r.input(), out, preset,
                        Map.of("farm", farm), work, "farm", note -> say(context, "note: " + note), mayPublish);
            } catch (NotPublished e) {
                throw new InterruptedException("cancelled or replaced before publishing; nothing was published");
            }
            say(context, o.alreadyMerged() ? "done: the layered files of this shot were already merged (an earlier attempt)"
                    : "done: " + o.frames() + " layered frames, " + o.files() + " files published into " + r.out());
            succeeded.incrementAndGet();
        } catch (InterruptedException e) {
            say(context, "stopped: " + e.getMessage());
            throw e;
        } catch (BadInputException | ShotDocumentException | PresetException e) {
            if (ShotJobHandler.byInterrupt(e) || replaced(context)) { // e.g. a replaced merge whose parts its submit removed
                say(context, "stopped: cancelled or replaced (" + e.getMessage() + ")");
                throw new InterruptedException("cancelled or replaced while merging");
            }
            say(context, "failed, not retried: " + e.getMessage());
            failed.incrementAndGet();
            throw new JobRunrException(e.getMessage(), true, e);
        } catch (Exception | Error e) {
            if (ShotJobHandler.byInterrupt(e) || replaced(context)) {
                say(context, "stopped: cancelled or replaced (" + ExitCodes.describe(e) + ")");
                throw new InterruptedException("cancelled or replaced while merging");
            }
            String sentence = ExitCodes.describe(e);
            say(context, "failed, JobRunr retries it: " + sentence);
            failed.incrementAndGet();
            throw new ShotJobHandler.RetriableException(sentence, e);
        } finally {
            if (work != null) {
                LayerParts.deleteTree(work);
                LayerParts.deleteIfEmpty(work.getParent());
            }
            log.enter(null, null);
        }
    }

    /** Whether the job is no longer processing in the queue (cancelled or replaced); false when that cannot be asked. */
    private boolean replaced(JobContext context) {
        try {
            return !stillProcessing.test(context.getJobId());
        } catch (RuntimeException queueUnreachable) {
            return false;
        }
    }

    /** The job was deleted before the merge could be published. */
    private static final class NotPublished extends RuntimeException {
        NotPublished() {
            super(null, null, false, false);
        }
    }

    private void say(JobContext context, String line) {
        log.line(line);
        try {
            context.logger().info(line);
        } catch (RuntimeException notInAJob) {
            // the dashboard log is a convenience
        }
    }
}
