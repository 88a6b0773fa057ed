package org.sam2long.rendernode.cli;

import java.util.function.Consumer;

/**
 * Handlers for Ctrl-C (INT) and TERM, installed for a while: {@link #close()} puts the handlers that
 * were there before back. Shared by the command line's cancel ({@code CancelSignals}) and
 * {@code farm watch}. Where the JVM offers no signal handlers, {@link #handled()} is false and the
 * caller falls back to a shutdown hook.
 */
public final class Signals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private final Object[] previous = new Object[NAMES.length];
    private boolean handled = true;

    private Signals() {}

    /** Installs {@code onSignal} (given "INT" or "TERM") for both signals, remembering the handlers it replaces. */
    public static Signals handle(Consumer<String> onSignal) {
        Signals s = new Signals();
        for (int i = 0; i < NAMES.length; i++) {
            try {
                s.previous[i] = sun.misc.Signal.handle(new sun.misc.Signal(NAMES[i]), sig -> onSignal.accept(sig.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                s.handled = false;
            }
        }
        return s;
    }

    /** Whether both signals reach the handler (false: the JVM or platform refused one). */
    public boolean handled() {
        return handled;
    }

    /** Puts back the handlers that were there before. */
    @Override
    public void close() {
        for (int i = 0; i < NAMES.length; i++) {
            if (previous[i] instanceof sun.misc.SignalHandler h) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(NAMES[i]), h);
                } catch (IllegalArgumentException ignored) {
                    // leave ours
                }
            }
        }
    }
}
