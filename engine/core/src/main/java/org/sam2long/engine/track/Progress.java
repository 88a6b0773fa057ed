package org.sam2long.engine.track;

/** Receives progress while tracking: frame steps done out of total, and the current speed. */
@FunctionalInterface
public interface Progress {
    void update(int done, int total, double framesPerSecond);

    static Progress none() { return (d, t, f) -> {}; }
}
