package org.sam2long.rendernode.farm.watch;

import com.google.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.rendernode.cli.ExitCodes;
import org.sam2long.rendernode.cli.Signals;
import org.sam2long.rendernode.farm.FarmDatabase;
import org.sam2long.rendernode.farm.FarmDbCommand;
import org.sam2long.rendernode.farm.FarmQueue;
import org.sam2long.rendernode.farm.ShotJobRequest;
import org.sam2long.rendernode.farm.ShotPlanner;
import org.sam2long.rendernode.input.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sam2long farm watch DIR}: a drop folder whose shot files are submitted to the farm queue. */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submit every shot file (*.json) dropped into DIR, as 'farm submit' does, once it has stopped changing"
                + " for the settle time (a file written under another name and renamed in is taken at once). It then goes"
                + " to DIR/submitted, or to DIR/rejected next to <name>.error.txt saying why. Shot files already in DIR are"
                + " taken too. Dropping a shot that is already queued queues nothing new. If the queue cannot be reached,"
                + " the file stays and is tried again later.",
                "Runs until Ctrl-C or SIGTERM, which stop it after the file being submitted (exit code 0)."})
public final class WatchCommand extends FarmDbCommand implements Callable<Integer> {
    private final PresetLibrary presets;

    @Inject
    WatchCommand(PresetLibrary presets) {
        this.presets = presets;
    }

    @Parameters(paramLabel = "DIR", description = "The drop folder (created if missing).")
    Path dir;

    @Option(names = "--objects-per-job", description = "As for submit (default 1).")
    int objectsPerJob = 1;

    @Option(names = "--settle-seconds", description = "How long a file must stay unchanged before it is submitted (default 2).")
    double settleSeconds = 2;


    @Override
    public Integer call() throws Exception {
        if (!(settleSeconds >= 0) || settleSeconds > 3600) {
            throw new BadInputException("--settle-seconds must be between 0 and 3600, got " + settleSeconds);
        }
        if (objectsPerJob < 1) {
            throw new BadInputException("--objects-per-job must be 1 or more, got " + objectsPerJob);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is not a folder");
        }
        Files.createDirectories(dir);
        Duration settle = Duration.ofMillis(Math.round(settleSeconds * 1000));
        Duration interval = Duration.ofMillis(Math.max(100, Math.min(1000, settle.toMillis() / 4)));
        FarmDatabase database = database();
        CountDownLatch stop = new CountDownLatch(1);
        try (FarmQueue queue = new FarmQueue(database.open());
             StopSignals signals = StopSignals.install(stop::countDown);
             WatchFolder watch = new WatchFolder(dir, submitter(queue), settle, interval, System.out)) {
            watch.start();
            System.out.println("watching " + dir.toAbsolutePath().normalize() + " for shot files (queue: " + database.describe()
                    + "); Ctrl-C stops");
            System.out.flush();
            stop.await();
            watch.close();
            System.out.println("stopped: " + watch.submitted() + " submitted, " + watch.rejected() + " rejected");
        }
        return ExitCodes.OK;
    }

    /** The same planning and queue call as {@code farm submit}. */
    WatchFolder.Submitter submitter(FarmQueue queue) {
        return file -> {
            List<ShotJobRequest> requests = new ShotPlanner(presets).plan(file, objectsPerJob);
            List<FarmQueue.Replaced> earlier = queue.replaceEarlier(requests.get(0));
            long replaced = earlier.stream().filter(FarmQueue.Replaced::deleted).count();
            FarmQueue.dropEarlierParts(requests.get(0), earlier, note -> System.out.println(file.getFileName() + ": note: " + note));
            long queued = queue.submit(requests).stream().filter(FarmQueue.Submitted::queued).count();
            return queued + " of " + requests.size() + " jobs queued" + (queued == 0 ? " (all already in the queue)" : "")
                    + (replaced == 0 ? "" : ", " + replaced + " job" + (replaced == 1 ? "" : "s")
                            + " of its earlier content replaced (running ones stopped)")
                    + " (shot identity: " + requests.get(0).describeIdentity() + ")";
        };
    }

    /** Ctrl-C and SIGTERM end the watch (replacing the process's handlers while it lasts), else a shutdown hook does. */
    static final class StopSignals implements AutoCloseable {
        private Signals signals;
        private Thread hook;

        static StopSignals install(Runnable stop) {
            StopSignals s = new StopSignals();
            s.signals = Signals.handle(signal -> stop.run());
            if (!s.signals.handled()) {
                s.hook = new Thread(stop, "sam2long-watch-stop");
                Runtime.getRuntime().addShutdownHook(s.hook);
            }
            return s;
        }

        @Override
        public void close() {
            signals.close();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // shutting down
                }
            }
        }
    }
}
