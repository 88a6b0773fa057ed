package org.sam2long.rendernode.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.context.JobDashboardProgressBar;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.sam2long.engine.media.MatteObject;
import org.sam2long.engine.media.MatteWriter;
import org.sam2long.engine.model.ModelException;
import org.sam2long.engine.model.ModelPool;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentException;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.presets.PresetException;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.cli.ExitCodes;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.output.OutputLock;
import org.sam2long.rendernode.shot.ModelResolver;
import org.sam2long.rendernode.shot.TrackJob;

/**
 * Runs one queued {@link ShotJobRequest} on a worker: the same {@link TrackJob} as {@code sam2long
 * track}, with the worker's one {@link ModelPool} so a model loads once per worker process.
 *
 * <p>Each attempt tracks into a folder of its own, {@code OUT/.sam2long-farm/<job>.<attempt>.<random>},
 * and only a finished attempt is published: under the output folder's lock, the objects' earlier
 * mattes are removed and every file is moved into place with an atomic rename, sidecars last. A
 * worker killed at any moment therefore leaves the folder with whole files only; the next attempt
 * removes the dead attempts' folders of its job.
 *
 * <p>Errors that another try cannot fix (a bad shot, a missing plate, a bad model) fail the job at
 * once with their one sentence, which {@code farm status} and the dashboard show; anything else
 * (I/O, the output folder busy, a database blip, out of memory) is thrown on as one sentence, and
 * JobRunr's retry filter tries again with back-off. A thread interrupt (the job was cancelled or the
 * worker stops) stops tracking between frames.
 */
public final class ShotJobHandler implements JobRequestHandler<ShotJobRequest> {
    /** The hidden folder inside the output folder that holds the attempts being tracked. */
    public static final String STAGING = OutputFolder.STAGING;

    private final ModelPool models;
    private final FarmLog log;
    private final AtomicInteger succeeded;
    private final AtomicInteger failed;
    private final Set<Thread> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final org.jobrunr.storage.StorageProvider storage;
    private final java.util.function.Predicate<UUID> stillProcessing;
    private final List<Integer> slotDevices;
    private final java.util.concurrent.BlockingQueue<Integer> freeSlots = new java.util.concurrent.LinkedBlockingQueue<>();

    /** A handler that publishes every finished attempt and runs models on the preset's device. */
    public ShotJobHandler(ModelPool models, FarmLog log, AtomicInteger succeeded, AtomicInteger failed) {
        this(models, log, succeeded, failed, null, id -> true, List.of());
    }

    /**
     * @param storage         the queue, where the job that completes a multi-layer shot's last part queues
     *                        its merge job; null for a handler that never sees multi-layer shots
     * @param stillProcessing asked under the output folder's lock just before a finished attempt is
     *                        published: whether the job is still processing in the queue (false once it
     *                        was cancelled or replaced by an edited shot, so its mattes never land); may
     *                        throw while the queue cannot be reached, which JobRunr retries
     * @param slotDevices     the CUDA device of each slot (slot i runs its models on {@code slotDevices.get(i)}),
     *                        or empty to keep the preset's {@code runtime.deviceId}
     */
    public ShotJobHandler(ModelPool models, FarmLog log, AtomicInteger succeeded, AtomicInteger failed,
            org.jobrunr.storage.StorageProvider storage, java.util.function.Predicate<UUID> stillProcessing,
            List<Integer> slotDevices) {
        this.models = models;
        this.log = log;
        this.succeeded = succeeded;
        this.failed = failed;
        this.storage = storage;
        this.stillProcessing = stillProcessing;
        this.slotDevices = List.copyOf(slotDevices);
        for (int i = 0; i < this.slotDevices.size(); i++) {
            freeSlots.add(i);
        }
    }

