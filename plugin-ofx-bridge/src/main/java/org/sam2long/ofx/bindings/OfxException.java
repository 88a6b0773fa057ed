package org.sam2long.ofx.bindings;

/** A host call failed, or plug-in code wants the host to see a particular status. */
public class OfxException extends RuntimeException {
    private final int status;

    public OfxException(int status, String message) {
        super(message);
        this.status = status;
    }

    public OfxException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The OFX status to hand back to the host. */
    public int status() { return status; }
}
