package org.sam2long.engine.media;

import java.util.ArrayDeque;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * Decodes ahead of the reader on its own thread. After each read it keeps decoding in the direction
 * of travel (forward, or backward once the reader asked for the frame before the last one) into a
 * queue of at most {@code depth} frames, so memory stays bounded whatever the clip length. A read
 * that is not the next one in that direction discards the queue and restarts from there. Only the
 * prefetch thread touches the wrapped source. Closing stops the thread and closes the wrapped source.
 */
public final class PrefetchingFrameSource implements FrameSource {
    /** Frames decoded ahead by default. */
    public static final int DEFAULT_DEPTH = 8;

    private record Result(int index, Frame frame, FrameSourceException error) {}

    private final FrameSource source;
    private final int depth;
    private final Thread worker;
    private final Object lock = new Object();
    private final ArrayDeque<Result> ready = new ArrayDeque<>();
    private int planNext = -1;
    private int step;
    private long generation;
    private int lastRead = -2;
    private boolean closed;

    /** Wraps {@code source}, keeping up to {@code depth} (at least 1) decoded frames ready. */
    public PrefetchingFrameSource(FrameSource source, int depth) {
        this.source = source;
        this.depth = Math.max(1, depth);
        this.worker = new Thread(this::run, "frame-prefetch " + source.describe());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    public PrefetchingFrameSource(FrameSource source) {
        this(source, DEFAULT_DEPTH);
    }

    @Override
    public int frameCount() { return source.frameCount(); }

    @Override
    public int width() { return source.width(); }

    @Override
    public int height() { return source.height(); }

    @Override
    public double frameRate() { return source.frameRate(); }

    @Override
    public int frameNumber(int index) { return source.frameNumber(index); }

    @Override
    public String describe() { return source.describe(); }

    /** The wrapped source. */
    public FrameSource source() { return source; }

    /** Starts decoding from {@code index} in the given direction before anyone asks (optional hint). */
    public void startAt(int index, boolean forward) {
        synchronized (lock) {
            replan(index, forward ? 1 : -1);
        }
    }

    @Override
    public Frame read(int index) throws FrameSourceException {
        synchronized (lock) {
            if (closed) {
                throw new FrameSourceException(source.describe() + " is closed; frame " + index + " cannot be read.");
            }
            if (index < 0 || index >= source.frameCount()) {
                throw new FrameSourceException(source.describe() + " has no frame index " + index + " (it has "
                        + source.frameCount() + " frames).");
            }
            int direction = index == lastRead - 1 ? -1 : 1;
            lastRead = index;
            while (!ready.isEmpty() && ready.peekFirst().index() != index && isPassed(ready.peekFirst().index(), index)) {
                ready.pollFirst();
            }
            boolean queued = !ready.isEmpty() && ready.peekFirst().index() == index;
            boolean coming = ready.isEmpty() && planNext == index && step != 0;
            if (!queued && !coming || (step != direction && direction == -1)) {
                replan(index, direction);
            }
            while (ready.isEmpty()) {
                if (closed) {
                    throw new FrameSourceException(source.describe() + " was closed while frame " + index + " was being read.");
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FrameSourceException("Reading frame " + index + " of " + source.describe() + " was interrupted.", e);
                }
            }
            Result r = ready.pollFirst();
            lock.notifyAll();
            if (r.error() != null) {
                throw r.error();
            }
            return r.frame();
        }
    }

    /** True when a queued index lies before {@code index} in the current direction of travel. */
    private boolean isPassed(int queued, int index) {
        return step > 0 ? queued < index : queued > index;
    }

    private void replan(int index, int direction) {
        ready.clear();
        generation++;
        planNext = index;
        step = direction;
        lock.notifyAll();
    }

    private void run() {
        while (true) {
            int index;
            long gen;
            synchronized (lock) {
                while (!closed && (step == 0 || ready.size() >= depth || planNext < 0 || planNext >= source.frameCount())) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                index = planNext;
                gen = generation;
            }
            Result r;
            try {
                r = new Result(index, source.read(index), null);
            } catch (FrameSourceException e) {
                r = new Result(index, null, e);
            } catch (RuntimeException | Error e) {
                r = new Result(index, null, new FrameSourceException(source.describe() + ": frame " + index
                        + " could not be decoded (" + e + ").", e));
            }
            synchronized (lock) {
                if (gen == generation) {
                    ready.addLast(r);
                    planNext += step;
                    lock.notifyAll();
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ready.clear();
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        source.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
