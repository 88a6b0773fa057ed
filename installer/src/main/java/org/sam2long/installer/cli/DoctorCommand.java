package org.sam2long.installer.cli;

import com.google.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sam2long.installer.doctor.Doctor;
import org.sam2long.installer.install.InstallLayout;
import org.sam2long.installer.models.InstallerConfig;
import org.sam2long.installer.util.InstallerEnvironment;
import org.sam2long.rendernode.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sam2long doctor}: what support needs; exit 1 when something needed is missing. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check this machine: OS, Java, ONNX Runtime and its providers, CUDA/cuDNN libraries, GPU,",
                "the OFX plug-in where hosts look, installed models, the farm database. Exit 1 when something needed is missing."})
public final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--models-dir", paramLabel = "<dir>", description = "Shared models folder (default: $SAM2LONG_MODELS, else ~/.local/share/sam2long/models).")
    Path modelsDir;

    @Option(names = "--db", paramLabel = "<url>", description = "Farm database to check (default: $SAM2LONG_DB or the config's farmDb).")
    String db;

    @Option(names = "--ofx-dir", paramLabel = "<dir>", description = "Where hosts look for plug-ins besides OFX_PLUGIN_PATH (default: /usr/OFX/Plugins).")
    List<Path> ofxDirs;

    @Option(names = "--lib-dir", paramLabel = "<dir>", description = "Search only these folders for the CUDA libraries (default: LD_LIBRARY_PATH, the CUDA and system folders, ldconfig's cache).")
    List<Path> libDirs;

    private final InstallerEnvironment env;

    @Inject
    DoctorCommand(InstallerEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String farm = InstallerConfig.resolve(env).override(null, null, db).farmDb();
        Doctor doctor = new Doctor(env, modelsDir != null ? modelsDir : env.modelsRoot(),
                ofxDirs != null ? ofxDirs : List.of(InstallLayout.SYSTEM_OFX),
                libDirs != null ? libDirs : Doctor.defaultLibDirs(env), farm);
        List<Doctor.Check> checks = doctor.run();
        checks.forEach(out::println);
        long failed = checks.stream().filter(c -> c.status() == Doctor.Status.FAIL).count();
        long warned = checks.stream().filter(c -> c.status() == Doctor.Status.WARN).count();
        out.println(failed == 0 ? "ready" + (warned > 0 ? " (" + warned + " warnings)" : "")
                : failed + " problem" + (failed > 1 ? "s" : "") + " to fix (lines marked FAIL)");
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
