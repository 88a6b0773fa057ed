package org.sam2long.rendernode.farm;

import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
public final class FarmWorker implements AutoCloseable {
    /** How often JobRunr looks for new jobs: its smallest allowed interval. */
    static final Duration POLL = Duration.ofSeconds(5);

    private final StorageProvider storage;
    private final int slots;
    private final PrintStream log;
    private final ModelPool models = new ModelPool();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private BackgroundJobServer server;

    public FarmWorker(StorageProvider storage, int slots, PrintStream log) {
        if (slots < 1) {
            throw new org.sam2long.rendernode.input.BadInputException("--slots must be 1 or more, got " + slots);
        }
        this.storage = storage;
        this.slots = slots;
        this.log = log;
    }

    /** What the worker runs on, for its first log line. */
    static String hardware() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "this machine";
        }
        return host + ", " + Runtime.getRuntime().availableProcessors() + " CPU cores";
    }

    /** Starts the server; jobs run on its threads from now on. */
    public void start() {
        ShotJobHandler handler = new ShotJobHandler(models, line -> {
            synchronized (log) {
                log.println(line);
            }
        }, succeeded, failed);
        JobActivator activator = new JobActivator() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T activateJob(Class<T> type) {
                return type == ShotJobHandler.class ? (T) handler : null;
            }
        };
        BackgroundJobServerConfiguration config = BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andName("sam2long " + hardware())
                .andWorkerCount(slots)
                .andPollInterval(POLL);
        server = new BackgroundJobServer(storage, new JacksonJsonMapper(), activator, config);
        server.start();
        log.println("worker on " + hardware() + " with " + slots + " slot" + (slots == 1 ? "" : "s"));
    }

    /** Returns once the queue holds nothing that may still run (checked twice, a poll apart). */
    public void awaitIdle(FarmQueue queue) throws InterruptedException {
        int quiet = 0;
        while (quiet < 2) {
            Thread.sleep(500);
            quiet = queue.pending() == 0 ? quiet + 1 : 0;
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
        if (server != null) {
            server.stop();
            server = null;
        }
        models.close();
    }
}
