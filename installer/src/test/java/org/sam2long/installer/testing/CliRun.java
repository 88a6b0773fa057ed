package org.sam2long.installer.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.sam2long.installer.cli.Sam2LongDistMain;
import org.sam2long.installer.util.InstallerEnvironment;

/** Runs the packaged command line in-process with a private environment and captured output. */
public final class CliRun {
    public final int code;
    public final String out;
    public final String err;

    private CliRun(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    /** The environment points home, config and data at {@code home} so nothing outside it is read or written. */
    public static InstallerEnvironment env(Path home, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.putAll(extra);
        return new InstallerEnvironment(env, home);
    }

    public static CliRun run(InstallerEnvironment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sam2LongDistMain.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
