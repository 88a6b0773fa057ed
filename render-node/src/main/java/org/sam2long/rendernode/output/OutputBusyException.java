package org.sam2long.rendernode.output;

/** Another run holds the output folder's lock (exit code 4: try again later or pick another folder). */
public final class OutputBusyException extends RuntimeException {
    public OutputBusyException(String message) {
        super(message);
    }
}
