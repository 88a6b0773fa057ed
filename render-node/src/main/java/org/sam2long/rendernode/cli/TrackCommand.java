package org.sam2long.rendernode.cli;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.presets.Overrides;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.farm.LayerParts;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.shot.ModelResolver;
import org.sam2long.rendernode.shot.TrackJob;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sam2long track}: one shot in, one matte per frame per object out. */
@Command(name = "track", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Track prompted objects through a clip and write their mattes.",
                "The shot comes from a shot document (--shot, docs/shot-document.md) or from prompts (--prompt, the"
                        + " same document or the older {\"objects\": [...]} prompt JSON); options on the command line win"
                        + " over the document. Frames are the plate's frame numbers (e.g. 1001).",
                "Reruns: a folder that already holds mattes of these objects is refused unless --overwrite is given;"
                        + " --overwrite removes those objects' old mattes (all frames) and sidecars first. Other objects'"
                        + " files are kept. The folder is locked while the run lasts (.sam2long.lock).",
                "Ctrl-C or SIGTERM stops after the current frame: finished mattes stay, sidecars say which frames"
                        + " are on disk and \"cancelled\": true, exit code 3. A second Ctrl-C aborts at once."})
public final class TrackCommand implements Callable<Integer> {
    private final PresetLibrary presets;

