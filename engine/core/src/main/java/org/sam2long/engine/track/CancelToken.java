package org.sam2long.engine.track;

/** Asks a running track to stop; checked between frames, so state stays consistent. */
public final class CancelToken {
    private volatile boolean cancelled;

    public static CancelToken none() { return new CancelToken(); }

    public void cancel() { cancelled = true; }

    public boolean isCancelled() { return cancelled; }
}
