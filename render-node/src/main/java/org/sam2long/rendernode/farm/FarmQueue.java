package org.sam2long.rendernode.farm;

import static org.jobrunr.scheduling.JobBuilder.aJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProvider;

/**
 * The farm's queue as the command line sees it: shots go in as JobRunr jobs with ids derived from
 * their content ({@link ShotJobIds}), their state comes back, and they can be cancelled (a running
 * job is interrupted, which the engine treats as a cancel between frames).
 */
public final class FarmQueue implements AutoCloseable {
    /** Retries of a job that failed with a retriable error (I/O, database, out of memory); JobRunr backs off between them. */
    public static final int RETRIES = 3;

    private final StorageProvider storage;
    private final JobRequestScheduler scheduler;

    public FarmQueue(StorageProvider storage) {
        this.storage = storage;
        this.scheduler = new JobRequestScheduler(storage);
    }

    /** What became of one request at submit. */
    public record Submitted(ShotJobRequest request, UUID id, boolean queued, StateName existing) {}

    /** One job's state for {@code farm status}. */
    public record JobState(ShotJobRequest request, UUID id, StateName state, String failure, Integer progressPercent) {}

    /** Queues each request whose job is not in the queue yet; a request already there is left as it is. */
    public List<Submitted> submit(List<ShotJobRequest> requests) {
        List<Submitted> result = new ArrayList<>();
        for (ShotJobRequest r : requests) {
            UUID id = ShotJobIds.of(r);
            Optional<Job> existing = find(id);
            if (existing.isPresent() && existing.get().getState() == StateName.DELETED) {
                storage.deletePermanently(id); // a cancelled shot submitted again runs again
                existing = Optional.empty();
            }
            if (existing.isPresent()) {
                result.add(new Submitted(r, id, false, existing.get().getState()));
                continue;
            }
            scheduler.create(aJob().withId(id).withName(jobName(r)).withAmountOfRetries(RETRIES).withJobRequest(r));
            result.add(new Submitted(r, id, true, null));
        }
        return result;
    }

    /**
     * A job of an earlier content of a shot found at submit (an object job or the shot's merge job):
     * {@code deleted} when it was replaced ({@code state} is the state it was in: waiting, or
     * processing and now being stopped), else it finished meanwhile ({@code state} is its final state).
     *
     * @param name       the job's name, as {@code farm status} shows it
     * @param shotSha256 the earlier content's SHA-256
     */
    public record Replaced(UUID id, String name, String shotSha256, StateName state, boolean deleted) {}

    private static final StateName[] WAITING = {StateName.ENQUEUED, StateName.SCHEDULED, StateName.AWAITING};

    /**
     * Replaces the jobs of the same shot ({@link ShotJobRequest#identity()}: the document's id, else
     * its plate and output folder) whose content differs from {@code edited}'s: waiting jobs
     * (enqueued, scheduled for a retry, awaiting) and running ones are deleted, object jobs and merge
     * jobs alike. A running job is then interrupted by its worker (JobRunr stops deleted jobs it finds
     * processing), which the engine treats as a cancel; its attempt is never published, since
     * {@link ShotJobHandler} and {@link ShotMergeHandler} publish only while their job is still
     * processing, asked under the output folder's lock. So the edited content's files are what stays.
     * Merge jobs are looked for again after every object job is gone: an object job that queued its
     * merge meanwhile either sees its own deletion and deletes that merge itself, or queued it before
     * this second look, which finds it. Deletion goes through JobRunr's storage with its optimistic
     * locking; a job that finished meanwhile is reported with {@code deleted == false}.
     */
    public List<Replaced> replaceEarlier(ShotJobRequest edited) {
        String identity = edited.identity();
        String shotSha256 = edited.shotSha256();
        String reason = "replaced by an edited " + edited.shotName() + " (sha256 " + shotSha256.substring(0, 12) + ")";
        List<StateName> states = new ArrayList<>(List.of(WAITING));
        states.add(StateName.PROCESSING);
        List<Replaced> result = new ArrayList<>();
        for (boolean mergesOnly : new boolean[] {false, true}) {
            for (StateName state : states) {
                for (Job j : jobsIn(state)) {
                    Object request = requestOf(j);
                    String sha = request instanceof ShotJobRequest r && !mergesOnly && r.identity().equals(identity) ? r.shotSha256()
                            : request instanceof ShotMergeRequest m && m.identity().equals(identity) ? m.shotSha256() : null;
                    if (sha == null || sha.equals(shotSha256)) {
                        continue;
                    }
                    result.add(delete(j, sha, reason));
                }
            }
        }
        return result;
    }

