package org.sam2long.rendernode.farm.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.rendernode.farm.ShotJobRequest;
import org.sam2long.rendernode.farm.ShotPlanner;

/**
 * A shot as a studio scheduler's job sees it, after the checks {@code farm submit} makes: the shot
 * file, the plate and output folder resolved to absolute paths, and its objects. Each object is
 * one {@code sam2long track --object ID} run; the runs of one shot write into one output folder,
 * whose lock lets one run write at a time, so every format runs them one after another.
 *
 * @param shotFile   the shot document, absolute
 * @param sha256     SHA-256 of the shot document's bytes, for the job's description
 * @param input      the plate, absolute
 * @param out        the output folder, absolute
 * @param objects    the shot's objects in the document's order
 * @param executable the {@code sam2long} command on the render nodes
 * @param layered    the output is multi-layer EXR: each object's run writes a part ({@code track --part})
 *                   and a last {@code sam2long merge} run, after all of them, writes the layered files
 */
public record ExportedShot(Path shotFile, String sha256, String input, String out, List<ObjectRun> objects,
        String executable, boolean layered) {

    /** One object of the shot: its id and name. */
    public record ObjectRun(int id, String name) {}

    public ExportedShot {
        objects = List.copyOf(objects);
    }

    /**
     * Checks a shot as {@code farm submit} does (every problem found is a {@code BadInputException}
     * with one sentence naming the file) and gathers what a job description needs.
     */
    public static ExportedShot of(Path shotFile, PresetLibrary presets, String executable) {
        List<ShotJobRequest> requests = new ShotPlanner(presets).plan(shotFile, 1);
        ShotDocument shot = ShotDocumentReader.read(shotFile);
        List<ObjectRun> objects = new ArrayList<>();
        for (ShotJobRequest r : requests) {
            int id = r.objectIds().get(0);
            objects.add(new ObjectRun(id, shot.nameOf(id)));
        }
        ShotJobRequest first = requests.get(0);
        return new ExportedShot(shotFile.toAbsolutePath().normalize(), first.shotSha256(), first.input(), first.out(),
                objects, executable, org.sam2long.rendernode.farm.LayerParts.layered(requests));
    }

    /** The shot file's name without {@code .json}. */
    public String stem() {
        String name = shotFile.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /**
     * The arguments after the executable that track one object: {@code objectId} is the id, or a
     * scheduler's placeholder for it; paths are the given strings (a scheduler's path parameters, or
     * the resolved paths).
     */
    public static List<String> trackArgs(String shot, String objectId, String input, String out) {
        return List.of("track", "--shot", shot, "--object", objectId, "--input", input, "--out", out, "--overwrite",
                "--no-preview");
    }

    /** As {@link #trackArgs(String, String, String, String)}; {@code part}: write a part for the merge step ({@code --part}). */
    public static List<String> trackArgs(String shot, String objectId, String input, String out, boolean part) {
        List<String> args = new java.util.ArrayList<>(trackArgs(shot, objectId, input, out));
        if (part) {
            args.add("--part");
        }
        return List.copyOf(args);
    }

    /** The arguments of the merge step of a multi-layer shot (paths as in {@link #trackArgs}). */
    public static List<String> mergeArgs(String shot, String input, String out) {
        return List.of("merge", "--shot", shot, "--input", input, "--out", out);
    }

    /** The arguments that track one object with the resolved paths. */
    public List<String> trackArgs(int objectId) {
        return trackArgs(shotFile.toString(), String.valueOf(objectId), input, out, layered);
    }

    /** The arguments of the merge step with the resolved paths. */
    public List<String> mergeArgs() {
        return mergeArgs(shotFile.toString(), input, out);
    }

    /** One line for a job's description. */
    public String summary() {
        StringBuilder b = new StringBuilder("SAM2Long roto of ").append(shotFile.getFileName())
                .append(" (sha256 ").append(sha256).append("): ");
        for (int i = 0; i < objects.size(); i++) {
            b.append(i == 0 ? "" : ", ").append("object ").append(objects.get(i).id()).append(' ').append(objects.get(i).name());
        }
        return b.append("; one object after another into ").append(out)
                .append(layered ? ", then one merge into multi-layer EXR files" : "").toString();
    }
}
