package org.sam2long.rendernode.farm;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.sam2long.engine.model.ModelPool;

/**
 * A render node: a JobRunr background job server with {@code slots} worker threads and one engine
 * {@link ModelPool} for the whole process, so each model loads once however many jobs it runs.
 * Runs until stopped, or with {@code exitWhenIdle} until no job is waiting, scheduled for a retry or
 * running.
 *
 * <p>The node looks for jobs and tells the queue it is alive every {@code poll}; a node silent for
 * four polls (killed, powered off, cut from the network) is taken for dead by the other nodes, and
 * JobRunr gives its jobs to another node (or to itself once restarted).
 *
 * <p>JobRunr's open-source server shuts itself down after too many database errors. A supervisor
 * thread watches for that: once the database answers again it starts a fresh server, so a node rides
 * out a database restart. A job that was running meanwhile is stopped between frames and, like a
 * killed node's, is retried by JobRunr once its heartbeat has timed out.
 */
public final class FarmWorker implements AutoCloseable {
    /** How often a node looks for new jobs and reports that it is alive, by default. */
    public static final Duration POLL = Duration.ofSeconds(5);
    /** JobRunr's smallest poll interval with a SQL database: a dead node's jobs move after 4 x 5 s at the soonest. */
    public static final Duration MIN_POLL = Duration.ofSeconds(5);

    private final StorageProvider storage;
    private final int slots;
    private final String slotsReason;
    private final List<Integer> slotDevices;
    private final Duration poll;
    private final FarmLog log;
    private final ModelPool models = new ModelPool();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile BackgroundJobServer server;
    private volatile boolean closing;
    private Thread supervisor;
    private JobActivator activator;
    private ShotJobHandler handler;
    private final AtomicInteger reconnects = new AtomicInteger();

    public FarmWorker(StorageProvider storage, int slots, PrintStream log) {
        this(storage, slots, POLL, log);
    }

    public FarmWorker(StorageProvider storage, int slots, Duration poll, PrintStream log) {
        this(storage, slots, poll, log, null);
    }

    /** @param slotsReason why this many slots ({@link WorkerSlots.Choice#reason()}), printed in the first line; may be null */
    public FarmWorker(StorageProvider storage, int slots, Duration poll, PrintStream log, String slotsReason) {
        this(storage, new WorkerSlots.Choice(slots, slotsReason), poll, log);
    }

    /** A worker with the slots, their reason and their GPUs ({@link WorkerSlots.Choice#devices()}) of {@code choice}. */
    public FarmWorker(StorageProvider storage, WorkerSlots.Choice choice, Duration poll, PrintStream log) {
        int slots = choice.slots();
        String slotsReason = choice.reason();
        if (slots < 1) {
            throw new org.sam2long.rendernode.input.BadInputException("--slots must be 1 or more, got " + slots);
        }
        if (poll.compareTo(MIN_POLL) < 0) {
            throw new org.sam2long.rendernode.input.BadInputException("--poll-seconds must be " + MIN_POLL.toSeconds()
                    + " or more (JobRunr's smallest interval with a database), got " + poll.toMillis() / 1000.0);
        }
        this.storage = storage;
        this.slots = slots;
        this.slotsReason = slotsReason;
        this.slotDevices = choice.devices();
        this.poll = poll;
        this.log = new FarmLog(log, hardware());
    }

