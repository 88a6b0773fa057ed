package org.sam2long.installer.cli;

import com.google.inject.Inject;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sam2long.installer.convert.CheckpointConverter;
import org.sam2long.installer.convert.TorchCheckpoint;
import org.sam2long.installer.convert.WeightlessGraphs;
import org.sam2long.installer.models.HttpDownloader;
import org.sam2long.installer.models.ModelRegistry;
import org.sam2long.installer.models.ModelStore;
import org.sam2long.installer.models.Progress;
import org.sam2long.installer.models.RegistryEntry;
import org.sam2long.installer.util.InstallerEnvironment;
import org.sam2long.installer.util.InstallerException;
import org.sam2long.rendernode.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sam2long models list | fetch NAME | import PATH | verify [NAME...] | remove NAME}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Download, import, check and remove models in the shared models folder.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Fetch.class, ModelsCommand.Import.class,
                ModelsCommand.Verify.class, ModelsCommand.Remove.class})
public final class ModelsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Known and installed models, and where they live.")
    static final class ListModels implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ModelOptions opts;
        private final InstallerEnvironment env;

        @Inject
        ListModels(InstallerEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = new ModelStore(opts.root(env));
            ModelRegistry registry = opts.registry(env);
            List<String> installed = new ArrayList<>(store.installed());
            out.printf(Locale.ROOT, "%-24s %-20s %s%n", "NAME", "KIND", "STATE");
            for (RegistryEntry e : registry.entries()) {
                String state;
                if (e.kind().equals(RegistryEntry.BUNDLED)) {
                    state = "bundled with sam2long";
                } else if (installed.remove(e.name())) {
                    state = "installed";
                } else if (Files.isRegularFile(store.checkpointFile(e))) {
                    state = "checkpoint downloaded, not converted (" + store.checkpointFile(e) + ")";
                } else {
                    state = "not installed" + (e.sizeBytes() != null ? String.format(Locale.ROOT, " (%.1f MB download)", e.sizeBytes() / 1e6) : "");
                }
                out.printf(Locale.ROOT, "%-24s %-20s %s%n", e.name(), e.kind(), state);
            }
            for (String n : installed) {
                out.printf(Locale.ROOT, "%-24s %-20s %s%n", n, "imported", "installed");
            }
            out.println("models folder: " + store.root());
            return ExitCodes.OK;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a model, check its SHA-256 and install it (an official checkpoint is converted in Java); an interrupted download resumes when run again.")
    static final class Fetch implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ModelOptions opts;
        @Parameters(paramLabel = "NAME", description = "Model name (see `sam2long models list`).")
        String name;
        @Option(names = "--force", description = "Download and install again even when the model is installed and its checksums match.")
        boolean force;
        @Option(names = "--retries", defaultValue = "3", description = "Resume a cut connection this many times (default: ${DEFAULT-VALUE}).")
        int retries;
        private final InstallerEnvironment env;

        @Inject
        Fetch(InstallerEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RegistryEntry e = opts.registry(env).get(name);
            ModelStore store = new ModelStore(opts.root(env));
            Optional<WeightlessGraphs> graphs = e.kind().equals(RegistryEntry.CHECKPOINT) ? WeightlessGraphs.forName(e.name()) : Optional.empty();
            boolean installs = e.kind().equals(RegistryEntry.ARCHIVE) || graphs.isPresent();
            if (!force && installs && store.installed().contains(e.name())
                    && store.verify(List.of(e.name()), false).ok()) {
                out.println(e.name() + " is already installed in " + store.modelDir(e.name()) + " and its checksums match (--force fetches it again)");
                return ExitCodes.OK;
            }
            out.println("fetching " + e.name() + " from " + e.url());
            out.flush();
            PrintStream progressOut = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true);
            Progress progress = new Progress(progressOut, System.console() != null, e.name());
            Path got = store.fetch(e, new HttpDownloader(Math.max(0, retries), 1000), progress);
            progressOut.flush();
            if (e.kind().equals(RegistryEntry.CHECKPOINT)) {
                out.println("checkpoint verified (SHA-256 " + e.sha256() + ") and saved as " + got);
                out.println(summary(got));
                if (graphs.isPresent()) {
                    out.println("converting it in Java into " + store.modelDir(e.name()) + " (no Python needed)");
                    out.flush();
                    Path dir = store.installConverted(got, graphs.get(), e.name(), got.getFileName() + " (SHA-256 " + e.sha256() + ")",
                            line -> {
                                out.println(line);
                                out.flush();
                            });
                    out.println("installed " + e.name() + " in " + dir);
                    return ExitCodes.OK;
                }
                out.println("this build has no weightless graphs for " + e.name() + ", so it cannot convert it in Java; export it with:");
                out.println("  python3 engine/tooling/export_sam2/export_sam2.py --checkpoint " + got
                        + (e.config() != null ? " --config " + e.config() : "") + " --out " + store.root().resolve(e.name()));
                out.println("then `sam2long models verify " + e.name() + "` (or import an exported folder with `sam2long models import`)");
            } else {
                out.println("installed " + e.name() + " in " + got);
            }
            return ExitCodes.OK;
        }
    }

    /** "N tensors, M parameters" read in Java from the checkpoint, or why it could not be read. */
    static String summary(Path checkpoint) {
        try (TorchCheckpoint ck = TorchCheckpoint.open(checkpoint)) {
            long params = ck.tensors().values().stream().mapToLong(TorchCheckpoint.Tensor::numel).sum();
            return String.format(Locale.ROOT, "state dict: %d tensors, %.1f M parameters (read in Java)", ck.tensors().size(), params / 1e6);
        } catch (InstallerException ex) {
            return "note: the Java checkpoint reader could not read it (" + ex.getMessage() + ")";
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Install an exported model folder or archive (.zip, .tar.gz), or convert an official SAM 2.1 checkpoint (.pt) in Java, after checking it.")
    static final class Import implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ModelOptions opts;
        @Parameters(paramLabel = "PATH", description = "Exported model folder or archive.")
        Path path;
        @Option(names = "--name", description = "Install under this name (default: the manifest's name; for a checkpoint, the model size's).")
        String name;
        @Option(names = "--graphs", paramLabel = "<size>",
                description = "For a .pt checkpoint: the weightless graphs to convert it with, e.g. sam2.1_hiera_tiny (default: found from the checkpoint's tensor names and shapes).")
        String graphsName;
        private final InstallerEnvironment env;

        @Inject
        Import(InstallerEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = new ModelStore(opts.root(env));
            Path got;
            if (Files.isRegularFile(path) && isCheckpoint(path)) {
                WeightlessGraphs graphs = graphsFor(path);
                String installAs = name != null ? name : graphs.name();
                out.println("converting " + path.getFileName() + " in Java with the weightless graphs of " + graphs.name()
                        + " into " + store.modelDir(installAs));
                out.flush();
                got = store.installConverted(path, graphs, installAs, path.getFileName().toString(), line -> {
                    out.println(line);
                    out.flush();
                });
            } else {
                got = store.importPath(path, name);
            }
            out.println("installed " + got.getFileName() + " in " + got);
            return ExitCodes.OK;
        }

        private static boolean isCheckpoint(Path p) {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".pt") || n.endsWith(".pth");
        }

        /** --graphs, else the weightless graphs whose tensor names and shapes the checkpoint has. */
        private WeightlessGraphs graphsFor(Path checkpoint) {
            List<String> candidates = new ArrayList<>();
            if (graphsName == null) {
                String stem = checkpoint.getFileName().toString().replaceFirst("\\.pth?$", "");
                candidates.add(stem);
                opts.registry(env).entries().stream().filter(e -> e.kind().equals(RegistryEntry.CHECKPOINT))
                        .map(RegistryEntry::name).filter(n -> !n.equals(stem)).forEach(candidates::add);
            } else {
                candidates.add(graphsName);
            }
            List<WeightlessGraphs> available = new ArrayList<>();
            for (String c : candidates) {
                WeightlessGraphs.forName(c).ifPresent(available::add);
            }
            if (available.isEmpty()) {
                throw new InstallerException(graphsName != null
                        ? "this build has no weightless graphs named '" + graphsName + "'"
                        : "this build has no weightless graphs to convert " + checkpoint.getFileName() + " into; export it with engine/tooling/export_sam2/export_sam2.py");
            }
            try (TorchCheckpoint ck = TorchCheckpoint.open(checkpoint)) {
                WeightlessGraphs best = null;
                int bestScore = -1;
                for (WeightlessGraphs g : available) {
                    int score = CheckpointConverter.matching(ck, g);
                    if (score == g.checkpointTensors().size()) {
                        return g;
                    }
                    if (score > bestScore) {
                        best = g;
                        bestScore = score;
                    }
                }
                try {
                    ck.check(best.checkpointTensors());
                } catch (InstallerException bad) {
                    throw new InstallerException(available.size() == 1 ? bad.getMessage()
                            : bad.getMessage() + " (compared with " + best.name() + ", the closest of "
                            + available.stream().map(WeightlessGraphs::name).toList() + ")", bad);
                }
                return best;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-check installed models: manifest, every file's SHA-256 and (unless --quick) that ONNX Runtime loads the graphs. Exit 1 if any is bad.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ModelOptions opts;
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Models to check (default: all installed).")
        List<String> names = new ArrayList<>();
        @Option(names = "--quick", description = "Checksums only, do not load the graphs.")
        boolean quick;
        private final InstallerEnvironment env;

        @Inject
        Verify(InstallerEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = new ModelStore(opts.root(env));
            ModelStore.VerifyResult r = store.verify(names, !quick);
            if (r.lines().isEmpty()) {
                out.println("no models installed in " + store.root());
            }
            r.lines().forEach(out::println);
            return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an installed model (and its downloaded checkpoint).")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        ModelOptions opts;
        @Parameters(paramLabel = "NAME")
        String name;
        private final InstallerEnvironment env;

        @Inject
        Remove(InstallerEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            RegistryEntry entry;
            try {
                entry = opts.registry(env).get(name);
            } catch (InstallerException unknown) {
                entry = null; // an imported model has no registry entry
            }
            if (entry != null && entry.kind().equals(RegistryEntry.BUNDLED)) {
                throw new InstallerException("'" + name + "' ships inside sam2long and cannot be removed");
            }
            for (Path p : new ModelStore(opts.root(env)).remove(name, entry)) {
                spec.commandLine().getOut().println("removed " + p);
            }
            return ExitCodes.OK;
        }
    }

    /** Lets the progress bar write to picocli's error writer. */
    static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter w;

        WriterOutputStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            w.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            w.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            w.flush();
        }
    }
}
