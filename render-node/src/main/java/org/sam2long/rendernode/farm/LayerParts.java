package org.sam2long.rendernode.farm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.AlphaMatte;
import org.sam2long.engine.matte.OutputSettings;
import org.sam2long.engine.media.ExrReader;
import org.sam2long.engine.media.MatteExport;
import org.sam2long.engine.media.MatteObject;
import org.sam2long.engine.media.MatteWriter;
import org.sam2long.engine.media.Sidecar;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.output.OutputLock;
import org.sam2long.rendernode.shot.TrackJob;

/**
 * Multi-layer EXR output ({@code output.exrLayers}) tracked one object (or one batch) at a time:
 * each object's job writes a <em>part</em>, and a merge step writes the layered files once every
 * object's part is complete.
 *
 * <p>A part is the object's mattes as the tracker handed them to the writer, kept losslessly: one
 * single-channel float EXR per frame ({@code A}, already clamped to 0..1 as the writer clamps), under
 * {@code OUT/.sam2long-farm/parts/<first 16 hex digits of the shot's SHA-256>/<object id>/}, with the
 * part's own sidecar (its {@code "complete": true} marks a finished part). The merge reads every part
 * back and gives each frame's mattes to the same {@link MatteWriter} that {@code sam2long track}
 * uses, with the shot's own output settings (half or float, alpha or RGBA with the plate), so the
 * layered files are byte-identical to {@code track}'s; it writes into a staging folder and publishes
 * by atomic renames under the output folder's lock, sidecar last, then removes the parts.
 */
public final class LayerParts {
    /** The folder under the staging folder that holds the parts of every layered shot in progress. */
    public static final String PARTS = "parts";
    /** How a part's files are named inside the parts folder. */
    static final String PART_TEMPLATE = "{id}/{id}.{frame}.{ext}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LayerParts() {}

    /** Whether the preset writes multi-layer EXR files, which per-object jobs cannot write alone. */
    public static boolean layered(ResolvedPreset preset) {
        return preset.output().exrLayers();
    }

    /** Whether the shot's requests (which share one resolved preset) write multi-layer files. */
    public static boolean layered(List<ShotJobRequest> requests) {
        return !requests.isEmpty() && layered(ResolvedPreset.fromJson(requests.get(0).presetJson()));
    }

    /**
     * The preset a part is tracked with: the shot's, with its output replaced by lossless single-object
     * float EXR alpha ({@value #PART_TEMPLATE}), same frame padding and offset. Tracking itself is unchanged.
     */
    public static ResolvedPreset partPreset(ResolvedPreset preset) {
        ObjectNode tree = preset.toJsonTree();
        ObjectNode output = tree.has("output") && tree.get("output") instanceof ObjectNode o ? o : tree.putObject("output");
        output.put("format", "exr_float");
        output.put("channels", "alpha");
        output.put("exrLayers", false);
        output.put("filenameTemplate", PART_TEMPLATE);
        output.put("framePadding", preset.output().framePadding());
        output.put("frameOffset", preset.output().frameOffset());
        return ResolvedPreset.fromJson(tree);
    }

    /** The parts folder of a shot (its SHA-256) in an output folder. */
    public static Path folder(Path out, String shotSha256) {
        return out.resolve(OutputFolder.STAGING).resolve(PARTS).resolve(shotSha256.substring(0, 16));
    }

    private static List<MatteObject> objects(ShotDocument shot) {
        List<MatteObject> objects = new ArrayList<>();
        for (ShotDocument.ShotObject o : shot.objects()) {
            objects.add(new MatteObject(o.id(), o.name()));
        }
        return objects;
    }

    private static MatteWriter partWriter(Path parts, ShotDocument shot, ResolvedPreset preset) {
        return new MatteWriter(parts, partPreset(preset).output(), objects(shot));
    }

    /** The objects of the shot whose part is not complete in {@code parts} (none: ready to merge). */
    public static List<Integer> missing(Path parts, ShotDocument shot, ResolvedPreset preset) {
        MatteWriter w = partWriter(parts, shot, preset);
        List<Integer> missing = new ArrayList<>();
        for (MatteObject o : w.objects()) {
            JsonNode sidecar = readSidecar(w, o);
            if (sidecar == null || !sidecar.path("complete").asBoolean(false)) {
                missing.add(o.id());
            }
        }
        return missing;
    }

