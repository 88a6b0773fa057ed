package org.sam2long.engine.track;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sam2long.engine.matte.Matte;

/**
 * Mattes of a track, pulled one at a time as the tree finalises them. The track runs on its own
 * thread, a few mattes ahead of the reader; {@link #close} cancels it and waits for it to stop.
 * Mattes are read in the order they became final. A failure of the track is thrown from
 * {@link #hasNext}.
 */
public final class MatteStream implements Iterator<Matte>, AutoCloseable {
    private static final int AHEAD = 16;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final CancelToken cancel = new CancelToken();
    private final Thread worker;
    private volatile TrackingReport report;
    private Object next;
    private boolean ended;

    MatteStream(TrackingSession session, FrameRange range) {
        worker = new Thread(() -> {
            Object last = END;
            try {
                report = session.track(range, this::put, Progress.none(), cancel);
            } catch (RuntimeException | Error e) {
                last = e;
            }
            try {
                put(last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sam2long-matte-stream");
        worker.setDaemon(true);
        worker.start();
    }

    private void put(Object item) throws InterruptedException {
        queue.put(item);
    }

    @Override
    public boolean hasNext() {
        if (ended) {
            return false;
        }
        while (next == null) {
            try {
                next = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return false;
            }
            if (next == null && !worker.isAlive() && queue.isEmpty()) {
                ended = true;
                return false;
            }
        }
        if (next == END) {
            ended = true;
            return false;
        }
        if (next instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        if (next instanceof Error e) {
            ended = true;
            throw e;
        }
        return true;
    }

    @Override
    public Matte next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the track has no more mattes");
        }
        Matte m = (Matte) next;
        next = null;
        return m;
    }

    /** What the track did; null until the stream has ended. */
    public TrackingReport report() {
        return report;
    }

    /** Cancels the track if it is still running and waits until its thread has stopped. */
    @Override
    public void close() {
        ended = true;
        next = null;
        cancel.cancel();
        boolean interrupted = false;
        while (worker.isAlive()) {
            queue.clear();
            try {
                worker.join(20);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
