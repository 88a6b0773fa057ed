package org.sam2long.engine.internal.matte;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Splits rows (or columns) into contiguous bands run on the common fork-join pool, one band per
 * worker, so the per-band set-up (scratch rows, halos) is paid a few times rather than per row.
 */
public final class Bands {
    /** Work below this many pixels stays on the calling thread. */
    static final int PARALLEL_PIXELS = 1 << 16;

    private Bands() {}

    /** A range [from, to) of rows or columns. */
    public interface Band {
        void run(int from, int to);
    }

    /** Runs {@code band} over [0, n) split into as many bands as there are workers; serial when {@code pixels} is small. */
    public static void run(int n, long pixels, Band band) {
        int workers = Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);
        int count = pixels < PARALLEL_PIXELS ? 1 : Math.min(n, workers);
        if (count <= 1) {
            band.run(0, n);
            return;
        }
        IntStream.range(0, count).parallel().forEach(b -> band.run((int) ((long) n * b / count), (int) ((long) n * (b + 1) / count)));
    }
}