    private static JsonNode readSidecar(MatteWriter w, MatteObject o) {
        try {
            Path file = Sidecar.pathFor(w, o, 0);
            return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Moves the parts an attempt tracked ({@code attempt/<id>/}) into the shot's parts folder, each
     * folder by one atomic rename (an earlier part of the same object is moved aside and removed
     * first). The caller holds the output folder's lock. Returns the parts moved.
     */
    static int moveIn(Path attempt, Path parts, List<Integer> ids) throws IOException {
        Files.createDirectories(parts);
        int moved = 0;
        for (int id : ids) {
            Path from = attempt.resolve(String.valueOf(id));
            if (!Files.isDirectory(from)) {
                continue; // the object got no matte at all: nothing to merge for it
            }
            Path to = parts.resolve(String.valueOf(id));
            if (Files.exists(to)) {
                Path aside = parts.resolve(".old." + id + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
                move(to, aside);
                deleteTree(aside);
            }
            move(from, to);
            moved++;
        }
        return moved;
    }

    /**
     * {@code track --part}: a fresh private folder to track the part in, {@code
     * OUT/.sam2long-farm/part.<first 16 hex digits of the shot's SHA-256>.<random>} (not created),
     * after removing such folders that no live run holds (killed runs' leftovers). Part steps of one
     * shot run at once on a farm: each tracks alone and only the move into the parts folder is shared.
     */
    public static Path partWorkFolder(Path out, String shotSha256, Consumer<String> notes) {
        String prefix = "part." + shotSha256.substring(0, 16);
        Path staging = out.resolve(OutputFolder.STAGING);
        if (Files.isDirectory(staging)) {
            try (Stream<Path> s = Files.list(staging)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix + ".")).toList()) {
                    try (OutputLock free = OutputLock.acquire(p, "track --part", n -> {})) {
                        notes.accept("removing the folder of an earlier part run that did not finish: " + p.getFileName());
                    } catch (RuntimeException | IOException heldOrGone) {
                        continue; // a live part run of this shot
                    }
                    deleteTree(p);
                }
            } catch (IOException e) {
                // they stay hidden until the next run
            }
        }
        return workFolder(out, prefix);
    }

    /**
     * What became of a finished part: {@code discarded} when the output already held this shot
     * content's complete merge (the part step ran again after the merge; its part would never be merged
     * nor removed), else the parts {@code moved} in and the shot's objects whose part is still
     * {@code missing} (none: ready to merge).
     */
    public record PartOutcome(boolean discarded, int moved, List<Integer> missing) {}

    /**
     * Moves the parts tracked into {@code work} ({@code work/<id>/}) into the shot's parts folder,
     * unless the output already holds this content's complete merge. The caller holds the output
     * folder's lock (the farm's object job and {@code track --part} both publish a part this way).
     */
    static PartOutcome movePartIn(Path work, Path out, ShotDocument shot, String shotSha256, ResolvedPreset preset,
            List<Integer> ids) throws IOException {
        if (merged(out, shot, preset, shotSha256)) {
            return new PartOutcome(true, 0, List.of());
        }
        Path parts = folder(out, shotSha256);
        int moved = moveIn(work, parts, ids);
        return new PartOutcome(false, moved, missing(parts, shot, preset));
    }

