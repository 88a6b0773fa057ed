package org.sam2long.rendernode.farm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.presets.Overrides;
import org.sam2long.presets.PresetException;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;
import org.sam2long.rendernode.input.Assignments;
import org.sam2long.rendernode.input.BadInputException;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.shot.ModelResolver;
import org.sam2long.rendernode.shot.TrackJob;

/**
 * Turns a shot file into the job requests that track it, after every check that needs no model:
 * the document is strict and complete (it names its plate and output folder), the preset resolves
 * the same way {@code sam2long track --shot} resolves it, the model exists, and the prompts fit the
 * clip. A shot that fails any check gives no request at all.
 */
public final class ShotPlanner {
    private final PresetLibrary presets;

    public ShotPlanner(PresetLibrary presets) {
        this.presets = presets;
    }

    /** The requests of a shot, {@code objectsPerJob} objects each in the document's order; checks everything. */
    public List<ShotJobRequest> plan(Path shotFile, int objectsPerJob) {
        return plan(shotFile, objectsPerJob, true);
    }

    /**
     * @param checkClip open the plate and check the prompts against it (submit does; status and cancel,
     *                  which only need the ids, do not)
     */
    public List<ShotJobRequest> plan(Path shotFile, int objectsPerJob, boolean checkClip) {
        if (objectsPerJob < 1) {
            throw new BadInputException("--objects-per-job must be 1 or more, got " + objectsPerJob);
        }
        ShotDocument shot = ShotDocumentReader.read(shotFile);
        String text;
        try {
            text = Files.readString(shotFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(shotFile + " cannot be read");
        }
        if (shot.source() == null || shot.source().path() == null || shot.source().path().isBlank()) {
            throw new BadInputException(shotFile + ": the shot names no plate; a farm shot needs \"source\": {\"path\": ...}");
        }
        if (shot.output() == null || shot.output().folder() == null || shot.output().folder().isBlank()) {
            throw new BadInputException(shotFile + ": the shot names no output folder; a farm shot needs \"output\": {\"folder\": ...}");
        }
        if (shot.objects().isEmpty()) {
            throw new BadInputException(shotFile + ": the shot has no objects, so there is nothing to track");
        }
        String input = absolute(shot.source().path());
        Path out = OutputFolder.check(Path.of(shot.output().folder()), shotFile + " output.folder").toAbsolutePath().normalize();
        ResolvedPreset preset = resolvePreset(shotFile, shot);
        ModelResolver.check(preset.model().name());
        if (checkClip) {
            TrackJob.checkAgainstClip(input, shot);
        }
        String sha = ShotJobIds.sha256(text.getBytes(StandardCharsets.UTF_8));
        String name = shotFile.getFileName().toString();
        String presetJson = preset.toJson();
        int presetVersion = preset.toJsonTree().path("version").asInt();
        List<ShotJobRequest> requests = new ArrayList<>();
        List<ShotDocument.ShotObject> objects = shot.objects();
        for (int i = 0; i < objects.size(); i += objectsPerJob) {
            List<Integer> ids = new ArrayList<>();
            for (ShotDocument.ShotObject o : objects.subList(i, Math.min(objects.size(), i + objectsPerJob))) {
                ids.add(o.id());
            }
            requests.add(new ShotJobRequest(name, text, sha, input, out.toString(), List.copyOf(ids), preset.name(),
                    presetVersion, presetJson, shot.id()));
        }
        return requests;
    }

    /** As {@code sam2long track --shot} resolves it: the shot's preset (else 'default'), its overrides, its output format. */
    private ResolvedPreset resolvePreset(Path shotFile, ShotDocument shot) {
        List<String> assignments = new ArrayList<>(shot.preset().assignments());
        if (shot.output().format() != null) {
            assignments.add("output.format=" + shot.output().format());
        }
        Assignments.check(shot.preset().assignments(), shotFile + " preset.overrides");
        try {
            return shot.preset().name() == null ? presets.resolveDefault(Overrides.of(assignments))
                    : presets.resolve(shot.preset().name(), Overrides.of(assignments));
        } catch (PresetException e) {
            throw new BadInputException(shotFile + " (preset): " + e.getMessage());
        }
    }

    /** A plate path made absolute against the submitting directory; sequence patterns keep their pattern. */
    private static String absolute(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? path : p.toAbsolutePath().normalize().toString();
    }
}