    /**
     * Stops every job running on this handler between frames and waits for them to end (at most
     * {@code wait}): a node whose JobRunr server stopped must not go on with jobs that JobRunr will
     * hand to another node once their heartbeat times out.
     */
    public void stopAll(java.time.Duration wait) {
        List<Thread> threads = List.copyOf(running);
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A retriable failure, in one sentence (JobRunr shows the message; the cause keeps the details). */
    public static final class RetriableException extends Exception {
        public RetriableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void run(ShotJobRequest r) throws Exception {
        JobContext context = jobContext();
        log.enter(r.shotName() + " objects " + r.objectIds(), String.valueOf(context.getJobId()));
        Attempt attempt = new Attempt(context);
        running.add(Thread.currentThread());
        attempt.slot = freeSlots.poll(); // JobRunr runs at most one job per slot at once, so one is free
        try {
            TrackJob.Result result = track(r, context, attempt);
            if (result.report().cancelled()) {
                throw new InterruptedException("cancelled after " + result.framesOnDisk() + " frames");
            }
            int published = LayerParts.layered(ResolvedPreset.fromJson(r.presetJson())) ? publishPart(r, attempt)
                    : publish(r, attempt);
            attempt.say("done: " + result.mattesOnDisk() + " mattes on " + result.framesOnDisk() + " frames, "
                    + String.format("%.1f fps on %s", result.report().framesPerSecond(), result.provider())
                    + ", " + published + " files published into " + r.out());
            succeeded.incrementAndGet();
        } catch (BadInputException | ShotDocumentException | PresetException | ModelException e) {
            attempt.say("failed, not retried: " + e.getMessage());
            failed.incrementAndGet();
            throw new JobRunrException(e.getMessage(), true, e);
        } catch (InterruptedException e) {
            attempt.say("stopped: " + (e.getMessage() == null ? "cancelled or the worker stops" : e.getMessage()));
            throw e;
        } catch (Exception | Error e) {
            if (byInterrupt(e)) { // an interrupt that hit a file write instead of the frame loop: a cancel all the same
                attempt.say("stopped: cancelled or the worker stops (" + ExitCodes.describe(e) + ")");
                throw new InterruptedException("cancelled while writing a file of the attempt");
            }
            String sentence = ExitCodes.describe(e);
            attempt.say("failed, JobRunr retries it: " + sentence);
            failed.incrementAndGet();
            throw new RetriableException(sentence, e);
        } finally {
            if (attempt.slot != null) {
                freeSlots.add(attempt.slot);
            }
            running.remove(Thread.currentThread());
            attempt.cleanUp();
            log.enter(null, null);
        }
    }

    /** Whether a failure is the thread's interrupt (a deleted job, a stopping worker) surfacing from I/O. */
    static boolean byInterrupt(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedByInterruptException || t instanceof InterruptedException
                    || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** One try of a job: its folder and its log (the worker's output and the job's dashboard log). */
    private final class Attempt {
        final JobContext context;
        final String name;
        Path folder;
        Integer slot;

        Attempt(JobContext context) {
            this.context = context;
            this.name = context.getJobId() + "." + (context.amountOfFailures() + 1) + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        }

        void say(String line) {
            log.line(line);
            try {
                context.logger().info(line);
            } catch (RuntimeException notInAJob) {
                // the dashboard log is a convenience
            }
        }

        void cleanUp() {
            if (folder != null) {
                LayerParts.deleteTree(folder);
                try {
                    Files.deleteIfExists(folder.getParent()); // only when no other attempt is in there
                } catch (IOException notEmpty) {
                    // another job of the shot is tracking
                }
            }
        }
    }

    private TrackJob.Result track(ShotJobRequest r, JobContext context, Attempt attempt) throws Exception {
        byte[] bytes = r.shotText().getBytes(StandardCharsets.UTF_8);
        if (!ShotJobIds.sha256(bytes).equals(r.shotSha256())) {
            throw new BadInputException(r.shotName() + " in the queue does not match its SHA-256; submit the shot again");
        }
        ShotDocument shot = only(ShotDocumentReader.parse(r.shotText(), r.shotName()), r.objectIds(), r.shotName());
        ResolvedPreset preset = ResolvedPreset.fromJson(r.presetJson());
        if (LayerParts.layered(preset)) {
            preset = LayerParts.partPreset(preset); // multi-layer output: this job tracks parts, the merge job writes the files
        }
        Path out = Path.of(r.out());
        OutputFolder.check(out, r.shotName() + " output.folder");
        Path staging = out.resolve(STAGING);
        LayerParts.removeDead(out, String.valueOf(context.getJobId()), attempt::say); // a killed or stopped worker's attempts
        attempt.folder = staging.resolve(attempt.name);
        Map<String, Object> farm = new LinkedHashMap<>();
        farm.put("job", String.valueOf(context.getJobId()));
        farm.put("jobName", String.valueOf(context.getJobName()));
        farm.put("attempt", context.amountOfFailures() + 1);
        farm.put("worker", log.worker());
        farm.put("shotSha256", r.shotSha256());
        TrackJob.Request request = new TrackJob.Request(r.input(), shot, preset, attempt.folder, false, true,
                Map.of("farm", farm));
        RuntimeSettings runtime = attempt.slot == null ? preset.runtime()
                : preset.runtime().withDeviceId(slotDevices.get(attempt.slot));
        attempt.say("tracking " + r.input() + " with preset " + r.presetName() + " (attempt " + (context.amountOfFailures() + 1)
                + ", into " + attempt.folder + ")" + (attempt.slot == null ? ""
                        : " in slot " + attempt.slot + " on GPU " + runtime.deviceId() + " (runtime.deviceId)"));
        try (TrackJob.Prepared p = TrackJob.prepare(request, note -> attempt.say("note: " + note))) {
            Sam2Model model;
            try {
                model = models.get(ModelResolver.key(preset.model().name(), runtime));
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
                    log.line(String.format("frame %d/%d, %.1f fps", Math.min(done, total), total, fps));
                }
            }, new CancelToken());
        }
    }

    /**
     * Moves a finished attempt's files into the output folder, under its lock: the objects' earlier
     * mattes and sidecars go first (as {@code track --overwrite}), then every matte is renamed into
     * place atomically, sidecars last. Returns the files moved.
     */
    private int publish(ShotJobRequest r, Attempt attempt) throws Exception {
        Path out = Path.of(r.out());
        ShotDocument shot = only(ShotDocumentReader.parse(r.shotText(), r.shotName()), r.objectIds(), r.shotName());
        List<MatteObject> objects = new ArrayList<>();
        for (ShotDocument.ShotObject o : shot.objects()) {
            objects.add(new MatteObject(o.id(), o.name()));
        }
        MatteWriter writer = new MatteWriter(out, ResolvedPreset.fromJson(r.presetJson()).output(), objects);
        List<Path> files;
        try (Stream<Path> s = Files.walk(attempt.folder)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(OutputLock.NAME))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().endsWith(".sam2long.json"))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
        // Under the lock, before the objects' earlier mattes go: a job deleted meanwhile (cancelled, or
        // replaced by an edited shot, whose jobs publish under this same lock) must not touch the folder.
        Runnable mayPublish = () -> {
            if (Thread.currentThread().isInterrupted() || !stillProcessing.test(attempt.context.getJobId())) {
                throw new NotPublished();
            }
        };
        try (OutputFolder folder = OutputFolder.open(out, writer, true, "farm", Map.of(), note -> attempt.say("note: " + note),
                OutputFolder.publishPatience(), mayPublish)) {
            for (Path f : files) {
                Path target = out.resolve(attempt.folder.relativize(f));
                Files.createDirectories(target.getParent());
                try {
                    Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the output folder " + out + " cannot take atomic renames from " + attempt.folder, e);
                }
            }
        } catch (NotPublished e) {
            throw new InterruptedException("cancelled or replaced before publishing; nothing was published");
        }
        return files.size();
    }

