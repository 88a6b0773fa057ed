package org.sam2long.rendernode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sam2long.presets.Overrides;
import org.sam2long.presets.PresetEntry;
import org.sam2long.presets.PresetException;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sam2long presets list | show | validate | export}: what presets exist, what a preset
 * resolves to and where each value comes from, whether a file is valid, and a standalone copy.
 */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = {"List, inspect, check and export settings presets.",
                "Looked up in order: built-in, site ($" + PresetLibrary.PATH_ENV + "), user "
                        + "($XDG_CONFIG_HOME/sam2long/presets), then a .json file path; later ones win."})
public final class PresetsCommand implements Runnable {
    private final Supplier<PresetLibrary> library;

    @Spec
    CommandSpec spec;

    /** Presets from the environment's site and user directories. */
    public PresetsCommand() {
        this(PresetLibrary::fromEnvironment);
    }

    /** Presets from a given library (tests, embedding). */
    @com.google.inject.Inject
    public PresetsCommand(PresetLibrary library) {
        this(() -> library);
    }

    private PresetsCommand(Supplier<PresetLibrary> library) {
        this.library = library;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every preset: name, where it lives, and what it is for.")
    int list() {
        PresetLibrary lib = library.get();
        List<PresetEntry> entries = lib.list();
        int nameWidth = Math.max(4, entries.stream().mapToInt(e -> e.name().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %-9s  %s%n";
        PrintWriter out = out();
        out.printf(row, "NAME", "SOURCE", "DESCRIPTION");
        for (PresetEntry e : entries) {
            String description = e.description().isEmpty() ? "(no description)" : e.description();
            String where = e.source().kind().label();
            String file = e.source().kind().label().equals("built-in") ? "" : " [" + e.source().location() + "]";
            String shadow = e.shadowedBy() == null ? "" : " (hidden by " + e.shadowedBy() + ")";
            out.printf(row, e.name(), where, description + file + shadow);
        }
        out.println();
        out.println("Searched: " + String.join(", ", lib.searchPath()));
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The preset fully resolved, with where each value came from.")
    int show(@Parameters(arity = "0..1", paramLabel = "<name>", defaultValue = PresetLibrary.DEFAULT_PRESET,
                     description = "Preset name or .json file (default: ${DEFAULT-VALUE}).") String name,
             @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
                     description = "Change one setting on top, e.g. tracking.pathways=4 (repeatable).") List<String> sets) {
        ResolvedPreset p;
        try {
            org.sam2long.rendernode.input.Assignments.check(sets, "--set");
            p = library.get().resolve(name, Overrides.of(sets));
        } catch (PresetException e) {
            return fail(e);
        }
        PrintWriter out = out();
        out.println("preset:      " + p.name());
        out.println("description: " + (p.description().isEmpty() ? "(none)" : p.description()));
        out.println("chain:       " + String.join(" -> ", p.chain().stream().map(Object::toString).toList()));
        out.println();
        int width = p.values().keySet().stream().mapToInt(String::length).max().orElse(0);
        int valueWidth = p.values().values().stream().mapToInt(v -> String.valueOf(v).length()).max().orElse(0);
        for (Map.Entry<String, Object> e : p.values().entrySet()) {
            out.printf("%-" + width + "s = %-" + valueWidth + "s  (%s)%n", e.getKey(), e.getValue(), p.source(e.getKey()));
        }
        printWarnings(p);
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a preset file; exit 0 when valid, 2 with every problem listed.")
    int validate(@Parameters(paramLabel = "<file>", description = "Preset .json file.") Path file) {
        ResolvedPreset p;
        try {
            p = library.get().resolveFile(file, Overrides.none());
        } catch (PresetException e) {
            return fail(e);
        }
        out().println("ok: " + file + " (" + String.join(" -> ", p.chain().stream().map(Object::toString).toList()) + ")");
        printWarnings(p);
        out().flush();
        return ExitCodes.OK;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the resolved preset as a standalone JSON file (or to standard output).")
    int export(@Parameters(arity = "0..1", paramLabel = "<name>", defaultValue = PresetLibrary.DEFAULT_PRESET,
                       description = "Preset name or .json file (default: ${DEFAULT-VALUE}).") String name,
               @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
               Path outFile,
               @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
                       description = "Change one setting on top, e.g. tracking.pathways=4 (repeatable).") List<String> sets) {
        ResolvedPreset p;
        try {
            org.sam2long.rendernode.input.Assignments.check(sets, "--set");
            p = library.get().resolve(name, Overrides.of(sets));
        } catch (PresetException e) {
            return fail(e);
        }
        if (outFile == null) {
            out().print(p.toJson());
            out().flush();
            return ExitCodes.OK;
        }
        try {
            Path parent = outFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(outFile, p.toJson());
        } catch (IOException e) {
            err().println("sam2long: cannot write " + outFile + ": " + ExitCodes.describe(e));
            err().flush();
            return ExitCodes.FAILED;
        }
        out().println("wrote " + outFile);
        printWarnings(p);
        out().flush();
        return ExitCodes.OK;
    }

    private void printWarnings(ResolvedPreset p) {
        p.warnings().forEach(w -> err().println("warning: " + w));
        err().flush();
    }

    private int fail(PresetException e) {
        err().println("sam2long: " + ExitCodes.plain(e.getMessage()));
        err().flush();
        return ExitCodes.USAGE;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
