package org.sam2long.engine.frame;

/**
 * Random access to the frames of a shot. The engine asks for frames one at a time and never holds
 * the whole clip; implementations decode on demand (video files, image sequences, a host's clip).
 */
public interface FrameSource extends AutoCloseable {
    /** Number of frames; indices run 0..frameCount()-1. */
    int frameCount();

    int width();

    int height();

    /** Frames per second as reported by the source (nominal for variable frame rate). */
    double frameRate();

    /** The frame number a user sees for an index (e.g. 1001 for the first frame of a plate). */
    default int frameNumber(int index) { return index; }

    /** Decodes one frame; throws a {@link FrameSourceException} naming the file and frame on failure. */
    Frame read(int index) throws FrameSourceException;

    /** A short human name for messages, e.g. the file or pattern. */
    default String describe() { return getClass().getSimpleName(); }

    @Override
    default void close() {}
}
