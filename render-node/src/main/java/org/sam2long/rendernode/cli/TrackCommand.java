package org.sam2long.rendernode.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import com.google.inject.Inject;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.presets.Overrides;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.shot.ShotPrompts;
import org.sam2long.rendernode.shot.TrackJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sam2long track}: one shot in, one matte per frame per object out. */
@Command(name = "track", mixinStandardHelpOptions = true,
        description = "Track prompted objects through a clip and write their mattes.")
public final class TrackCommand implements Callable<Integer> {
    private final PresetLibrary presets;

    @Inject
    TrackCommand(PresetLibrary presets) {
        this.presets = presets;
    }

    @Option(names = {"-i", "--input"}, required = true,
            description = "Video file or image sequence pattern (plate.%%04d.exr, plate.####.png, plate.$F4.png).")
    String input;

    @Option(names = {"-p", "--prompt"}, required = true,
            description = "Prompt file (JSON) or inline JSON: {\"objects\":[{\"id\":1,\"name\":\"hero\",\"prompts\":[{\"frame\":0,\"clicks\":[{\"x\":100,\"y\":80}]}]}]}")
    String prompt;

    @Option(names = {"-o", "--out"}, required = true, description = "Output directory.")
    Path out;

    @Option(names = "--preset", description = "Preset name or file (default: the 'default' preset).")
    String preset;

    @Option(names = {"-m", "--model"}, description = "Model name (sam2long-demo, sam2.1_hiera_tiny, ...) or directory.")
    String model;

    @Option(names = "--direction", description = "forward, backward or both (default from the preset).")
    String direction;

    @Option(names = "--pathways", description = "Memory-tree pathways P (1 = plain SAM 2).")
    Integer pathways;

    @Option(names = "--set", description = "Override a preset value, e.g. --set cleanup.featherPixels=2 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--no-preview", description = "Skip the contact sheet, preview movie and confidence plot.")
    boolean noPreview;

    @Override
    public Integer call() throws Exception {
        List<String> assignments = new ArrayList<>();
        if (model != null) {
            assignments.add("model.name=" + model);
        }
        if (direction != null) {
            assignments.add("tracking.direction=" + direction);
        }
        if (pathways != null) {
            assignments.add("tracking.pathways=" + pathways);
        }
        assignments.addAll(sets);
        ResolvedPreset resolved = preset == null ? presets.resolveDefault(Overrides.of(assignments))
                : presets.resolve(preset, Overrides.of(assignments));
        return run(new TrackJob.Request(input, ShotPrompts.read(prompt), resolved, out, !noPreview));
    }

    static int run(TrackJob.Request request) throws Exception {
        CancelToken cancel = new CancelToken();
        Thread hook = new Thread(cancel::cancel, "sam2long-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        TrackJob.Result r;
        try {
            r = TrackJob.run(request, TerminalProgress.forStdout("tracking"), cancel);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        System.out.printf("%s %d frame steps on %d frames, %d mattes, %.1f fps, %s on %s; largest finalisation lag %d frames%n",
                r.report().cancelled() ? "cancelled after" : "done:", r.report().frameSteps(), r.frameCount(),
                r.export().mattesWritten(), r.report().framesPerSecond(), TerminalProgress.time(r.report().seconds()),
                r.provider(), r.report().maxFinalisationLag());
        System.out.println("mattes in " + request.out().toAbsolutePath());
        r.export().previews().forEach(p -> System.out.println("preview " + p));
        return r.report().cancelled() ? ExitCodes.CANCELLED : ExitCodes.OK;
    }
}
