package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.media.ExrReader;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.testing.CliProcess;
import org.sam2long.rendernode.testing.CliRun;
import org.sam2long.rendernode.testing.FarmFixture;

/**
 * Multi-layer EXR output ({@code output.exrLayers}) tracked one object per job: the farm's merge job
 * and the {@code track --part} + {@code merge} steps of exported jobs give files byte-identical to
 * {@code sam2long track} with the whole shot (the oracle: one run that never splits the shot). Real
 * JobRunr on an H2 file, the bundled demo model and sample clip; the shot is cut to 40 frames, RGBA
 * straight (each layer's colour comes from the plate) and object 2 is prompted on frame 10, so the
 * first frames hold one object and an empty layer.
 */
class FarmMergeTest {
    @TempDir
    static Path tmp;
    static Path clip;
    static Path trackOut;
    static Path shot;

    @BeforeAll
    static void sampleAndTrack() throws Exception {
        clip = tmp.resolve("orbit.mp4");
        try (var in = FarmMergeTest.class.getClassLoader().getResourceAsStream("sample/orbit.mp4")) {
            Files.copy(in, clip);
        }
        shot = shot("layers.json", clip, tmp.resolve("farm-out"));
        trackOut = tmp.resolve("track-out");
        CliRun.Result track = CliRun.run("track", "--shot", shot.toString(), "--out", trackOut.toString(), "--no-preview");
        assertEquals(0, track.code(), track.out() + track.err());
    }

