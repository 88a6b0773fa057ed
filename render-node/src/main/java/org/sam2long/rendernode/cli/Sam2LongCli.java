package org.sam2long.rendernode.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;
import org.sam2long.presets.PresetLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sam2long} command line: one entry point, one subcommand per job. */
@Command(name = "sam2long", mixinStandardHelpOptions = true, version = "sam2long 0.1.0",
        description = "Rotoscoping mattes from SAM 2 with the SAM2Long memory tree.",
        subcommands = {
                CommandLine.HelpCommand.class,
                TrackCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                PresetsCommand.class,
                EvalCommand.class,
                org.sam2long.rendernode.farm.FarmCommand.class,
                org.sam2long.rendernode.farm.MergeCommand.class,
        })
public final class Sam2LongCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns its exit code (see {@link ExitCodes}). */
    public static int execute(String... args) {
        return execute(PresetLibrary.fromEnvironment(), args);
    }

    /** Runs the command line with the given preset library wired into every command. */
    static int execute(PresetLibrary presets, String... args) {
        Injector injector = Guice.createInjector(new RenderNodeModule(presets));
        CommandLine cli = new CommandLine(new Sam2LongCli(), new GuiceFactory(injector));
        exitCodeTable(cli);
        // the one place where exceptions become exit codes and sentences
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("sam2long: " + ExitCodes.describe(ex));
            ExitCodes.debug(ex, err);
            err.flush();
            return ExitCodes.of(ex);
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String m = String.valueOf(ex.getMessage()).replaceFirst("^Error: ", "");
            err.println("sam2long: " + m.strip());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return ExitCodes.USAGE;
        });
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands back what its own handlers throw; still one sentence and a code
            System.err.println("sam2long: " + ExitCodes.describe(e));
            return ExitCodes.of(e);
        }
    }

    /** The exit-code table in every command's --help. */
    private static void exitCodeTable(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.TABLE);
        cmd.getSubcommands().values().forEach(Sam2LongCli::exitCodeTable);
    }

    /** Lets picocli create commands through Guice, falling back to picocli's own factory for its classes. */
    private record GuiceFactory(Injector injector) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls.getPackageName().startsWith("org.sam2long")) {
                return injector.getInstance(cls);
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    public static void main(String[] args) {
        CancelSignals.installGlobal();
        System.exit(execute(args));
    }
}