    /**
     * Removes the parts folders ({@link LayerParts}) of the earlier contents that {@link #replaceEarlier}
     * replaced, under the output folder's lock (so a part being moved in or a merge being published
     * finishes first): none of their jobs can publish any more, and the edited content's jobs write
     * parts of their own. A content with a job that could not be deleted and still runs keeps its
     * parts. Returns how many parts folders went; a busy folder only gives a note.
     */
    public static int dropEarlierParts(ShotJobRequest edited, List<Replaced> replaced, java.util.function.Consumer<String> notes) {
        java.util.Set<String> earlier = new java.util.TreeSet<>();
        java.util.Set<String> live = new java.util.HashSet<>();
        for (Replaced r : replaced) {
            (r.deleted() || isFinal(r.state()) ? earlier : live).add(r.shotSha256());
        }
        earlier.removeAll(live);
        earlier.remove(edited.shotSha256());
        return LayerParts.removeParts(java.nio.file.Path.of(edited.out()), earlier, notes);
    }

    /** Deletes a job that is waiting or running, trying again when its worker updated it meanwhile. */
    private Replaced delete(Job job, String sha, String reason) {
        Job j = job;
        for (int attempt = 0; ; attempt++) {
            StateName was = j.getState();
            try {
                j.delete(reason);
                storage.save(j);
                return new Replaced(j.getId(), j.getJobName(), sha, was, true);
            } catch (org.jobrunr.storage.ConcurrentJobModificationException | IllegalStateException changedMeanwhile) {
                Optional<Job> now = find(j.getId());
                if (now.isEmpty() || isFinal(now.get().getState()) || attempt >= 20) {
                    return new Replaced(j.getId(), j.getJobName(), sha, now.map(Job::getState).orElse(was), false);
                }
                j = now.get(); // a worker's heartbeat or progress update; try again on the fresh version
            }
        }
    }

    /**
     * Deletes a merge job that {@code queuedBy} queued when that job turns out to be no longer
     * processing (replaced or cancelled just before): see {@link #replaceEarlier}. True when it went.
     */
    boolean withdrawMerge(UUID merge, String reason) {
        Optional<Job> j = find(merge);
        return j.isPresent() && !isFinal(j.get().getState()) && delete(j.get(), "", reason).deleted();
    }

    private List<Job> jobsIn(StateName state) {
        List<Job> all = new ArrayList<>();
        int page = 500;
        for (long offset = 0; ; offset += page) {
            List<Job> some = storage.getJobs(state,
                    new org.jobrunr.storage.navigation.OffsetBasedPageRequest("updatedAt:ASC", offset, page)).getItems();
            all.addAll(some);
            if (some.size() < page) {
                return all;
            }
        }
    }

    private static Object requestOf(Job j) {
        Object[] values = j.getJobDetails().getJobParameterValues();
        return values.length == 1 ? values[0] : null;
    }

    /** The state of each request's job (null state: not in the queue). */
    public List<JobState> states(List<ShotJobRequest> requests) {
        List<JobState> result = new ArrayList<>();
        for (ShotJobRequest r : requests) {
            UUID id = ShotJobIds.of(r);
            Optional<Job> job = find(id);
            if (job.isEmpty()) {
                result.add(new JobState(r, id, null, null, null));
                continue;
            }
            Job j = job.get();
            String failure = j.getState() == StateName.FAILED || j.getState() == StateName.SCHEDULED
                    ? j.getLastJobStateOfType(FailedState.class).map(FailedState::getExceptionMessage).orElse(null) : null;
            Integer progress = null;
            if (j.getState() == StateName.PROCESSING) {
                var bar = org.jobrunr.jobs.context.JobDashboardProgressBar.get(j);
                progress = bar == null ? null : bar.getProgressAsPercentage();
            }
            result.add(new JobState(r, id, j.getState(), failure, progress));
        }
        return result;
    }

