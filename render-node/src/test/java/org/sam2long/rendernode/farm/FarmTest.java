package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.testing.CliRun;

/**
 * The farm end to end with real parts: JobRunr, an H2 database file in a temporary folder, the
 * bundled demo model and the bundled sample clip.
 */
class FarmTest {
    @TempDir
    static Path tmp;
    static Path clip;

    @BeforeAll
    static void sample() throws Exception {
        clip = tmp.resolve("orbit.mp4");
        try (var in = FarmTest.class.getClassLoader().getResourceAsStream("sample/orbit.mp4")) {
            Files.copy(in, clip);
        }
    }


    static CliRun.Result cli(String... args) {
        return CliRun.run(args);
    }

    /** The sample's two objects (as in DemoCommand's prompts), tracked forward with the demo model. */
    private static Path shot(String name, Path out, String discClick) throws Exception {
        String json = """
                {"format": "sam2long-shot", "version": 1,
                 "source": {"path": "%s"},
                 "objects": [
                   {"id": 1, "name": "disc", "prompts": [{"frame": 0, "clicks": [%s]}]},
                   {"id": 2, "name": "square", "prompts": [{"frame": 0, "clicks": [{"x": 80, "y": 190}]}]}
                 ],
                 "preset": {"name": "default", "overrides": {"model.name": "sam2long-demo", "tracking.direction": "forward"}},
                 "output": {"folder": "%s"}}
                """.formatted(clip, discClick, out);
        Path file = tmp.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".png"))
                    .map(folder::relativize).sorted().toList();
        }
    }

    @Test
    void submittedTwiceThenWorkedGivesTheMattesOfTrackBitForBit() throws Exception {
        Path db = tmp.resolve("db-main");
        Path farmOut = tmp.resolve("farm-out");
        Path shot = shot("shot010.json", farmOut, "{\"x\": 60, \"y\": 120}");

        CliRun.Result first = cli("farm", "submit", shot.toString(), "--db", db.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("2 of 2 jobs queued"), first.out());
        CliRun.Result again = cli("farm", "submit", shot.toString(), "--db", db.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 of 2 jobs queued"), again.out());
        CliRun.Result queued = cli("farm", "status", shot.toString(), "--db", db.toString());
        assertEquals(2, queued.out().lines().filter(l -> l.endsWith(": queued")).count(), queued.out());
        CliRun.Result counts = cli("farm", "status", "--db", db.toString());
        assertTrue(counts.out().startsWith("queued 2,"), counts.out());

        long t0 = System.nanoTime();
        CliRun.Result work = cli("farm", "work", "--exit-when-idle", "--db", db.toString());
        System.out.printf("farm work: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(0, work.code(), work.out() + work.err());
        assertTrue(work.out().contains("2 jobs done, 0 failed"), work.out());
        String started = work.out().lines().filter(l -> l.contains("worker started with ")).findFirst().orElseThrow();
        assertTrue(started.contains("slot") && started.contains("("), "the slot choice and its reason: " + started);
        CliRun.Result done = cli("farm", "status", shot.toString(), "--db", db.toString());
        assertEquals(2, done.out().lines().filter(l -> l.endsWith(": done")).count(), done.out());

        String sidecar = Files.readString(farmOut.resolve("disc").resolve("disc.sam2long.json"));
        String jobId = first.out().lines().filter(l -> l.contains("object [1] as job ")).findFirst().orElseThrow()
                .replaceAll(".* as job ", "").strip();
        assertTrue(sidecar.contains("\"farm\"") && sidecar.contains(jobId) && sidecar.contains("\"worker\""),
                "the sidecar names the job and the worker: " + sidecar);

        Path trackOut = tmp.resolve("track-out");
        CliRun.Result track = cli("track", "--shot", shot.toString(), "--out", trackOut.toString(), "--no-preview");
        assertEquals(0, track.code(), track.err());

        List<Path> farmFiles = files(farmOut);
        assertEquals(240, farmFiles.size(), "120 frames x 2 objects");
        assertEquals(files(trackOut), farmFiles);
        for (Path f : farmFiles) {
            assertArrayEquals(Files.readAllBytes(trackOut.resolve(f)), Files.readAllBytes(farmOut.resolve(f)), f.toString());
        }
    }

    @Test
    void aBadShotIsRejectedAtSubmitAndNothingIsQueued() throws Exception {
        Path db = tmp.resolve("db-bad");
        Path shot = shot("bad.json", tmp.resolve("bad-out"), "{\"x\": 6000, \"y\": 120}");
        CliRun.Result r = cli("farm", "submit", shot.toString(), "--db", db.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("6000"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("sam2long: ")).count(), r.err());
        assertFalse(Files.exists(tmp.resolve("bad-out")), "nothing was written");

        Path noOutput = tmp.resolve("no-output.json");
        Files.writeString(noOutput, Files.readString(shot("ok.json", tmp.resolve("x"), "{\"x\": 60, \"y\": 120}"))
                .replaceAll(",\\s*\"output\": \\{[^}]*\\}", ""));
        CliRun.Result n = cli("farm", "submit", noOutput.toString(), "--db", db.toString());
        assertEquals(2, n.code(), n.out() + n.err());
        assertTrue(n.err().contains("names no output folder"), n.err());

        CliRun.Result password = cli("farm", "status", "--db", "jdbc:postgresql://farmdb/farm?user=roto&password=secret");
        assertEquals(2, password.code(), password.err());
        assertTrue(password.err().contains("SAM2LONG_FARM_DB_PASSWORD") && !password.err().contains("secret"), password.err());

        CliRun.Result counts = cli("farm", "status", "--db", db.toString());
        assertEquals(0, counts.code(), counts.err());
        assertTrue(counts.out().startsWith("queued 0, retrying 0, running 0, done 0, failed 0"), counts.out());
    }
    @Test
    void aPlateMissingAtWorkTimeFailsAtOnceWithItsSentenceAndACancelledShotCanBeSubmittedAgain() throws Exception {
        Path db = tmp.resolve("db-fail");
        Path plate = tmp.resolve("gone.mp4");
        Files.copy(clip, plate);
        Path shot = tmp.resolve("gone.json");
        Files.writeString(shot, Files.readString(shot("tmp.json", tmp.resolve("gone-out"), "{\"x\": 60, \"y\": 120}"))
                .replace(clip.toString(), plate.toString()));
        assertEquals(0, cli("farm", "submit", shot.toString(), "--db", db.toString()).code());
        Files.delete(plate);
        CliRun.Result work = cli("farm", "work", "--exit-when-idle", "--db", db.toString());
        assertEquals(1, work.code(), work.out() + work.err());
        assertTrue(work.out().contains("0 jobs done, 2 failed"), work.out());
        CliRun.Result status = cli("farm", "status", shot.toString(), "--db", db.toString());
        List<String> failed = status.out().lines().filter(l -> l.contains(": failed: ")).toList();
        assertEquals(2, failed.size(), status.out());
        assertTrue(failed.get(0).contains("gone.mp4"), failed.get(0));
        assertFalse(failed.get(0).contains("Exception"), failed.get(0));
        CliRun.Result counts = cli("farm", "status", "--db", db.toString());
        assertTrue(counts.out().contains("retrying 0") && counts.out().contains("failed 2"), "not retried: " + counts.out());

        // cancel: queued jobs are dropped; the same shot submitted again is queued again
        Path other = shot("cancel.json", tmp.resolve("cancel-out"), "{\"x\": 61, \"y\": 120}");
        assertEquals(0, cli("farm", "submit", other.toString(), "--db", db.toString()).code());
        CliRun.Result cancel = cli("farm", "cancel", other.toString(), "--db", db.toString());
        assertEquals(0, cancel.code(), cancel.err());
        assertTrue(cancel.out().contains("cancelled 2 jobs"), cancel.out());
        CliRun.Result cancelled = cli("farm", "status", other.toString(), "--db", db.toString());
        assertEquals(2, cancelled.out().lines().filter(l -> l.endsWith(": cancelled")).count(), cancelled.out());
        CliRun.Result resubmit = cli("farm", "submit", other.toString(), "--db", db.toString());
        assertTrue(resubmit.out().contains("2 of 2 jobs queued"), resubmit.out());
        assertEquals(0, cli("farm", "cancel", other.toString(), "--db", db.toString()).code());
    }

    @Test
    void anEditedShotReplacesTheEarlierContentsWaitingJobs() throws Exception {
        Path db = tmp.resolve("db-edit");
        Path out = tmp.resolve("edit-out");
        Path shot = shot("edit.json", out, "{\"x\": 60, \"y\": 120}");
        CliRun.Result a = cli("farm", "submit", shot.toString(), "--db", db.toString());
        assertEquals(0, a.code(), a.err());
        List<String> oldIds = a.out().lines().filter(l -> l.contains(" as job ")).map(l -> l.replaceAll(".* as job ", "").strip()).toList();
        assertEquals(2, oldIds.size(), a.out());

        shot("edit.json", out, "{\"x\": 62, \"y\": 121}"); // the same shot file, edited
        CliRun.Result edited = cli("farm", "submit", shot.toString(), "--db", db.toString());
        assertEquals(0, edited.code(), edited.err());
        List<String> replaced = edited.out().lines().filter(l -> l.startsWith("replaced job ")).toList();
        assertEquals(2, replaced.size(), edited.out());
        for (String id : oldIds) {
            assertEquals(1, replaced.stream().filter(l -> l.contains(id)).count(), edited.out());
        }
        assertTrue(edited.out().contains("2 of 2 jobs queued"), edited.out());
        List<String> newIds = edited.out().lines().filter(l -> l.contains(" as job ")).map(l -> l.replaceAll(".* as job ", "").strip()).toList();
        assertTrue(newIds.stream().noneMatch(oldIds::contains), edited.out());

        try (FarmQueue queue = FarmDbOptions.open(db.toString(), null)) {
            for (String id : oldIds) {
                assertEquals(org.jobrunr.jobs.states.StateName.DELETED, queue.find(java.util.UUID.fromString(id)).orElseThrow().getState(), id);
            }
            for (String id : newIds) {
                assertEquals(org.jobrunr.jobs.states.StateName.ENQUEUED, queue.find(java.util.UUID.fromString(id)).orElseThrow().getState(), id);
            }
            assertEquals(2, queue.pending(), "only the edited shot's jobs wait");
        }

        CliRun.Result again = cli("farm", "submit", shot.toString(), "--db", db.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 of 2 jobs queued"), again.out());
        assertFalse(again.out().contains("replaced job"), again.out());
        CliRun.Result counts = cli("farm", "status", "--db", db.toString());
        assertTrue(counts.out().startsWith("queued 2,"), counts.out());
    }

    private static List<String> jobIds(CliRun.Result r) {
        return r.out().lines().filter(l -> l.contains(" as job ")).map(l -> l.replaceAll(".* as job ", "").strip()).toList();
    }

    private static org.jobrunr.jobs.states.StateName state(FarmQueue queue, String id) {
        return queue.find(java.util.UUID.fromString(id)).orElseThrow().getState();
    }

    @Test
    void twoProjectsShotFilesOfOneNameKeepTheirJobsAndAShotIdIsTheIdentityWhenPresent() throws Exception {
        Path db = tmp.resolve("db-collide");
        // two projects, each with its shot010.json: same file name, other output folders
        Path a = tmp.resolve("projA").resolve("shot010.json");
        Path b = tmp.resolve("projB").resolve("shot010.json");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        Files.move(shot("collide-a.json", tmp.resolve("projA-out"), "{\"x\": 60, \"y\": 120}"), a);
        Files.move(shot("collide-b.json", tmp.resolve("projB-out"), "{\"x\": 60, \"y\": 120}"), b);
        CliRun.Result ra = cli("farm", "submit", a.toString(), "--db", db.toString());
        CliRun.Result rb = cli("farm", "submit", b.toString(), "--db", db.toString());
        assertEquals(0, rb.code(), rb.err());
        assertTrue(ra.out().contains("shot identity: its plate and output folder (" + clip.toAbsolutePath().normalize() + " -> "
                + tmp.resolve("projA-out").toAbsolutePath().normalize() + "; the document has no \"id\")"), ra.out());
        assertFalse(rb.out().contains("replaced job"), "projB's shot010.json is another shot: " + rb.out());
        try (FarmQueue queue = FarmDbOptions.open(db.toString(), null)) {
            for (String id : jobIds(ra)) {
                assertEquals(org.jobrunr.jobs.states.StateName.ENQUEUED, state(queue, id), "projA's job " + id + " still waits");
            }
            assertEquals(4, queue.pending());
        }

        // without an id, the same plate and output folder is the same shot whatever the file's name
        Path renamed = tmp.resolve("projA").resolve("shot010_v2.json");
        Files.writeString(renamed, Files.readString(a).replace("\"x\": 60", "\"x\": 63"));
        CliRun.Result v2 = cli("farm", "submit", renamed.toString(), "--db", db.toString());
        assertEquals(2, v2.out().lines().filter(l -> l.startsWith("replaced job ")).count(), v2.out());
        for (String id : jobIds(ra)) {
            assertTrue(v2.out().contains("replaced job " + id), v2.out());
        }

        // with an id: the id is the shot, even when the output folder changed; another id is another shot
        Path withId = tmp.resolve("projB").resolve("sh010.json");
        Files.writeString(withId, Files.readString(b).replace("\"version\": 1,", "\"version\": 1, \"id\": \"projB/sq01/sh010\","));
        CliRun.Result i1 = cli("farm", "submit", withId.toString(), "--db", db.toString());
        assertTrue(i1.out().contains("shot identity: its id 'projB/sq01/sh010'"), i1.out());
        assertFalse(i1.out().contains("replaced job"), "an id-less document is not the shot with this id: " + i1.out());
        Files.writeString(withId, Files.readString(withId).replace(tmp.resolve("projB-out").toString(), tmp.resolve("projB-out2").toString()));
        CliRun.Result i2 = cli("farm", "submit", withId.toString(), "--db", db.toString());
        assertEquals(2, i2.out().lines().filter(l -> l.startsWith("replaced job ")).count(), i2.out());
        for (String id : jobIds(i1)) {
            assertTrue(i2.out().contains("replaced job " + id), i2.out());
        }
        Path otherId = tmp.resolve("projB").resolve("sh020.json");
        Files.writeString(otherId, Files.readString(withId).replace("projB/sq01/sh010", "projB/sq01/sh020"));
        CliRun.Result i3 = cli("farm", "submit", otherId.toString(), "--db", db.toString());
        assertFalse(i3.out().contains("replaced job"), i3.out());
        try (FarmQueue queue = FarmDbOptions.open(db.toString(), null)) {
            for (String id : jobIds(rb)) {
                assertEquals(org.jobrunr.jobs.states.StateName.ENQUEUED, state(queue, id), "projB's id-less jobs still wait");
            }
            assertEquals(2 + 2 + 2 + 2, queue.pending(), "projA v2, projB, sh010 (edited), sh020");
        }
    }
}
