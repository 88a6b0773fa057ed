package org.sam2long.engine.eval;

/** The evaluation cannot go on; the message is one sentence naming the folder or file at fault. */
public class EvalException extends RuntimeException {
    public EvalException(String message) { super(message); }
    public EvalException(String message, Throwable cause) { super(message, cause); }
}
