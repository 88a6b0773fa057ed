package org.sam2long.installer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sam2long.installer.install.InstallLayout;
import org.sam2long.installer.install.Installer;
import org.sam2long.rendernode.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sam2long uninstall [--prefix DIR]}: removes exactly the files install recorded. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = {"Remove exactly the files `sam2long install` recorded (the same --prefix as install).",
                "Models, presets and caches in your own folders are never touched."})
public final class UninstallCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "<dir>", description = "The --prefix given to install.")
    Path prefix;

    @Override
    public Integer call() {
        InstallLayout layout = prefix != null ? InstallLayout.prefix(prefix) : InstallLayout.systemWide();
        List<Path> removed = new Installer(layout).uninstall();
        spec.commandLine().getOut().println("removed " + removed.size() + " files of sam2long (" + layout.app() + ", "
                + layout.bundle() + ", " + layout.binLink() + ")");
        return ExitCodes.OK;
    }
}
