package org.sam2long.rendernode.farm;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.cli.ExitCodes;
import org.sam2long.rendernode.input.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sam2long merge}: the last step of a multi-layer shot on a studio's own farm ({@code farm
 * export}), after every object's {@code track --part} step: the parts become the layered EXR files,
 * byte-identical to what {@code sam2long track} writes for the whole shot.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merge the parts that 'track --shot shot.json --object ID --part' steps wrote into the shot's"
                + " multi-layer EXR files (output.exrLayers), as 'sam2long track' writes them for the whole shot.",
                "Written into a hidden staging folder and renamed into place under the output folder's lock, sidecar last;"
                        + " the parts are removed afterwards. Running it again after a finished merge does nothing."})
public final class MergeCommand implements Callable<Integer> {
    private final PresetLibrary presets;

    @Inject
    MergeCommand(PresetLibrary presets) {
        this.presets = presets;
    }

    @Option(names = "--shot", required = true, paramLabel = "<file>", description = "The shot document the parts were tracked from.")
    Path shot;

    @Option(names = {"-i", "--input"}, description = "The plate, as given to the track --part steps (default: the shot's source).")
    String input;

    @Option(names = {"-o", "--out"}, description = "The output folder, as given to the track --part steps (default: the shot's).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<ShotJobRequest> plan = new ShotPlanner(presets).plan(shot, 1, false);
        ShotJobRequest r = plan.get(0);
        ResolvedPreset preset = ResolvedPreset.fromJson(r.presetJson());
        if (!LayerParts.layered(preset)) {
            throw new BadInputException(shot + ": the output is not multi-layer EXR (output.exrLayers), so there is nothing to merge");
        }
        String in = input != null ? input : r.input();
        Path folder = (out != null ? out : Path.of(r.out())).toAbsolutePath().normalize();
        String prefix = "merge-" + r.shotSha256().substring(0, 16);
        LayerParts.removeDead(folder, prefix, System.out::println);
        Path work = LayerParts.workFolder(folder, prefix);
        Map<String, Object> origin = new LinkedHashMap<>();
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("command", "merge");
        by.put("host", hostName());
        by.put("pid", ProcessHandle.current().pid());
        origin.put("mergedBy", by);
        try {
            LayerParts.Outcome o = LayerParts.mergeAndPublish(shot.getFileName().toString(),
                    ShotDocumentReader.read(shot), r.shotSha256(), in, folder, preset, origin, work, "merge",
                    note -> System.out.println("note: " + note), () -> {});
            System.out.println(o.alreadyMerged() ? "nothing to do: " + folder + " already holds this shot's merged layers"
                    : "merged " + o.frames() + " frames of " + plan.size() + " objects into " + folder + " (" + o.files() + " files)");
        } finally {
            LayerParts.deleteTree(work);
            LayerParts.deleteIfEmpty(work.getParent());
        }
        return ExitCodes.OK;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
