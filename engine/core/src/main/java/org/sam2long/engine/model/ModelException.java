package org.sam2long.engine.model;

/** A model directory cannot be used; the message is one sentence naming the file and the problem. */
public class ModelException extends RuntimeException {
    public ModelException(String message) { super(message); }
    public ModelException(String message, Throwable cause) { super(message, cause); }
}