    @Inject
    TrackCommand(PresetLibrary presets) {
        this.presets = presets;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ShotSource shotSource;

    static final class ShotSource {
        @Option(names = "--shot", paramLabel = "<file>", description = "Shot document (JSON): source, range, objects, prompts, preset, output.")
        Path shot;

        @Option(names = {"-p", "--prompt"}, paramLabel = "<file|json>",
                description = "Prompt file or inline JSON: {\"objects\":[{\"id\":1,\"name\":\"hero\",\"prompts\":[{\"frame\":1001,\"clicks\":[{\"x\":100,\"y\":80}]}]}]}")
        String prompt;
    }

    @Option(names = {"-i", "--input"},
            description = "Video file or image sequence pattern (plate.%%04d.exr, plate.####.png, plate.$F4.png); required unless the shot names it.")
    String input;

    @Option(names = {"-o", "--out"}, description = "Output folder; required unless the shot names it.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the mattes of these objects left by an earlier run in the folder.")
    boolean overwrite;

    @Option(names = "--preset", description = "Preset name or file (default: the shot's preset, else 'default').")
    String preset;

    @Option(names = {"-m", "--model"}, description = "Model name (sam2long-demo, sam2.1_hiera_tiny, ...) or directory.")
    String model;

    @Option(names = "--direction", description = "forward, backward or both (default from the preset).")
    String direction;

    @Option(names = "--pathways", description = "Memory-tree pathways P (1 = plain SAM 2).")
    Integer pathways;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a preset value, e.g. --set cleanup.featherPixels=2 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--no-preview", description = "Skip the contact sheet, preview movie and confidence plot.")
    boolean noPreview;

    @Option(names = "--object", paramLabel = "ID",
            description = "Track only this object of the shot (repeatable; default: every object). Other objects' files"
                    + " in the folder are kept, so a farm can track a shot one object per task.")
    List<Integer> objects = new ArrayList<>();

    @Option(names = "--part", description = "Multi-layer EXR output (output.exrLayers) tracked one object per farm task: write"
            + " these objects' mattes as lossless parts under OUT/.sam2long-farm/parts/ for 'sam2long merge', which writes the"
            + " layered files once every object's part is done. Needs --shot.")
    boolean part;

    @Override
    public Integer call() throws Exception {
        ShotDocument shot = shotSource.shot != null ? ShotDocumentReader.read(shotSource.shot)
                : ShotDocumentReader.readFileOrInline(shotSource.prompt);
        ShotDocument wholeShot = shot;
        if (!objects.isEmpty()) {
            shot = only(shot, objects, shotSource.shot != null ? shotSource.shot.toString() : "the prompt document");
        }
        String in = input != null ? input : shot.source() != null ? shot.source().path() : null;
        if (in == null) {
            throw new BadInputException("no input: give --input, or a shot document whose source names the plate");
        }
        Path folder = out != null ? out : shot.output() != null && shot.output().folder() != null
                ? Path.of(shot.output().folder()) : null;
        if (folder == null) {
            throw new BadInputException("no output folder: give --out, or a shot document whose output names the folder");
        }
        List<String> assignments = new ArrayList<>(shot.preset().assignments());
        if (shot.output() != null && shot.output().format() != null) {
            assignments.add("output.format=" + shot.output().format());
        }
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
        org.sam2long.rendernode.input.Assignments.check(shot.preset().assignments(),
                (shotSource.shot != null ? shotSource.shot.toString() : "the prompt document") + " preset.overrides");
        org.sam2long.rendernode.input.Assignments.check(sets, "--set");
        String presetName = preset != null ? preset : shot.preset().name();
        ResolvedPreset resolved;
        try {
            resolved = presetName == null ? presets.resolveDefault(Overrides.of(assignments))
                    : presets.resolve(presetName, Overrides.of(assignments));
        } catch (org.sam2long.presets.PresetException e) {
            String where = shotSource.shot != null ? shotSource.shot.toString() : "the prompt document";
            boolean fromShot = (shot.preset().name() != null && preset == null && e.getMessage().contains(shot.preset().name()))
                    || shot.preset().overrides().keySet().stream().anyMatch(k -> e.getMessage().contains(k));
            if (fromShot) {
                throw new BadInputException(where + " (preset): " + ExitCodes.plain(e.getMessage()));
            }
            throw e;
        }
        ModelResolver.check(resolved.model().name());
        if (part) {
            if (shotSource.shot == null) {
                throw new BadInputException("--part needs --shot: parts are kept under the shot document's SHA-256 for 'sam2long merge'");
            }
            if (!LayerParts.layered(resolved)) {
                throw new BadInputException("--part is for multi-layer EXR output (output.exrLayers); this shot writes one file"
                        + " sequence per object, which needs no merge: leave --part out");
            }
            String sha = org.sam2long.rendernode.farm.ShotJobIds.sha256(java.nio.file.Files.readAllBytes(shotSource.shot));
            return runPart(in, wholeShot, shot, sha, resolved, folder.toAbsolutePath().normalize());
        }
        return run(new TrackJob.Request(in, shot, resolved, folder, !noPreview, overwrite));
    }

    /**
     * {@code --part}: tracks the objects into a private folder, then moves their parts into the shot's
     * parts folder under the output folder's lock, so that the part steps of one shot can run at once.
     */
    private int runPart(String in, ShotDocument wholeShot, ShotDocument shot, String sha, ResolvedPreset resolved, Path out)
            throws Exception {
        List<Integer> ids = shot.objects().stream().map(ShotDocument.ShotObject::id).toList();
        if (!overwrite) {
            List<Integer> done = ids.stream()
                    .filter(id -> LayerParts.hasPart(out, sha, wholeShot, resolved, id)).toList();
            if (!done.isEmpty()) {
                throw new BadInputException("the output folder " + out + " already holds a finished part of object"
                        + (done.size() == 1 ? " " : "s ") + done + " of this shot; pass --overwrite to track it again");
            }
        }
        java.util.function.Consumer<String> notes = note -> System.err.println("note: " + note);
        Path work = LayerParts.partWorkFolder(out, sha, notes);
        int code;
        try {
            code = run(new TrackJob.Request(in, shot, LayerParts.partPreset(resolved), work, false, true), false);
        } catch (Exception | Error e) {
            LayerParts.deleteTree(work);
            throw e;
        }
        if (code != ExitCodes.OK) {
            LayerParts.deleteTree(work);
            return code;
        }
        LayerParts.PartOutcome published = LayerParts.publishPart(work, out, wholeShot, sha, resolved, ids, notes);
        if (published.discarded()) {
            System.out.println("part of object" + (ids.size() == 1 ? " " : "s ") + ids + " discarded: " + out
                    + " already holds this shot's complete merge, so there is nothing left to merge");
            return ExitCodes.OK;
        }
        List<Integer> missing = published.missing();
        System.out.println("part of object" + (ids.size() == 1 ? " " : "s ") + ids + " is in "
                + LayerParts.folder(out, sha) + (missing.isEmpty()
                        ? "; every object's part is done: run 'sam2long merge'"
                        : "; 'sam2long merge' waits for object" + (missing.size() == 1 ? " " : "s ") + missing));
        return ExitCodes.OK;
    }

    /** The shot with only the objects asked for by {@code --object}, in the document's order. */
    static ShotDocument only(ShotDocument shot, List<Integer> ids, String where) {
        java.util.Set<Integer> known = new java.util.LinkedHashSet<>();
        shot.objects().forEach(o -> known.add(o.id()));
        List<Integer> unknown = ids.stream().filter(id -> !known.contains(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new BadInputException("--object " + unknown.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", ")) + ": " + where + " has no such object (its objects: "
                    + known.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        List<ShotDocument.ShotObject> kept = shot.objects().stream().filter(o -> ids.contains(o.id())).toList();
        return shot.withObjects(kept);
    }

    static int run(TrackJob.Request request) throws Exception {
        return run(request, true);
    }

    /** Runs one tracking job in the terminal; {@code showFolder}: name the output folder (a part's is private). */
    private static int run(TrackJob.Request request, boolean showFolder) throws Exception {
        CancelToken cancel = new CancelToken();
        TrackJob.Control control = new TrackJob.Control();
        TrackJob.Result r;
        try (CancelSignals signals = CancelSignals.install(cancel, control, System.err)) {
            r = TrackJob.run(request, TerminalProgress.forStdout("tracking"), cancel, control,
                    note -> System.err.println("note: " + note));
            signals.finished();
        }
        if (r.report().cancelled()) {
            if (showFolder) {
                System.out.printf("cancelled after %d frames: %d mattes kept in %s; the sidecars list them%n",
                        r.framesOnDisk(), r.mattesOnDisk(), request.out().toAbsolutePath());
            } else {
                System.out.printf("cancelled after %d frames: an unfinished part is not kept%n", r.framesOnDisk());
            }
            return ExitCodes.CANCELLED;
        }
        System.out.printf("done: %d frame steps on %d frames, %d mattes, %.1f fps, %s on %s; largest finalisation lag %d frames%n",
                r.report().frameSteps(), r.frameCount(), r.mattesOnDisk(), r.report().framesPerSecond(),
                TerminalProgress.time(r.report().seconds()), r.provider(), r.report().maxFinalisationLag());
        if (showFolder) {
            System.out.println("mattes in " + request.out().toAbsolutePath());
        }
        r.export().previews().forEach(p -> System.out.println("preview " + p));
        return ExitCodes.OK;
    }
}