    /**
     * {@code track --part}: {@link #movePartIn} under the output folder's lock (waiting {@link
     * OutputFolder#publishPatience()} for other steps publishing there), then removes {@code work}.
     */
    public static PartOutcome publishPart(Path work, Path out, ShotDocument shot, String shotSha256, ResolvedPreset preset,
            List<Integer> ids, Consumer<String> notes) throws IOException {
        try (OutputLock lock = OutputLock.acquire(out, "track --part", notes, OutputFolder.publishPatience())) {
            PartOutcome o = movePartIn(work, out, shot, shotSha256, preset, ids);
            if (o.discarded()) {
                deleteTree(work);
                deleteIfEmpty(work.getParent()); // the staging folder, unless another step is at work in it
            }
            return o;
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Whether {@code out} holds a complete merge of this shot content (its layered sidecar says so):
     * a part published now would never be merged nor removed. The caller holds the output folder's lock.
     */
    public static boolean merged(Path out, ShotDocument shot, ResolvedPreset preset, String shotSha256) {
        return alreadyMerged(layeredWriter(out, shot, preset), shotSha256);
    }

    /**
     * Removes the parts folders of the given shot contents (SHA-256s) from {@code out}, under its lock
     * (waiting {@link OutputFolder#publishPatience()}); an edited shot's submit drops its earlier
     * contents' parts this way. Returns the folders removed; a folder that cannot be locked keeps them
     * (hidden, never published) and says so in a note.
     */
    public static int removeParts(Path out, java.util.Collection<String> shotSha256s, Consumer<String> notes) {
        List<Path> there = shotSha256s.stream().map(sha -> folder(out, sha)).filter(Files::isDirectory).toList();
        if (there.isEmpty()) {
            return 0;
        }
        try (OutputLock lock = OutputLock.acquire(out, "farm submit", notes, OutputFolder.publishPatience())) {
            for (Path p : there) {
                deleteTree(p);
                deleteIfEmpty(p.getParent());
            }
            return (int) there.stream().filter(p -> !Files.exists(p)).count();
        } catch (IOException | RuntimeException busy) {
            notes.accept("the parts of the shot's earlier content stay in " + there.get(0).getParent()
                    + " (hidden, never published): " + busy.getMessage());
            return 0;
        }
    }

    /** Whether the shot's parts folder in {@code out} holds a finished part of object {@code id}. */
    public static boolean hasPart(Path out, String shotSha256, ShotDocument shot, ResolvedPreset preset, int id) {
        return !missing(folder(out, shotSha256), shot, preset).contains(id);
    }

    /** What a merge did. */
    public record Outcome(int frames, int files, boolean alreadyMerged) {}

    /**
     * Merges a shot's parts into its layered files: checks every part is complete (else, when the
     * output already holds this shot's complete merge, reports that and does nothing), writes the
     * layered files and their sidecar into {@code work} (a fresh folder under the staging folder),
     * publishes them into {@code out} under its lock (earlier layered files removed first, as
     * {@code track --overwrite}), then removes the parts.
     *
     * @param origin    added to the sidecar (a farm job names its job and worker there)
     * @param mayPublish run once the output folder's lock is held, before anything there changes; what
     *                   it throws stops the publish (a farm merge asks whether its job still runs)
     */
    public static Outcome mergeAndPublish(String shotName, ShotDocument shot, String shotSha256, String input, Path out,
            ResolvedPreset preset, Map<String, Object> origin, Path work, String command, Consumer<String> notes,
            Runnable mayPublish) throws IOException, FrameSourceException {
        Path parts = folder(out, shotSha256);
        List<Integer> missing = missing(parts, shot, preset);
        MatteWriter layered = layeredWriter(out, shot, preset);
        if (!missing.isEmpty()) {
            if (alreadyMerged(layered, shotSha256)) {
                return new Outcome(0, 0, true);
            }
            throw new BadInputException(shotName + ": object" + (missing.size() == 1 ? " " : "s ") + missing
                    + " ha" + (missing.size() == 1 ? "s" : "ve") + " no finished part in " + parts
                    + "; their tracking (farm jobs, or 'track --part' steps) must finish before the merge");
        }
        int frames = merge(parts, shot, shotSha256, input, preset, origin, work);
        int files = publish(work, out, layered, command, notes, mayPublish);
        deleteTree(parts);
        deleteIfEmpty(parts.getParent());
        return new Outcome(frames, files, false);
    }

    private static MatteWriter layeredWriter(Path dir, ShotDocument shot, ResolvedPreset preset) {
        try {
            return new MatteWriter(dir, preset.output(), objects(shot));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** Whether the output's layered sidecar says a complete merge of this shot content is in place. */
    private static boolean alreadyMerged(MatteWriter layered, String shotSha256) {
        JsonNode s = readSidecar(layered, layered.objects().get(0));
        return s != null && s.path("complete").asBoolean(false)
                && shotSha256.equals(s.path("merge").path("shotSha256").asText(null));
    }

    /** Writes the layered files and their sidecar into {@code work}; returns the frames written. */
    static int merge(Path parts, ShotDocument shot, String shotSha256, String input, ResolvedPreset preset,
            Map<String, Object> origin, Path work) throws IOException, FrameSourceException {
        MatteWriter from = partWriter(parts, shot, preset);
        MatteWriter to = layeredWriter(work, shot, preset);
        List<MatteObject> objects = from.objects();
        List<JsonNode> sidecars = new ArrayList<>();
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (MatteObject o : objects) {
            JsonNode s = readSidecar(from, o);
            sidecars.add(s);
            if (s.path("frames").has("first")) {
                first = Math.min(first, s.path("frames").path("first").asInt());
                last = Math.max(last, s.path("frames").path("last").asInt());
            }
        }
        int offset = preset.output().frameOffset();
        boolean rgba = preset.output().channels() != OutputSettings.Channels.ALPHA;
        FrameSource plate = rgba ? TrackJob.openPlate(input) : null;
        Map<Integer, Integer> plateIndex = new HashMap<>();
        if (plate != null) {
            for (int i = 0; i < plate.frameCount(); i++) {
                plateIndex.put(plate.frameNumber(i), i);
            }
        }
        int written = 0;
        int firstWritten = Integer.MAX_VALUE;
        int lastWritten = Integer.MIN_VALUE;
        try {
            for (int f = first; f <= last && first <= last; f++) {
                int sourceFrame = f - offset;
                List<AlphaMatte> mattes = new ArrayList<>();
                for (MatteObject o : objects) {
                    Path file = from.file(o, sourceFrame);
                    if (Files.isRegularFile(file)) {
                        ExrReader.Image image = ExrReader.read(file);
                        mattes.add(new AlphaMatte(o.id(), sourceFrame, image.width(), image.height(), image.channel("A")));
                    }
                }
                if (mattes.isEmpty()) {
                    continue;
                }
                Frame frame = null;
                if (plate != null) {
                    Integer index = plateIndex.get(sourceFrame);
                    if (index == null) {
                        throw new BadInputException(input + " has no frame " + sourceFrame + ", which the parts of "
                                + shot.objects().size() + " objects hold mattes for");
                    }
                    frame = plate.read(index);
                }
                to.write(sourceFrame, mattes, frame);
                written++;
                firstWritten = Math.min(firstWritten, f);
                lastWritten = Math.max(lastWritten, f);
            }
        } finally {
            if (plate != null) {
                plate.close();
            }
        }
        if (written == 0) {
            return 0;
        }
        JsonNode part = sidecars.get(0);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("engineVersion", part.path("engineVersion"));
        provenance.put("model", part.path("model"));
        provenance.put("preset", preset.toJsonTree());
        provenance.put("input", part.path("input"));
        List<JsonNode> prompts = new ArrayList<>();
        for (JsonNode s : sidecars) {
            s.path("prompts").forEach(prompts::add);
        }
        provenance.put("prompts", prompts);
        provenance.putAll(origin);
        Map<String, Object> merge = new LinkedHashMap<>();
        merge.put("shotSha256", shotSha256);
        merge.put("objects", objects.stream().map(MatteObject::id).toList());
        provenance.put("merge", merge);
        Map<String, Object> doc = MatteExport.sidecarHead(provenance, to, objects.get(0));
        doc.put("cleanup", part.path("cleanup"));
        doc.put("source", part.path("source"));
        Map<String, Object> frames = new LinkedHashMap<>();
        frames.put("first", firstWritten);
        frames.put("last", lastWritten);
        frames.put("count", written);
        doc.put("frames", frames);
        doc.put("complete", true);
        Sidecar.write(Sidecar.pathFor(to, objects.get(0), firstWritten - offset), doc);
        return written;
    }

    /**
     * Moves a finished staging folder's files into the output folder, under its lock: the layered
     * sequence's earlier files and sidecar go first (as {@code track --overwrite}), then every file is
     * renamed into place atomically, sidecars last; the sidecar is then completed from the files on disk
     * (frame ranges), as {@code track} completes its own. Returns the files moved.
     */
    static int publish(Path work, Path out, MatteWriter writer, String command, Consumer<String> notes, Runnable mayPublish)
            throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(work)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(OutputLock.NAME))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().endsWith(".sam2long.json"))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
        try (OutputFolder folder = OutputFolder.open(out, writer, true, command, Map.of(), notes,
                OutputFolder.publishPatience(), mayPublish)) {
            for (Path f : files) {
                Path target = out.resolve(work.relativize(f));
                Files.createDirectories(target.getParent());
                try {
                    Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the output folder " + out + " cannot take atomic renames from " + work, e);
                }
            }
            folder.settle(false, false); // the sidecar describes the files on disk, as track's does
        }
        return files.size();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the parts folder " + to.getParent() + " cannot take atomic renames from " + from, e);
        }
    }

