package org.sam2long.rendernode.cli;

/** Process exit codes of {@code sam2long}, stable for farm wranglers. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CANCELLED = 3;

    private ExitCodes() {}

    /** One sentence for the user: the exception's own message when it has one, never a stack trace. */
    public static String describe(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
