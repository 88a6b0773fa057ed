package org.sam2long.installer.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;
import org.sam2long.installer.util.InstallerEnvironment;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.rendernode.cli.ExitCodes;
import org.sam2long.rendernode.cli.Sam2LongCli;
import picocli.CommandLine;

/**
 * The packaged {@code sam2long} entry point: render-node's command line ({@code track}, {@code demo},
 * {@code eval}, {@code presets}, {@code bench}) plus {@code install}, {@code uninstall},
 * {@code models} and {@code doctor}.
 */
public final class Sam2LongDistMain {
    private Sam2LongDistMain() {}

    public static void main(String[] args) {
        System.exit(execute(InstallerEnvironment.fromSystem(), null, null, args));
    }

    /** Runs the command line with the given environment; {@code out}/{@code err} null means the console. */
    public static int execute(InstallerEnvironment env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(env);
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    static CommandLine commandLine(InstallerEnvironment env) {
        Injector injector = Guice.createInjector(binder -> {
            binder.bind(PresetLibrary.class).toInstance(PresetLibrary.fromEnvironment());
            binder.bind(InstallerEnvironment.class).toInstance(env);
        });
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls.getPackageName().startsWith("org.sam2long")) {
                    return injector.getInstance(cls);
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cli = new CommandLine(new Sam2LongCli(), factory);
        cli.addSubcommand(new CommandLine(injector.getInstance(ModelsCommand.class), factory));
        cli.addSubcommand(new CommandLine(injector.getInstance(InstallCommand.class), factory));
        cli.addSubcommand(new CommandLine(injector.getInstance(UninstallCommand.class), factory));
        cli.addSubcommand(new CommandLine(injector.getInstance(DoctorCommand.class), factory));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("sam2long: " + ExitCodes.describe(ex));
            return ExitCodes.FAILED;
        });
        return cli;
    }
}
