package org.sam2long.rendernode.farm;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jobrunr.storage.JobStats;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.rendernode.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sam2long farm}: shots queued on JobRunr and tracked by any number of render nodes. */
@Command(name = "farm", mixinStandardHelpOptions = true,
        description = {"Queue shots and run render nodes (JobRunr). One machine: 'farm submit shot.json', then"
                + " 'farm work --exit-when-idle'. The queue is an H2 file in ~/.local/share/sam2long/farm"
                + " ($SAM2LONG_FARM_DB) unless --db names another file or a jdbc: URL such as jdbc:postgresql://host/farm;"
                + " database credentials come from a private file (--db-credentials) or $SAM2LONG_FARM_DB_USER and"
                + " $SAM2LONG_FARM_DB_PASSWORD, never from the command line."},
        subcommands = {FarmCommand.Submit.class, FarmCommand.Work.class, FarmCommand.Status.class, FarmCommand.Cancel.class,
                FarmCommand.Retry.class, FarmCommand.Logs.class, FarmDashboard.class,
                org.sam2long.rendernode.farm.export.ExportCommand.class, org.sam2long.rendernode.farm.watch.WatchCommand.class})
public final class FarmCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final String DB_HELP = "The queue: an H2 database file, or a JDBC URL such as jdbc:postgresql://host/farm"
            + " (default: $SAM2LONG_FARM_DB, else ~/.local/share/sam2long/farm/farm).";

    static FarmQueue open(String db) {
        return new FarmQueue(FarmDatabase.of(db).open());
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Check a shot document and queue its tracking, one job per object by default.",
                    "Submitting the same shot again queues nothing new; an edited shot (the same shot: the document's \"id\", else the"
                            + " same plate and output folder; other content) replaces the earlier content's jobs: waiting ones are"
                            + " dropped, running ones stopped between frames without publishing. Farm jobs replace"
                            + " earlier mattes of their own objects in the output folder (as track --overwrite)."})
    static final class Submit extends FarmDbCommand implements Callable<Integer> {
        private final PresetLibrary presets;

        @Inject
        Submit(PresetLibrary presets) {
            this.presets = presets;
        }

        @Parameters(paramLabel = "shot.json", description = "Shot document (docs/shot-document.md) naming its plate and output folder.")
        Path shot;

        @Option(names = "--objects-per-job", description = "Objects tracked together in one job (default 1).")
        int objectsPerJob = 1;

        @Override
        public Integer call() {
            List<ShotJobRequest> requests = new ShotPlanner(presets).plan(shot, objectsPerJob);
            try (FarmQueue queue = openQueue()) {
                System.out.println("shot identity: " + requests.get(0).describeIdentity());
                List<FarmQueue.Replaced> earlier = queue.replaceEarlier(requests.get(0));
                for (FarmQueue.Replaced r : earlier) {
                    System.out.println(!r.deleted()
                            ? "job " + r.id() + " (" + r.name() + ") of the shot's earlier content finished ("
                                    + r.state().name().toLowerCase() + ") before it could be replaced; this content's jobs replace its mattes"
                            : r.state() == org.jobrunr.jobs.states.StateName.PROCESSING
                            ? "stopping job " + r.id() + " (" + r.name() + ", running) of the shot's earlier content:"
                                    + " its worker cancels it between frames and publishes nothing"
                            : "replaced job " + r.id() + " (" + r.name() + ", " + r.state().name().toLowerCase()
                                    + ") of the shot's earlier content");
                }
                if (FarmQueue.dropEarlierParts(requests.get(0), earlier, note -> System.out.println("note: " + note)) > 0) {
                    System.out.println("removed the parts (multi-layer output) of the shot's earlier content");
                }
                int queued = 0;
                for (FarmQueue.Submitted s : queue.submit(requests)) {
                    if (s.queued()) {
                        queued++;
                        System.out.println("queued " + FarmQueue.jobName(s.request()) + " as job " + s.id());
                    } else {
                        System.out.println("already in the queue (" + s.existing().name().toLowerCase() + "): "
                                + FarmQueue.jobName(s.request()) + ", job " + s.id());
                    }
                }
                System.out.println(queued + " of " + requests.size() + " jobs queued in " + database().describe());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "work", mixinStandardHelpOptions = true,
            description = {"Run a render node: takes shots from the queue and tracks them, one model load per model.",
                    "Runs until stopped (Ctrl-C, SIGTERM), or with --exit-when-idle until nothing is queued, retrying or running."})
    static final class Work extends FarmDbCommand implements Callable<Integer> {
        @Option(names = "--slots", description = "Jobs run at once (default: one per GPU, counted with nvidia-smi -L, when the"
                + " CUDA provider is available; else 1 on CPU). With GPUs, slot i runs on GPU i mod their count.")
        Integer slots;

        @Option(names = "--exit-when-idle", description = "Stop once no job is waiting, scheduled for a retry or running.")
        boolean exitWhenIdle;

        @Option(names = "--poll-seconds", paramLabel = "S",
                description = "How often this node looks for jobs and tells the queue it is alive (default and least 5). A node"
                        + " silent for 4 polls is taken for dead and its jobs go to another node; give every node of a farm the same value.")
        int pollSeconds = (int) FarmWorker.POLL.toSeconds();

        @Option(names = "--dashboard-port", paramLabel = "PORT",
                description = "Also serve JobRunr's dashboard from this node, on 127.0.0.1:PORT (one process for one machine).")
        Integer dashboardPort;

        @Override
        public Integer call() throws Exception {
            if (slots != null && slots < 1) {
                throw new org.sam2long.rendernode.input.BadInputException("--slots must be 1 or more, got " + slots);
            }
            WorkerSlots.Choice choice = WorkerSlots.detect(slots);
            try (FarmQueue queue = openQueue(); FarmWorker worker = new FarmWorker(queue.storage(),
                    choice, java.time.Duration.ofSeconds(pollSeconds), System.out);
                    FarmDashboard.Server dashboard = dashboardPort == null ? null
                            : FarmDashboard.start(queue.storage(), "127.0.0.1", dashboardPort)) {
                worker.start();
                if (dashboard != null) {
                    System.out.println("dashboard at " + dashboard.url());
                }
                if (!exitWhenIdle) {
                    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "sam2long-worker-stop"));
                    Thread.currentThread().join();
                }
                worker.awaitIdle(queue);
                System.out.println("queue empty: " + worker.succeeded() + " jobs done, " + worker.failed()
                        + " failed on this worker");
                return worker.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Counts of the whole queue, or the state of each job of one shot (with the reason of a failure).")
    static final class Status extends FarmDbCommand implements Callable<Integer> {
        private final PresetLibrary presets;

        @Inject
        Status(PresetLibrary presets) {
            this.presets = presets;
        }

        @Parameters(paramLabel = "shot.json", arity = "0..1", description = "The shot document that was submitted.")
        Path shot;

        @Option(names = "--objects-per-job", description = "As given to submit (default 1).")
        int objectsPerJob = 1;

        @Override
        public Integer call() {
            List<ShotJobRequest> requests = shot == null ? null : new ShotPlanner(presets).plan(shot, objectsPerJob, false);
            try (FarmQueue queue = openQueue()) {
                if (requests == null) {
                    JobStats s = queue.stats();
                    System.out.printf("queued %d, retrying %d, running %d, done %d, failed %d, cancelled %d; %d worker%s%n",
                            s.getEnqueued(), s.getScheduled(), s.getProcessing(), s.getSucceeded(), s.getFailed(),
                            s.getDeleted(), s.getBackgroundJobServers(), s.getBackgroundJobServers() == 1 ? "" : "s");
                    return ExitCodes.OK;
                }
                for (FarmQueue.JobState j : queue.states(requests)) {
                    System.out.println(FarmQueue.jobName(j.request()) + " (job " + j.id() + "): " + describe(j));
                }
                FarmQueue.JobState merge = queue.mergeState(requests);
                if (merge != null) {
                    System.out.println(FarmQueue.mergeName(ShotMergeRequest.of(requests.get(0))) + " (job " + merge.id() + "): "
                            + (merge.state() == null ? "not queued yet: " + merge.failure() : describe(merge)));
                }
            }
            return ExitCodes.OK;
        }

        static String describe(FarmQueue.JobState j) {
            if (j.state() == null) {
                return "not in the queue";
            }
            return switch (j.state()) {
                case AWAITING, ENQUEUED -> "queued";
                case SCHEDULED -> "waiting for a retry" + (j.failure() == null ? "" : " after: " + j.failure());
                case PROCESSING -> "running" + (j.progressPercent() == null ? "" : ", " + j.progressPercent() + " %");
                case SUCCEEDED -> "done";
                case FAILED -> "failed: " + (j.failure() == null ? "see the worker's log" : j.failure());
                case DELETED -> "cancelled";
                default -> j.state().name().toLowerCase();
            };
        }
    }

    /** A command on a shot's jobs (found from its shot document, as submit planned them) or on one job by its id. */
    abstract static class ShotOrJob extends FarmDbCommand implements Callable<Integer> {
        private final PresetLibrary presets;

        ShotOrJob(PresetLibrary presets) {
            this.presets = presets;
        }

        @Parameters(paramLabel = "shot.json|job-id", description = "The shot document that was submitted, or a job id.")
        String target;

        @Option(names = "--objects-per-job", description = "As given to submit (default 1).")
        int objectsPerJob = 1;

        /** Acts on one job; true when it did. */
        abstract boolean onJob(FarmQueue queue, UUID id);

        /** Acts on a shot's jobs and its merge job; returns how many it acted on. */
        abstract int onShot(FarmQueue queue, List<ShotJobRequest> requests);

        /** The line printed for {@code n} jobs acted on. */
        abstract String report(int n);

        @Override
        public Integer call() {
            UUID id = jobId(target);
            List<ShotJobRequest> requests = id != null ? null : new ShotPlanner(presets).plan(Path.of(target), objectsPerJob, false);
            try (FarmQueue queue = openQueue()) {
                int n = id != null ? (onJob(queue, id) ? 1 : 0) : onShot(queue, requests);
                System.out.println(report(n));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a shot's jobs (or one job by its id): queued jobs are dropped, running ones stop between frames.")
    static final class Cancel extends ShotOrJob {
        @Inject
        Cancel(PresetLibrary presets) {
            super(presets);
        }

        @Override
        boolean onJob(FarmQueue queue, UUID id) {
            return queue.cancel(id);
        }

        @Override
        int onShot(FarmQueue queue, List<ShotJobRequest> requests) {
            return queue.cancel(requests);
        }

        @Override
        String report(int n) {
            return n == 0 ? "nothing to cancel: the jobs are finished or not in the queue"
                    : "cancelled " + n + " job" + (n == 1 ? "" : "s");
        }
    }

    /** A job id, or null when the argument is a shot file. */
    static UUID jobId(String target) {
        try {
            return UUID.fromString(target);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Put a shot's failed or cancelled jobs (or one job by its id) back in the queue, e.g. after fixing a missing plate.")
    static final class Retry extends ShotOrJob {
        @Inject
        Retry(PresetLibrary presets) {
            super(presets);
        }

        @Override
        boolean onJob(FarmQueue queue, UUID id) {
            return queue.retry(id);
        }

        @Override
        int onShot(FarmQueue queue, List<ShotJobRequest> requests) {
            return queue.retry(requests);
        }

        @Override
        String report(int n) {
            return n == 0 ? "nothing to retry: no job is failed or cancelled"
                    : "queued again: " + n + " job" + (n == 1 ? "" : "s");
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = "A job's history: its states (failures with their reason) and the lines its workers logged, as the dashboard shows them.")
    static final class Logs extends FarmDbCommand implements Callable<Integer> {
        @Parameters(paramLabel = "job-id", description = "The job's id (submit and status print it).")
        String target;

        @Override
        public Integer call() {
            UUID id = jobId(target);
            if (id == null) {
                throw new org.sam2long.rendernode.input.BadInputException("'" + target + "' is not a job id; farm status <shot.json> lists the shot's jobs with their ids");
            }
            try (FarmQueue queue = openQueue()) {
                for (FarmQueue.LogLine l : queue.logs(id)) {
                    System.out.println(l.at() + "  " + l.text());
                }
            }
            return ExitCodes.OK;
        }
    }
}
