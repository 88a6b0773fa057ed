package org.sam2long.engine.internal.track;

import org.sam2long.engine.track.Progress;

/** Counts frame steps and reports progress with the current speed. */
public final class StepCounter {
    private int total;
    private final Progress progress;
    private final long start;
    public int done;

    public StepCounter(int total, Progress progress, long start) {
        this.total = total;
        this.progress = progress;
        this.start = start;
    }

    public void step() {
        done++;
        total = Math.max(total, done);
        double secs = (System.nanoTime() - start) / 1e9;
        progress.update(done, total, secs > 0 ? done / secs : 0);
    }
}
