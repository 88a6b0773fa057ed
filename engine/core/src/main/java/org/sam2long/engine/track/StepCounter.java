package org.sam2long.engine.track;

/** Counts frame steps and reports progress with the current speed. */
final class StepCounter {
    private int total;
    private final Progress progress;
    private final long start;
    int done;

    StepCounter(int total, Progress progress, long start) {
        this.total = total;
        this.progress = progress;
        this.start = start;
    }

    void step() {
        done++;
        total = Math.max(total, done);
        double secs = (System.nanoTime() - start) / 1e9;
        progress.update(done, total, secs > 0 ? done / secs : 0);
    }
}
