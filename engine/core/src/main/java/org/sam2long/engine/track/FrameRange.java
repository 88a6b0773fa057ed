package org.sam2long.engine.track;

/**
 * The frames a caller wants mattes for, as 0-based indices of the frame source, both ends
 * inclusive. Tracking still starts at the prompts and may run past the range until every frame in
 * it is final, so the mattes inside a range equal those of a track over the whole clip.
 */
public record FrameRange(int first, int last) {
    public FrameRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("a frame range needs 0 <= first <= last, got " + first + ".." + last);
        }
    }

    /** Every frame of a clip of {@code frameCount} frames. */
    public static FrameRange all(int frameCount) {
        return new FrameRange(0, frameCount - 1);
    }

    public boolean contains(int index) {
        return index >= first && index <= last;
    }

    public int size() {
        return last - first + 1;
    }
}