    /** Cancels every job of the requests that has not finished; returns how many were cancelled. */
    public int cancel(List<ShotJobRequest> requests) {
        return forShot(requests, this::cancel);
    }

    /** Cancels one job when it has not finished; false when it is unknown or already finished. */
    public boolean cancel(UUID id) {
        Optional<Job> job = find(id);
        if (job.isEmpty() || isFinal(job.get().getState())) {
            return false;
        }
        scheduler.delete(id, "cancelled with sam2long farm cancel");
        return true;
    }

    /** Puts every failed or cancelled job of the requests back in the queue; returns how many. */
    public int retry(List<ShotJobRequest> requests) {
        return forShot(requests, this::retry);
    }

    /** Applies a one-job action to each request's job and then to the shot's merge job; returns how many it took. */
    private int forShot(List<ShotJobRequest> requests, java.util.function.Predicate<UUID> action) {
        int n = 0;
        for (ShotJobRequest r : requests) {
            n += action.test(ShotJobIds.of(r)) ? 1 : 0;
        }
        UUID merge = mergeId(requests);
        return n + (merge != null && action.test(merge) ? 1 : 0);
    }

    /** Puts one failed or cancelled job back in the queue; false when it is unknown, waiting, running or done. */
    public boolean retry(UUID id) {
        Optional<Job> job = find(id);
        if (job.isEmpty() || !(job.get().getState() == StateName.FAILED || job.get().getState() == StateName.DELETED)) {
            return false;
        }
        Job j = job.get();
        j.enqueue();
        storage.save(j);
        return true;
    }

    /** One line of a job's history: a state change (with its reason) or a line the worker logged. */
    public record LogLine(java.time.Instant at, String text) {}

    /**
     * A job's history in time order: each state it went through (a failure with its sentence) and
     * every line its workers logged to JobRunr's job log (which the dashboard shows too).
     */
    public List<LogLine> logs(UUID id) {
        Job j = find(id).orElseThrow(() -> new org.sam2long.rendernode.input.BadInputException(
                "there is no job " + id + " in the queue (farm status lists a shot's jobs)"));
        List<LogLine> lines = new ArrayList<>();
        for (org.jobrunr.jobs.states.JobState s : j.getJobStates()) {
            String text = "state " + s.getName().name().toLowerCase();
            if (s instanceof FailedState f) {
                text += ": " + f.getExceptionMessage() + (f.mustNotRetry() ? " (not retried)" : "");
            } else if (s instanceof org.jobrunr.jobs.states.ProcessingState p) {
                text += " on server " + p.getServerName();
            } else if (s instanceof org.jobrunr.jobs.states.ScheduledState sc) {
                text += " (" + sc.getReason() + ", at " + sc.getScheduledAt() + ")";
            } else if (s instanceof org.jobrunr.jobs.states.DeletedState d && d.getReason() != null) {
                text += " (" + d.getReason() + ")";
            }
            lines.add(new LogLine(s.getCreatedAt(), text));
        }
        for (java.util.Map.Entry<String, Object> e : j.getMetadata().entrySet()) {
            if (e.getKey().startsWith(org.jobrunr.jobs.context.JobDashboardLogger.JOBRUNR_LOG_KEY)
                    && e.getValue() instanceof org.jobrunr.jobs.context.JobDashboardLogger.JobDashboardLogLines l) {
                for (org.jobrunr.jobs.context.JobDashboardLogger.JobDashboardLogLine line : l.getLogLines()) {
                    lines.add(new LogLine(line.getLogInstant(), line.getLogMessage()));
                }
            }
        }
        lines.sort(java.util.Comparator.comparing(LogLine::at));
        return lines;
    }

