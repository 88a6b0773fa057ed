package org.sam2long.engine.frame;

/** A frame could not be read; the message names the source and the frame in one sentence. */
public class FrameSourceException extends Exception {
    public FrameSourceException(String message) { super(message); }
    public FrameSourceException(String message, Throwable cause) { super(message, cause); }
}
