package org.sam2long.rendernode.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sam2long.rendernode.cli.Sam2LongCli;

/**
 * Runs the {@code sam2long} command line as a separate OS process on the test's own class path, its
 * stdout and stderr going to files: what a terminal, a farm's task or {@code kill -9} sees.
 */
public final class CliProcess {
    /** A started child, with the files its output goes to. */
    public record Child(Process process, Path stdout, Path stderr) {
        /** What the child printed so far, stdout then stderr. */
        public String log() {
            return read(stdout) + read(stderr);
        }

        /** Sends a signal by name (INT, TERM, KILL). */
        public void signal(String sig) throws Exception {
            new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Boolean envResets;

    private CliProcess() {}

    /**
     * Starts {@code sam2long args...} with at most {@code heap} of Java heap; {@code name} names its
     * output files in {@code scratch}. With {@code defaultSignals} the child gets SIGINT and SIGTERM
     * at their defaults (a test runner started in the background may hand them down ignored; a
     * terminal or a farm does not).
     */
    public static Child start(Path scratch, String name, String heap, boolean defaultSignals, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        if (defaultSignals && envResetsSignals()) {
            cmd.addAll(List.of("/usr/bin/env", "--default-signal=INT,TERM"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the class path goes through an argument file: a child whose command line is longer than about 3.6k
        // characters crashes (SIGSEGV, exit 139, no hs_err) in native code while loading; the test class path with the farm
        // dependencies (JobRunr, ASM, H2) is that long. Root cause not found yet (see issue 16 report)
        Path classPath = scratch.resolve("classpath.args");
        synchronized (CliProcess.class) {
            if (!Files.exists(classPath)) {
                Files.writeString(classPath, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\")
                        .replace("\"", "\\\"") + "\"\n");
            }
        }
        cmd.addAll(List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "@" + classPath, Sam2LongCli.class.getName()));
        cmd.addAll(List.of(args));
        Path so = scratch.resolve(name + ".out");
        Path se = scratch.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(so.toFile()).redirectError(se.toFile()).start();
        return new Child(p, so, se);
    }

    /** A file's text, or "" while it does not exist or cannot be read. */
    public static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static synchronized boolean envResetsSignals() {
        if (envResets == null) {
            try {
                Process p = new ProcessBuilder("/usr/bin/env", "--default-signal=INT", "true").start();
                envResets = p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (Exception e) {
                envResets = false;
            }
        }
        return envResets;
    }
}
