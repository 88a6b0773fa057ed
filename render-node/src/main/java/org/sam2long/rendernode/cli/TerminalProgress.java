package org.sam2long.rendernode.cli;

import java.io.PrintStream;
import org.sam2long.engine.track.Progress;

/**
 * Progress for people and for logs: a redrawn bar with fps and time left on a terminal, plain
 * lines (every 5%) otherwise.
 */
final class TerminalProgress implements Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private int lastPercent = -1;
    private long lastDraw;

    TerminalProgress(PrintStream out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    static TerminalProgress forStdout(String label) {
        return new TerminalProgress(System.out, System.console() != null, label);
    }

    @Override
    public void update(int done, int total, double fps) {
        int percent = total > 0 ? (int) (100L * done / total) : 0;
        double left = fps > 0 ? (total - done) / fps : 0;
        if (terminal) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = total > 0 ? width * done / total : 0;
            out.printf("\r%s [%s%s] %3d%% %d/%d frames %.1f fps, %s left ", label, "=".repeat(filled),
                    " ".repeat(width - filled), percent, done, total, fps, time(left));
            if (done >= total) {
                out.println();
            }
            out.flush();
        } else if (percent / 5 != lastPercent / 5 || done == total) {
            lastPercent = percent;
            out.printf("%s: %d/%d frames (%d%%), %.1f fps, %s left%n", label, done, total, percent, fps, time(left));
        }
    }

    static String time(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