    private static Path shot(String name, Path plate, Path out) throws Exception {
        String json = FarmFixture.layeredShot(plate, 39, "{\"x\": 60, \"y\": 120}", 10, out);
        Path file = tmp.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static List<Path> exrs(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".exr")).map(folder::relativize).sorted().toList();
        }
    }

    private static void assertSameAsTrack(Path out) throws Exception {
        List<Path> files = exrs(out);
        assertEquals(40, files.size(), "one layered file per frame: " + files);
        assertEquals(exrs(trackOut), files);
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(trackOut.resolve(f)), Files.readAllBytes(out.resolve(f)), f.toString());
        }
        ExrReader.Image first = ExrReader.read(out.resolve(files.get(0)));
        assertTrue(first.channels().containsKey("disc.A") && first.channels().containsKey("square.R"), first.channels().keySet().toString());
        assertFalse(Files.exists(out.resolve(OutputFolder.STAGING)), "no staging folder or part left");
    }

    @Test
    void theFarmMergesTheObjectJobsPartsIntoFilesIdenticalToTrack() throws Exception {
        Path db = tmp.resolve("db");
        Path out = tmp.resolve("farm-out");
        CliRun.Result submit = CliRun.run("farm", "submit", shot.toString(), "--db", db.toString());
        assertEquals(0, submit.code(), submit.err());
        assertTrue(submit.out().contains("2 of 2 jobs queued"), submit.out());
        CliRun.Result waiting = CliRun.run("farm", "status", shot.toString(), "--db", db.toString());
        assertTrue(waiting.out().contains("merge layers.json into layered files") && waiting.out().contains("not queued yet")
                && waiting.out().contains("0 of 2 done"), waiting.out());

        CliRun.Result work = CliRun.run("farm", "work", "--exit-when-idle", "--slots", "2", "--db", db.toString());
        assertEquals(0, work.code(), work.out() + work.err());
        assertTrue(work.out().contains("3 jobs done, 0 failed"), "two object jobs and the merge: " + work.out());
        assertEquals(1, work.out().lines().filter(l -> l.contains("queued the merge job")).count(), work.out());

        CliRun.Result done = CliRun.run("farm", "status", shot.toString(), "--db", db.toString());
        assertEquals(3, done.out().lines().filter(l -> l.endsWith(": done")).count(), done.out());
        String mergeId = done.out().lines().filter(l -> l.startsWith("merge ")).findFirst().orElseThrow()
                .replaceAll(".*\\(job ", "").replaceAll("\\).*", "");

        assertSameAsTrack(out);
        JsonNode sidecar = new ObjectMapper().readTree(out.resolve("mattes").resolve("mattes.sam2long.json").toFile());
        JsonNode track = new ObjectMapper().readTree(trackOut.resolve("mattes").resolve("mattes.sam2long.json").toFile());
        assertEquals(mergeId, sidecar.path("farm").path("job").asText(), "the sidecar names the merge job: " + sidecar);
        assertTrue(sidecar.path("farm").path("worker").asText().contains("pid"), sidecar.toString());
        for (String key : new String[] {"layers", "output", "prompts", "frames", "preset", "cleanup", "source", "complete", "cancelled"}) {
            assertEquals(track.get(key), sidecar.get(key), key);
        }
        assertTrue(sidecar.path("complete").asBoolean());

        // the merge job run a second time (as after a worker killed between publishing and JobRunr recording the
        // success): its parts are gone, its complete output is there, so it does nothing and succeeds. And object 2's
        // job run again after the merge (as after its worker was killed once it had queued the merge): its part is
        // discarded, not left in the hidden parts folder for good, and no merge is queued again
        String object2 = done.out().lines().filter(l -> l.startsWith("track layers.json object [2] ")).findFirst().orElseThrow()
                .replaceAll(".*\\(job ", "").replaceAll("\\).*", "");
        try (FarmQueue queue = FarmDbOptions.open(db.toString(), null)) {
            for (String id : List.of(mergeId, object2)) {
                org.jobrunr.jobs.Job j = queue.find(java.util.UUID.fromString(id)).orElseThrow();
                j.enqueue();
                queue.storage().save(j);
            }
        }
        CliRun.Result twice = CliRun.run("farm", "work", "--exit-when-idle", "--db", db.toString());
        assertEquals(0, twice.code(), twice.out() + twice.err());
        assertTrue(twice.out().contains("already merged") && twice.out().contains("2 jobs done, 0 failed"), twice.out());
        assertTrue(twice.out().lines().anyMatch(l -> l.contains("[job " + object2 + "]") && l.contains("part of object [2] discarded: ")
                && l.contains("already holds this shot content's complete merge")), twice.out());
        assertFalse(twice.out().contains("merge job"), "no merge queued again: " + twice.out());
        try (FarmQueue queue = FarmDbOptions.open(db.toString(), null)) {
            assertEquals(2, queue.find(java.util.UUID.fromString(mergeId)).orElseThrow().getJobStates().stream()
                    .filter(s -> s.getName() == org.jobrunr.jobs.states.StateName.SUCCEEDED).count(), "the merge ran twice in all");
        }
        assertSameAsTrack(out);
    }

    @Test
    void aFailedObjectJobLeavesTheMergeUnqueuedAndStatusSaysWhy() throws Exception {
        Path db = tmp.resolve("db-fail");
        Path plate = tmp.resolve("gone.mp4");
        Files.copy(clip, plate);
        Path gone = shot("gone.json", plate, tmp.resolve("gone-out"));
        assertEquals(0, CliRun.run("farm", "submit", gone.toString(), "--db", db.toString()).code());
        Files.delete(plate);
        CliRun.Result work = CliRun.run("farm", "work", "--exit-when-idle", "--db", db.toString());
        assertEquals(1, work.code(), work.out() + work.err());
        assertTrue(work.out().contains("0 jobs done, 2 failed"), work.out());
        assertFalse(work.out().contains("merge job"), "no merge is queued: " + work.out());
        CliRun.Result status = CliRun.run("farm", "status", gone.toString(), "--db", db.toString());
        String merge = status.out().lines().filter(l -> l.startsWith("merge ")).findFirst().orElseThrow();
        assertTrue(merge.contains("not queued yet") && merge.contains("0 of 2 done") && merge.contains("failed")
                && merge.contains("gone.mp4"), merge);
        assertFalse(merge.contains("Exception"), merge);
        CliRun.Result counts = CliRun.run("farm", "status", "--db", db.toString());
        assertTrue(counts.out().contains("done 0") && counts.out().contains("failed 2"), counts.out());
    }

    @Test
    void exportedStepsTrackPartsAndMergeThemIntoFilesIdenticalToTrack() throws Exception {
        Path out = tmp.resolve("steps-out");
        CliRun.Result early = CliRun.run("merge", "--shot", shot.toString(), "--input", clip.toString(), "--out", out.toString());
        assertEquals(2, early.code(), early.out() + early.err());
        assertTrue(early.err().contains("objects [1, 2] have no finished part"), early.err());

        // the exported object steps run at once (separate processes, as on a farm's nodes): each tracks in a
        // folder of its own and only the move into the shared parts folder waits for the other
        List<CliProcess.Child> steps = new java.util.ArrayList<>();
        for (String id : new String[] {"2", "1"}) {
            steps.add(CliProcess.start(tmp, "part" + id, "768m", false, "track", "--shot", shot.toString(), "--object", id,
                    "--input", clip.toString(), "--out", out.toString(), "--overwrite", "--no-preview", "--part"));
        }
        assertTrue(steps.stream().allMatch(c -> c.process().isAlive()), "both steps run at once");
        for (CliProcess.Child c : steps) {
            assertTrue(c.process().waitFor(120, java.util.concurrent.TimeUnit.SECONDS), c.log());
            assertEquals(0, c.process().exitValue(), c.log());
        }
        assertTrue(steps.stream().anyMatch(c -> CliProcess.read(c.stdout()).contains("every object's part is done")),
                steps.get(0).log() + steps.get(1).log());
        assertTrue(exrs(out).stream().allMatch(p -> p.startsWith(Path.of(OutputFolder.STAGING, LayerParts.PARTS))),
                "only parts so far, no private folder left: " + exrs(out));
        CliRun.Result again = CliRun.run("track", "--shot", shot.toString(), "--object", "1", "--input", clip.toString(),
                "--out", out.toString(), "--no-preview", "--part");
        assertEquals(2, again.code(), again.out() + again.err());
        assertTrue(again.err().contains("already holds a finished part of object [1]"), again.err());
        CliRun.Result merge = CliRun.run("merge", "--shot", shot.toString(), "--input", clip.toString(), "--out", out.toString());
        assertEquals(0, merge.code(), merge.out() + merge.err());
        assertTrue(merge.out().contains("merged 40 frames"), merge.out());
        assertSameAsTrack(out);
        CliRun.Result twice = CliRun.run("merge", "--shot", shot.toString(), "--input", clip.toString(), "--out", out.toString());
        assertEquals(0, twice.code(), twice.out() + twice.err());
        assertTrue(twice.out().contains("nothing to do"), twice.out());
        assertSameAsTrack(out);
        // a part step run again after the merge (its part is gone, so nothing stops it): its part is discarded
        CliRun.Result late = CliRun.run("track", "--shot", shot.toString(), "--object", "2", "--input", clip.toString(),
                "--out", out.toString(), "--no-preview", "--part");
        assertEquals(0, late.code(), late.out() + late.err());
        assertTrue(late.out().contains("part of object [2] discarded: ") && late.out().contains("already holds this shot's complete merge"),
                late.out());
        assertSameAsTrack(out);

        CliRun.Result notLayered = CliRun.run("track", "--shot", shot.toString(), "--object", "1", "--out", out.toString(),
                "--set", "output.exrLayers=false", "--part");
        assertEquals(2, notLayered.code(), notLayered.err());
        assertTrue(notLayered.err().contains("--part is for multi-layer EXR output"), notLayered.err());
    }
}
