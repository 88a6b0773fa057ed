package org.sam2long.engine.media;

import java.io.IOException;

/** An output file could not be written; the message names the file and the reason in one sentence. */
public class MatteWriteException extends IOException {
    public MatteWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    public MatteWriteException(String message) {
        super(message);
    }
}
