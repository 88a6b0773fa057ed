package org.sam2long.installer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sam2long.installer.install.InstallLayout;
import org.sam2long.installer.install.Installer;
import org.sam2long.installer.util.InstallerEnvironment;
import org.sam2long.installer.util.InstallerException;
import org.sam2long.rendernode.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sam2long install [--prefix DIR] [--worker --db URL] [--from RELEASE]}. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the command line and the OFX plug-in from this unpacked release.",
                "System-wide (default, needs root): /opt/sam2long, /usr/bin/sam2long, /usr/OFX/Plugins.",
                "With --prefix P: P/lib/sam2long, P/bin/sam2long, P/OFX/Plugins (prints the OFX_PLUGIN_PATH line).",
                "Installing over an earlier version keeps files you added (presets, models, caches)."})
public final class InstallCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "<dir>", description = "Install under this folder instead of the system paths.")
    Path prefix;

    @Option(names = "--from", paramLabel = "<dir>", description = "The unpacked release to install (default: the one this command runs from).")
    Path from;

    @Option(names = "--worker", description = "Also write a systemd unit (sam2long-worker.service) for a render-node worker.")
    boolean worker;

    @Option(names = "--db", paramLabel = "<url>", description = "Farm database URL for the worker unit.")
    String db;

    private final InstallerEnvironment env;

    @com.google.inject.Inject
    InstallCommand(InstallerEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (db != null && !worker) {
            throw new InstallerException("--db only goes with --worker");
        }
        Path release = from != null ? from : releaseHome();
        InstallLayout layout = prefix != null ? InstallLayout.prefix(prefix) : InstallLayout.systemWide();
        List<Path> files = new Installer(layout).install(release, worker ? new Installer.Worker(db) : null);
        out.println("installed sam2long from " + release.toAbsolutePath().normalize() + " (" + files.size() + " files, listed in "
                + layout.manifest() + ")");
        out.println("  command line: " + layout.binLink());
        out.println("  OFX plug-in:  " + layout.bundle());
        if (worker) {
            out.println("  worker unit:  " + layout.unit()
                    + (layout.system() ? " (start it: sudo systemctl daemon-reload && sudo systemctl enable --now sam2long-worker)"
                    : " (link it: sudo systemctl link " + layout.unit() + ")"));
        }
        if (!layout.ofxDir().equals(InstallLayout.SYSTEM_OFX)) {
            out.println("hosts look for plug-ins in /usr/OFX/Plugins; add this one with:");
            out.println("  export OFX_PLUGIN_PATH=" + layout.ofxDir() + "${OFX_PLUGIN_PATH:+:$OFX_PLUGIN_PATH}");
            String path = env.get("PATH");
            String bin = layout.binLink().getParent().toString();
            if (path == null || !List.of(path.split(":")).contains(bin)) {
                out.println("  export PATH=" + bin + ":$PATH");
            }
        }
        return ExitCodes.OK;
    }

    /** The release this command runs from: the launcher sets {@code sam2long.home}. */
    static Path releaseHome() {
        String home = System.getProperty("sam2long.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            throw new InstallerException("install runs from an unpacked release (its bin/sam2long), or pass --from <unpacked release folder>");
        }
        return Path.of(home);
    }
}
