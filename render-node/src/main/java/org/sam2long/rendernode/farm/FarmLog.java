package org.sam2long.rendernode.farm;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.slf4j.MDC;

/**
 * A worker's log lines: each names the worker's hardware and, inside a job, the shot and the job
 * (the MDC keys {@value #WORKER}, {@value #SHOT} and {@value #JOB}, set on the job's thread so that a
 * logging back-end that prints the MDC shows them on JobRunr's lines too).
 */
public final class FarmLog {
    public static final String WORKER = "sam2long.worker";
    public static final String SHOT = "sam2long.shot";
    public static final String JOB = "sam2long.job";

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

    /** Prints one line: time, worker, shot and job when on a job's thread, then the message. */
    public void line(String message) {
        String shot = MDC.get(SHOT);
        String job = MDC.get(JOB);
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