    /** The id of the shot's merge job when its output is multi-layer EXR, else null. */
    static UUID mergeId(List<ShotJobRequest> requests) {
        if (!LayerParts.layered(requests)) {
            return null;
        }
        return ShotJobIds.of(ShotMergeRequest.of(requests.get(0)));
    }

    /**
     * Queues a shot's merge job unless it is in the queue already (a cancelled one is replaced, as
     * {@link #submit} does); false when it was there.
     */
    public boolean enqueueMerge(ShotMergeRequest m) {
        UUID id = ShotJobIds.of(m);
        Optional<Job> existing = find(id);
        if (existing.isPresent() && existing.get().getState() == StateName.DELETED) {
            storage.deletePermanently(id);
            existing = Optional.empty();
        }
        if (existing.isPresent()) {
            return false;
        }
        scheduler.create(aJob().withId(id).withName(mergeName(m)).withAmountOfRetries(RETRIES).withJobRequest(m));
        return true;
    }

    /**
     * The state of a multi-layer shot's merge job, or null when the shot's output needs none. A merge
     * not queued yet has a null state and, as {@code failure}, why it waits: the object jobs not done,
     * with the sentence of any that failed (a merge never runs before all of them are done).
     */
    public JobState mergeState(List<ShotJobRequest> requests) {
        UUID id = mergeId(requests);
        if (id == null) {
            return null;
        }
        Optional<Job> job = find(id);
        if (job.isPresent()) {
            Job j = job.get();
            String failure = j.getState() == StateName.FAILED || j.getState() == StateName.SCHEDULED
                    ? j.getLastJobStateOfType(FailedState.class).map(FailedState::getExceptionMessage).orElse(null) : null;
            return new JobState(null, id, j.getState(), failure, null);
        }
        List<String> blocking = new ArrayList<>();
        int done = 0;
        for (JobState s : states(requests)) {
            if (s.state() == StateName.SUCCEEDED) {
                done++;
            } else if (s.state() == StateName.FAILED) {
                blocking.add("job " + s.id() + " (" + jobName(s.request()) + ") failed"
                        + (s.failure() == null ? "" : ": " + s.failure()));
            } else if (s.state() == StateName.DELETED) {
                blocking.add("job " + s.id() + " (" + jobName(s.request()) + ") was cancelled");
            } else if (s.state() == null) {
                blocking.add(jobName(s.request()) + " is not in the queue");
            }
        }
        String why = "it runs once every object job is done (" + done + " of " + requests.size() + " done)"
                + (blocking.isEmpty() ? "" : "; it cannot run until these are retried: " + String.join("; ", blocking));
        return new JobState(null, id, null, why, null);
    }

    /** The name of a merge job, as the dashboard and status show it. */
    static String mergeName(ShotMergeRequest m) {
        return "merge " + m.shotName() + " into layered files";
    }

    public StorageProvider storage() {
        return storage;
    }

    /** Counts over the whole queue. */
    public JobStats stats() {
        return storage.getJobStats();
    }

    /** Jobs that may still run: awaiting, scheduled (retries wait here), enqueued or processing. */
    public long pending() {
        JobStats s = storage.getJobStats();
        return n(s.getAwaiting()) + n(s.getScheduled()) + n(s.getEnqueued()) + n(s.getProcessing());
    }

    public Optional<Job> find(UUID id) {
        try {
            return Optional.of(storage.getJobById(id));
        } catch (JobNotFoundException e) {
            return Optional.empty();
        }
    }

    static boolean isFinal(StateName s) {
        return s == StateName.SUCCEEDED || s == StateName.FAILED || s == StateName.DELETED;
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }

    static String jobName(ShotJobRequest r) {
        return "track " + r.shotName() + " object" + (r.objectIds().size() == 1 ? " " : "s ") + r.objectIds();
    }

    @Override
    public void close() {
        storage.close();
    }
}