    /** Removes a folder and everything in it; what cannot be removed stays (hidden, never published). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // what is left is removed with the next attempt; it is hidden and never published
        }
    }

    /** Removes a folder and then its parents up to the staging folder, each only when empty. */
    static void deleteIfEmpty(Path dir) {
        for (Path d = dir; d != null && d.toString().contains(OutputFolder.STAGING); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException notEmpty) {
                return;
            }
            if (d.getFileName().toString().equals(OutputFolder.STAGING)) {
                return;
            }
        }
    }

    /** A fresh staging folder for a merge: {@code OUT/.sam2long-farm/<prefix>.<random>} (not created). */
    static Path workFolder(Path out, String prefix) {
        return out.resolve(OutputFolder.STAGING).resolve(prefix + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
    }

    /**
     * Removes staging folders of earlier (killed or stopped) attempts whose names start with
     * {@code prefix + "."}: a job id for tracking jobs, the merge prefix for merges.
     */
    static void removeDead(Path out, String prefix, Consumer<String> notes) {
        Path staging = out.resolve(OutputFolder.STAGING);
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (Stream<Path> s = Files.list(staging)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix + ".")).toList()) {
                notes.accept("removing the folder of an earlier attempt: " + p.getFileName());
                deleteTree(p);
            }
        } catch (IOException e) {
            // they stay hidden until the next attempt
        }
    }
}
