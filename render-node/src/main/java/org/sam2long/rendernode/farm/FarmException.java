package org.sam2long.rendernode.farm;

/** A farm operation failed while running (database, worker); the message is one sentence for the user. */
public final class FarmException extends RuntimeException {
    public FarmException(String message) {
        super(message);
    }

    public FarmException(String message, Throwable cause) {
        super(message, cause);
    }
}
