package org.sam2long.engine.track;

/** Which way tracking runs from the prompted frames. */
public enum Direction {
    FORWARD, BACKWARD,
    /** Forward and backward from the prompts: an object prompted on frame 500 gets frames 0..end. */
    BOTH
}
