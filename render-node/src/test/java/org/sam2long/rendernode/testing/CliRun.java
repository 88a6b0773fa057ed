package org.sam2long.rendernode.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.sam2long.rendernode.cli.Sam2LongCli;

/** Runs the `sam2long` command line in this JVM and captures its exit code, stdout and stderr. */
public final class CliRun {
    /** What one command did. */
    public record Result(int code, String out, String err) {}

    private CliRun() {}

    /** One command at a time: System.out and System.err are swapped for the run. */
    public static synchronized Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = Sam2LongCli.execute(args);
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
