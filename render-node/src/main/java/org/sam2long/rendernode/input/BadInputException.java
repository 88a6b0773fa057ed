package org.sam2long.rendernode.input;

/**
 * Bad usage or bad input found before anything ran (exit code 2): one sentence (or a list of them)
 * naming the file, the JSON path, the object or the plate frame.
 */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
