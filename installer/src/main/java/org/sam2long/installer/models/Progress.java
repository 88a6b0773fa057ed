package org.sam2long.installer.models;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A download progress bar. On a terminal it redraws one line; otherwise (logs, farm jobs, tests)
 * it prints a line at every 10 %.
 */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private long startNanos;
    private long startBytes;
    private int lastTenth = -1;
    private long lastDraw;

    public Progress(PrintStream out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    void start(long alreadyHave, Long total) {
        startNanos = System.nanoTime();
        startBytes = alreadyHave;
        if (alreadyHave > 0) {
            out.println(label + ": resuming at " + mb(alreadyHave) + (total != null ? " of " + mb(total) : ""));
        }
    }

    void update(long have, Long total, boolean force) {
        long now = System.nanoTime();
        double secs = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (have - startBytes) / secs / 1e6;
        if (total != null && total > 0) {
            double frac = Math.min(1.0, (double) have / total);
            int tenth = (int) (frac * 10);
            String bar = "[" + "=".repeat((int) (frac * WIDTH)) + (frac < 1 ? ">" : "")
                    + " ".repeat(Math.max(0, WIDTH - (int) (frac * WIDTH) - (frac < 1 ? 1 : 0))) + "]";
            String line = String.format(Locale.ROOT, "%s %s %3d%%  %s / %s  %.1f MB/s", label, bar, (int) (frac * 100),
                    mb(have), mb(total), rate);
            if (terminal) {
                if (force || now - lastDraw > 200_000_000L) {
                    out.print("\r" + line);
                    lastDraw = now;
                }
            } else if (tenth != lastTenth || force) {
                if (tenth != lastTenth) {
                    out.println(line);
                }
                lastTenth = tenth;
            }
        } else if (force || now - lastDraw > 1_000_000_000L) {
            out.print((terminal ? "\r" : "") + String.format(Locale.ROOT, "%s %s  %.1f MB/s", label, mb(have), rate)
                    + (terminal ? "" : "\n"));
            lastDraw = now;
        }
    }

    void done() {
        if (terminal) {
            out.println();
        }
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
