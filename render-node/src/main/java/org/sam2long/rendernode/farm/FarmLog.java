package org.sam2long.rendernode.farm;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.slf4j.MDC;

/**
 * A worker's log lines: each names the worker's hardware and, inside a job, the shot and the job.
 * The same values are put in the MDC ({@value #WORKER}, {@value #SHOT}, {@value #JOB}) on the job's
 * thread, so that a logging back-end that prints the MDC shows them on JobRunr's lines too (the
 * bundled slf4j-simple does not print it; these lines carry them themselves).
 */
public final class FarmLog {
    public static final String WORKER = "sam2long.worker";
    public static final String SHOT = "sam2long.shot";
    public static final String JOB = "sam2long.job";

    private static final ThreadLocal<String[]> JOB_OF_THREAD = new ThreadLocal<>();

    private final PrintStream out;
    private final String worker;

    public FarmLog(PrintStream out, String worker) {
        this.out = out;
        this.worker = worker;
    }

    /** What the worker runs on, as its lines name it. */
    public String worker() {
        return worker;
    }

    /** Marks this thread as running {@code job} of {@code shot} (null, null: no job), here and in the MDC. */
    public void enter(String shot, String job) {
        if (shot == null) {
            JOB_OF_THREAD.remove();
            MDC.remove(JOB);
            MDC.remove(SHOT);
            MDC.remove(WORKER);
            return;
        }
        JOB_OF_THREAD.set(new String[] {shot, job});
        MDC.put(WORKER, worker);
        MDC.put(SHOT, shot);
        MDC.put(JOB, job);
    }

    /** Prints one line: time, worker, shot and job when on a job's thread, then the message. */
    public void line(String message) {
        String[] current = JOB_OF_THREAD.get();
        String shot = current == null ? null : current[0];
        String job = current == null ? null : current[1];
        StringBuilder b = new StringBuilder(160);
        b.append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS)).append(" [").append(worker).append(']');
        if (shot != null) {
            b.append(" [shot ").append(shot).append(']');
        }
        if (job != null) {
            b.append(" [job ").append(job).append(']');
        }
        b.append(' ').append(message);
        synchronized (out) {
            out.println(b);
            out.flush();
        }
    }
}
