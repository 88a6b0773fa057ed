package org.sam2long.ofx.track;

/** Hears how far tracking is and answers whether to go on. */
public interface TrackListener {
    /** Called after each frame; return false to cancel the run. */
    boolean progress(int done, int total);
}