    /**
     * Multi-layer output: moves the attempt's parts into the shot's parts folder ({@link LayerParts}),
     * under the output folder's lock; the job that completes the last part queues the shot's merge job
     * (JobRunr's open-source edition has no job that waits for several others, so the last one to
     * finish queues it; the lock makes that exactly one). A part of a content whose complete merge the
     * output already holds (the job ran again after the merge, e.g. after its worker was killed) is
     * discarded and queues nothing. Returns the parts moved.
     */
    private int publishPart(ShotJobRequest r, Attempt attempt) throws Exception {
        Path out = Path.of(r.out());
        ShotDocument shot = ShotDocumentReader.parse(r.shotText(), r.shotName());
        ResolvedPreset preset = ResolvedPreset.fromJson(r.presetJson());
        try (OutputLock lock = OutputLock.acquire(out, "farm", note -> attempt.say("note: " + note),
                OutputFolder.publishPatience())) {
            if (Thread.currentThread().isInterrupted() || !stillProcessing.test(attempt.context.getJobId())) {
                throw new InterruptedException("cancelled or replaced before publishing; nothing was published");
            }
            LayerParts.PartOutcome part = LayerParts.movePartIn(attempt.folder, out, shot, r.shotSha256(), preset, r.objectIds());
            if (part.discarded()) {
                attempt.say("part of object" + (r.objectIds().size() == 1 ? " " : "s ") + r.objectIds() + " discarded: "
                        + r.out() + " already holds this shot content's complete merge (this job ran again after it)");
                return 0;
            }
            int moved = part.moved();
            List<Integer> missing = part.missing();
            if (!missing.isEmpty()) {
                attempt.say("part of object" + (r.objectIds().size() == 1 ? " " : "s ") + r.objectIds()
                        + " done; the merge waits for object" + (missing.size() == 1 ? " " : "s ") + missing);
                return moved;
            }
            if (storage == null) {
                throw new IllegalStateException("this worker was started without its queue and cannot queue the merge job");
            }
            ShotMergeRequest m = ShotMergeRequest.of(r);
            FarmQueue queue = new FarmQueue(storage);
            boolean queued = queue.enqueueMerge(m);
            if (!stillProcessing.test(attempt.context.getJobId())) {
                // replaced by an edited shot (or cancelled) while queuing: FarmQueue.replaceEarlier may have looked
                // for merge jobs before this one existed, so this job withdraws it (the lock keeps it from publishing)
                boolean withdrawn = queue.withdrawMerge(ShotJobIds.of(m), "its object job " + attempt.context.getJobId()
                        + " was replaced or cancelled while queuing it");
                throw new InterruptedException("cancelled or replaced while queuing the merge job"
                        + (withdrawn ? ", which was withdrawn" : ""));
            }
            attempt.say("every object's part is done: " + (queued ? "queued" : "already in the queue:") + " the merge job "
                    + ShotJobIds.of(m));
            return moved;
        }
    }

    /** The job was deleted before its attempt could be published. */
    private static final class NotPublished extends RuntimeException {
        NotPublished() {
            super(null, null, false, false);
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
        return shot.withObjects(kept);
    }
}
