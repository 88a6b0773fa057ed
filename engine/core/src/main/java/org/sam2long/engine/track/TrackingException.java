package org.sam2long.engine.track;

/** Tracking stopped; the message names the frame/object and the reason in one sentence. */
public class TrackingException extends RuntimeException {
    public TrackingException(String message) { super(message); }
    public TrackingException(String message, Throwable cause) { super(message, cause); }
}
