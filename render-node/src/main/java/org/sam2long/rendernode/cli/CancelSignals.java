package org.sam2long.rendernode.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.shot.TrackJob;

/**
 * Ctrl-C and SIGTERM for a running job.
 * <ul>
 *   <li>The first signal cancels between frames: the job keeps its finished mattes, settles the
 *       output folder (no temporary files, sidecars saying what is on disk and {@code cancelled}) and
 *       the command exits 3. If the job has not settled within {@link #graceSeconds()} seconds (a very
 *       slow frame), the abort below runs.</li>
 *   <li>A second signal aborts at once: matte writing stops between two files, the folder is settled
 *       the same way, the lock released, and the process halts with exit code 3.</li>
 * </ul>
 * Signals that were ignored when the process started (e.g. {@code nohup}) stay ignored. Where the
 * JVM offers no signal handlers, a shutdown hook cancels and waits, bounded, for the job to settle.
 */
final class CancelSignals implements AutoCloseable {
    private final CancelToken cancel;
    private final TrackJob.Control control;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();
    private Signals handlers;
    private Thread hook;

    private CancelSignals(CancelToken cancel, TrackJob.Control control, PrintStream err) {
        this.cancel = cancel;
        this.control = control;
        this.err = err;
    }

    /** Seconds the first signal waits for the job to settle before aborting ({@code sam2long.cancelGraceSeconds}). */
    static long graceSeconds() {
        return Long.getLong("sam2long.cancelGraceSeconds", 5);
    }

    private static volatile CancelSignals current;
    private static volatile boolean global;
    private static volatile boolean jobEnded;

    /**
     * For the process's main: from now on INT and TERM exit 3 even before a job runs ("cancelled
     * before anything was written"), and reach the running job once there is one.
     */
    static void installGlobal() {
        global = Signals.handle(CancelSignals::dispatch).handled(); // for the process's life: never put back
    }

    private static void dispatch(String signal) {
        CancelSignals job = current;
        if (job != null) {
            job.onSignal(signal);
            return;
        }
        if (jobEnded) {
            return;  // the job has settled; the process is printing its summary and exits with its own code
        }
        System.err.println("sam2long: cancelled before anything was written (SIG" + signal + ")");
        System.err.flush();
        Runtime.getRuntime().halt(ExitCodes.CANCELLED);
    }

    static CancelSignals install(CancelToken cancel, TrackJob.Control control, PrintStream err) {
        CancelSignals s = new CancelSignals(cancel, control, err);
        boolean handled = global;
        if (!handled) {
            s.handlers = Signals.handle(CancelSignals::dispatch);
            handled = s.handlers.handled();
        }
        current = s;
        if (!handled) {
            s.hook = new Thread(s::onShutdown, "sam2long-cancel");
            Runtime.getRuntime().addShutdownHook(s.hook);
        }
        return s;
    }

    /** The job has settled its folder; the command may print and exit. */
    void finished() {
        finished.countDown();
    }

    private void onSignal(String signal) {
        int n = signals.incrementAndGet();
        if (n == 1) {
            cancel.cancel();
            err.println("sam2long: " + (signal.equals("INT") ? "Ctrl-C" : "SIG" + signal)
                    + ": stopping after the current frame (press Ctrl-C again to abort at once)");
            err.flush();
            Thread watchdog = new Thread(() -> {
                try {
                    if (!finished.await(graceSeconds(), TimeUnit.SECONDS)) {
                        abort("the job did not stop within " + graceSeconds() + " s");
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "sam2long-cancel-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        } else if (n == 2) {
            abort("second signal");
        }
    }

    private synchronized void abort(String why) {
        if (finished.getCount() == 0) {
            return;  // the job has settled and the command is printing its summary
        }
        cancel.cancel();
        OutputFolder folder = control.folder();
        int frames = 0;
        if (folder != null) {
            frames = folder.abortNow().frames();
        }
        err.println("sam2long: aborted (" + why + "); cancelled after " + frames + " frames"
                + (folder == null ? "" : ", kept in " + folder.folder().toAbsolutePath()));
        err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(ExitCodes.CANCELLED);
    }

    private void onShutdown() {
        cancel.cancel();
        try {
            if (!finished.await(graceSeconds(), TimeUnit.SECONDS)) {
                OutputFolder folder = control.folder();
                if (folder != null) {
                    folder.abortNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finished();
        if (current == this) {
            jobEnded = true;
            current = null;
        }
        if (global) {
            return;  // the process keeps its handlers: a late signal exits 3
        }
        if (handlers != null) {
            handlers.close();
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
        }
    }
}
