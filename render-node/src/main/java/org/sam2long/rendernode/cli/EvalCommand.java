package org.sam2long.rendernode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sam2long.engine.eval.EvalException;
import org.sam2long.engine.eval.EvalReport;
import org.sam2long.engine.eval.FolderEvaluator;
import org.sam2long.engine.eval.MaskLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sam2long eval}: J, F and J&F (DAVIS definitions) between a folder of predicted masks and a folder
 * of ground-truth masks, with per-object and per-video tables.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure mask quality: J (region IoU), F (boundary F-measure, tolerance ceil(0.008 x image"
                + " diagonal)) and J&F, DAVIS definitions; averaged per object over frames, then per video over"
                + " objects, then over videos.",
                "Layouts (auto-detected): DAVIS palette <video>/<frame>.png (pixel value k = object k, 255 void),"
                        + " SA-V per-object <video>/<object>/<frame>.png (non-zero = inside), and the track"
                        + " command's output <object>/<object>.<frame>.png (inside above half the maximum)."
                        + " Frames match by name (00005 = 0005 = 5); a frame missing in the prediction counts as"
                        + " an empty mask. The track command's previews/ folder and sidecars are"
                        + " ignored; a prediction that shares no frame with the truth is an error."})
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "<dir>",
            description = "Predicted masks: a data set (one folder per video) or one video (e.g. a track output).")
    Path pred;

    @Option(names = "--truth", required = true, paramLabel = "<dir>",
            description = "Ground-truth masks: a data set (one folder per video) or one video.")
    Path truth;

    @Option(names = "--skip-first-last",
            description = "Leave out the first and last annotated frame of each video (SA-V protocol; DAVIS 2017"
                    + " semi-supervised does the same).")
    boolean skipFirstLast;

    @Option(names = "--json", paramLabel = "<file>",
            description = "Also write the tables as JSON (scores as fractions 0..1).")
    Path json;

    @Option(names = "--video", paramLabel = "<name>",
            description = "Score only this ground-truth video; a one-video prediction is compared with it.")
    String video;

    @Option(names = "--pred-layout", paramLabel = "<layout>", defaultValue = "auto", converter = LayoutConverter.class,
            description = "auto, palette, objects or track (default: ${DEFAULT-VALUE}).")
    MaskLayout predLayout;

    @Option(names = "--truth-layout", paramLabel = "<layout>", defaultValue = "auto", converter = LayoutConverter.class,
            description = "auto, palette, objects or track (default: ${DEFAULT-VALUE}).")
    MaskLayout truthLayout;

    @Option(names = "--threshold", paramLabel = "<fraction>",
            description = "Per-object and track masks: inside where the value is above this fraction of the"
                    + " maximum (default: 0 = any non-zero for per-object folders, 0.5 for track output).")
    Double threshold;

    @Option(names = "--threads", paramLabel = "<n>", defaultValue = "0",
            description = "Frames read and scored in parallel (default: 0 = one per core).")
    int threads;

    /** picocli's enum conversion is case-sensitive; layouts are typed in lower case. */
    static final class LayoutConverter implements CommandLine.ITypeConverter<MaskLayout> {
        @Override
        public MaskLayout convert(String value) {
            try {
                return MaskLayout.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a layout; use auto, palette, objects or track.");
            }
        }
    }

    @Override
    public Integer call() {
        if (threshold != null && !(threshold >= 0 && threshold < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threshold must lie in [0, 1), got " + threshold + ".");
        }
        if (threads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 0 or more, got " + threads + ".");
        }
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        FolderEvaluator.Options options = new FolderEvaluator.Options(predLayout, truthLayout, skipFirstLast,
                video, threshold, n);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EvalReport report;
        try {
            report = FolderEvaluator.evaluate(pred, truth, options);
        } catch (EvalException e) {
            err.println("sam2long: " + ExitCodes.describe(e));
            err.flush();
            return ExitCodes.USAGE;
        }
        report.notes().forEach(note -> err.println("note: " + note));
        err.flush();
        if (report.videos().isEmpty()) {
            err.println("sam2long: nothing was scored (no ground-truth object had a frame left to score;"
                    + " if the masks are one folder per object, say so with --truth-layout objects).");
            err.flush();
            return ExitCodes.USAGE;
        }
        out.print(report.table());
        out.flush();
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                err.println("sam2long: cannot write " + json + " (" + ExitCodes.describe(e) + ").");
                err.flush();
                return ExitCodes.FAILED;
            }
            out.println("Wrote " + json);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
