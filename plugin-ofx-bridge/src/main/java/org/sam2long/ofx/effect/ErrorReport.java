package org.sam2long.ofx.effect;

import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.OfxException;
import org.sam2long.ofx.bindings.Suites;

/**
 * Tells the artist what went wrong, in one sentence, through the host's message suite: render
 * failures as a persistent message on the effect (no modal dialog per frame), others as a message.
 * Expected failures (an {@link OfxException} or a bad value the artist can fix) log one line to
 * stderr; anything else logs its stack trace too.
 */
final class ErrorReport {
    private final Suites suites;

    ErrorReport(Suites suites) { this.suites = suites; }

    void report(Action action, long handle, Throwable t) {
        log(action.name(), t);
        String text = "SAM2Long Roto: " + describe(t);
        long target = action.onInstance() ? handle : 0;
        try {
            if (action == Action.RENDER) {
                suites.message().setPersistent(target, Ofx.MESSAGE_ERROR, "sam2long.render", text);
            } else {
                suites.message().message(target, Ofx.MESSAGE_ERROR, "sam2long.error", text);
            }
        } catch (Throwable ignored) {
            // the message suite itself failed: stderr has it
        }
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    static void log(String where, Throwable t) {
        System.err.println("SAM2Long Roto: " + where + ": " + describe(t));
        if (!(t instanceof OfxException) && !(t instanceof IllegalArgumentException)) {
            t.printStackTrace(System.err);
        }
    }
}
