package org.sam2long.installer.util;

/** A failure the user can act on; the message is one sentence naming the file, field or URL. */
public class InstallerException extends RuntimeException {
    public InstallerException(String message) {
        super(message);
    }

    public InstallerException(String message, Throwable cause) {
        super(message, cause);
    }
}