    /** What the worker runs on: host, and CUDA with the GPU's name when this build and machine have one, else CPU cores. */
    static String hardware() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "this machine";
        }
        List<String> gpus = cudaGpus();
        String cpu = "CPU " + Runtime.getRuntime().availableProcessors() + " cores";
        return host + " pid " + ProcessHandle.current().pid() + ", " + (gpus.isEmpty() ? cpu : "CUDA " + String.join(" + ", gpus));
    }

    /** The NVIDIA GPUs' names when this ONNX Runtime build has the CUDA provider (none otherwise). */
    static List<String> cudaGpus() {
        List<String> names = new ArrayList<>();
        if (!cudaProviderAvailable()) {
            return names;
        }
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        if (!Files.isDirectory(gpus)) {
            return names;
        }
        try (Stream<Path> s = Files.list(gpus)) {
            for (Path g : s.sorted().toList()) {
                for (String line : Files.readAllLines(g.resolve("information"))) {
                    if (line.startsWith("Model:")) {
                        names.add(line.substring("Model:".length()).strip());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no names: the provider still reports CUDA when a model loads
        }
        return names;
    }

    /** Whether this ONNX Runtime build offers the CUDA execution provider. */
    static boolean cudaProviderAvailable() {
        try {
            return ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
        } catch (Throwable noRuntime) {
            return false;
        }
    }

    /** Starts the server; jobs run on its threads from now on. */
    public void start() {
        handler = new ShotJobHandler(models, log, succeeded, failed, storage, this::stillProcessing, slotDevices);
        ShotMergeHandler merger = new ShotMergeHandler(log, succeeded, failed, this::stillProcessing);
        activator = new JobActivator() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T activateJob(Class<T> type) {
                return type == ShotJobHandler.class ? (T) handler : type == ShotMergeHandler.class ? (T) merger : null;
            }
        };
        server = newServer();
        server.start();
        log.line("worker started with " + slots + " slot" + (slots == 1 ? "" : "s")
                + (slotsReason == null ? "" : " (" + slotsReason + ")")
                + (slotDevices.isEmpty() ? "" : ", " + new WorkerSlots.Choice(slots, slotsReason, slotDevices).describeDevices())
                + ", polling every "
                + poll.toMillis() / 1000.0 + " s");
        supervisor = new Thread(this::supervise, "sam2long-worker-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /**
     * Whether a job is still processing in the queue, on this node's server: not cancelled, replaced or
     * removed meanwhile, and not handed to another node that took this one for dead.
     */
    private boolean stillProcessing(java.util.UUID id) {
        org.jobrunr.jobs.Job job;
        try {
            job = storage.getJobById(id);
        } catch (org.jobrunr.storage.JobNotFoundException gone) {
            return false;
        }
        if (job.getState() != org.jobrunr.jobs.states.StateName.PROCESSING) {
            return false;
        }
        BackgroundJobServer s = server;
        org.jobrunr.jobs.states.JobState state = job.getJobState();
        return s == null || !(state instanceof org.jobrunr.jobs.states.ProcessingState p) || p.getServerId().equals(s.getId());
    }

    private BackgroundJobServer newServer() {
        String name = "sam2long " + log.worker();
        BackgroundJobServerConfiguration config = BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andName(name.substring(0, Math.min(127, name.length())))
                .andWorkerCount(slots)
                .andPollInterval(poll);
        return new BackgroundJobServer(storage, new JacksonJsonMapper(), activator, config);
    }

    /** Restarts JobRunr's server when it shut itself down (database errors), once the database answers. */
    private void supervise() {
        boolean said = false;
        while (!closing) {
            try {
                Thread.sleep(Math.min(1000, poll.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
            BackgroundJobServer s = server;
            if (closing || s == null || s.isRunning()) {
                continue;
            }
            if (!said) {
                log.line("the queue's database failed too often and JobRunr stopped this node; its running jobs stop"
                        + " (JobRunr retries them) and it reconnects");
                handler.stopAll(Duration.ofSeconds(30));
                said = true;
            }
            try {
                storage.getJobStats(); // throws while the database is down
            } catch (RuntimeException down) {
                continue;
            }
            synchronized (this) {
                if (closing) {
                    return;
                }
                try {
                    s.stop();
                } catch (RuntimeException alreadyStopped) {
                    // it was
                }
                server = newServer();
                server.start();
            }
            reconnects.incrementAndGet();
            said = false;
            log.line("reconnected to the queue's database; taking jobs again");
        }
    }

    /** How often the node restarted JobRunr's server after a database outage. */
    public int reconnects() {
        return reconnects.get();
    }

    /** Returns once the queue holds nothing that may still run (checked twice, a poll apart). */
    public void awaitIdle(FarmQueue queue) throws InterruptedException {
        int quiet = 0;
        while (quiet < 2) {
            Thread.sleep(500);
            try {
                quiet = queue.pending() == 0 ? quiet + 1 : 0;
            } catch (RuntimeException databaseDown) {
                quiet = 0;
            }
        }
    }

    public int succeeded() {
        return succeeded.get();
    }

    public int failed() {
        return failed.get();
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (server != null) {
                server.stop();
                server = null;
            }
        }
        if (supervisor != null) {
            supervisor.interrupt();
        }
        models.close();
    }
}
