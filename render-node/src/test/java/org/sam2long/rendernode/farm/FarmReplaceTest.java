package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.testing.CliRun;
import org.sam2long.rendernode.testing.FarmFixture;

/**
 * An edited shot submitted while a job of its earlier content is running, with real parts (JobRunr,
 * an H2 file, a worker in this process, the demo model, the sample clip): the running job is deleted,
 * its worker stops it without publishing, and the edited content's job publishes. What stays in the
 * output folder is the edited content's mattes, bit for bit those of {@code sam2long track} on the
 * edited shot, with sidecars naming the edited content's job and hash.
 */
class FarmReplaceTest {
    private static final Pattern JOB = Pattern.compile("as job ([0-9a-f-]{36})");

    @TempDir
    static Path tmp;
    static Path clip;

    @BeforeAll
    static void sample() throws Exception {
        clip = FarmFixture.clip(tmp);
    }

    private static UUID onlyJob(CliRun.Result submit) {
        Matcher m = JOB.matcher(submit.out());
        assertTrue(m.find(), submit.out());
        UUID id = UUID.fromString(m.group(1));
        assertFalse(m.find(), "one job (--objects-per-job 2): " + submit.out());
        return id;
    }

    private static void await(FarmQueue queue, UUID id, java.util.function.Predicate<Job> until, String what) throws Exception {
        FarmFixture.await(queue, id, until, what, Duration.ofSeconds(180), Duration.ofMillis(50));
    }

    @Test
    void anEditedShotStopsTheEarlierContentsRunningJobAndItsMattesAreWhatStays() throws Exception {
        Path db = tmp.resolve("db-replace");
        Path out = tmp.resolve("replace-out");
        Path shot = FarmFixture.shot(tmp.resolve("replace.json"), clip, out, 0, 119);
        // the first content searches 4 pathways, slow enough to be still running when the edit comes
        String v1 = Files.readString(shot).replace("\"tracking.direction\": \"forward\"",
                "\"tracking.direction\": \"forward\", \"tracking.pathways\": 4");
        assertTrue(v1.contains("pathways"));
        Files.writeString(shot, v1);
        CliRun.Result first = CliRun.run("farm", "submit", shot.toString(), "--objects-per-job", "2", "--db", db.toString());
        assertEquals(0, first.code(), first.err());
        UUID old = onlyJob(first);

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // On the CPU build the one slot is given GPU 1: its models are keyed by device 1 and run on the CPU
        // fallback, which the log names and which must not change a bit of the mattes.
        boolean cpuBuild = !FarmWorker.cudaProviderAvailable();
        WorkerSlots.Choice slots = new WorkerSlots.Choice(1, "test", cpuBuild ? List.of(1) : List.of());
        UUID edited;
        long t0 = System.nanoTime();
        try (FarmQueue queue = new FarmQueue(FarmDatabase.of(db.toString()).open());
                FarmWorker worker = new FarmWorker(queue.storage(), slots, Duration.ofSeconds(5),
                        new PrintStream(log, true, StandardCharsets.UTF_8))) {
            worker.start();
            await(queue, old, j -> j.getState() == StateName.PROCESSING, "the first content's job runs");
            long running = System.nanoTime();

            // the same shot file, edited: the disc's click moves onto the square
            String v2 = v1.replace("{\"x\": 60, \"y\": 120}", "{\"x\": 80, \"y\": 190}")
                    .replace(", \"tracking.pathways\": 4", "");
            assertFalse(v1.equals(v2));
            Files.writeString(shot, v2);
            CliRun.Result second = CliRun.run("farm", "submit", shot.toString(), "--objects-per-job", "2", "--db", db.toString());
            assertEquals(0, second.code(), second.err());
            assertTrue(second.out().contains("stopping job " + old), "the running job of the earlier content is stopped: " + second.out());
            edited = onlyJob(second);
            System.out.printf("edited shot submitted %.1f s after the first content's job started%n", (System.nanoTime() - running) / 1e9);

            await(queue, edited, j -> j.getState() == StateName.SUCCEEDED, "the edited content's job succeeds");
            worker.awaitIdle(queue);
            assertEquals(StateName.DELETED, queue.find(old).orElseThrow().getState(), "the earlier content's job stays deleted");
            assertEquals(0, worker.failed(), "a replaced job is stopped, not failed");
            assertEquals(1, worker.succeeded());
        }
        System.out.printf("farm replace: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String lines = log.toString(StandardCharsets.UTF_8);
        List<String> oldLines = lines.lines().filter(l -> l.contains("[job " + old + "]")).toList();
        assertTrue(oldLines.stream().anyMatch(l -> l.contains("stopped: ")), "the earlier job stopped:\n" + lines);
        if (cpuBuild) {
            assertTrue(lines.lines().anyMatch(l -> l.contains("worker started with 1 slot (test), slot 0 on GPU 1")), lines);
            assertTrue(lines.lines().anyMatch(l -> l.contains("[job " + edited + "]") && l.contains("tracking ")
                    && l.endsWith(" in slot 0 on GPU 1 (runtime.deviceId)")), lines);
        }
        assertTrue(oldLines.stream().noneMatch(l -> l.contains("done: ") || l.contains("files published")),
                "the earlier job published nothing:\n" + lines);

        // what stays is the edited content's: bit for bit what track gives for the edited shot
        Path reference = tmp.resolve("replace-reference");
        CliRun.Result track = CliRun.run("track", "--shot", shot.toString(), "--out", reference.toString(), "--no-preview");
        assertEquals(0, track.code(), track.err());
        FarmFixture.assertSameMattes(reference, out, 240);
        String sha = ShotJobIds.sha256(Files.readString(shot).getBytes(StandardCharsets.UTF_8));
        for (String object : List.of("disc", "square")) {
            JsonNode farm = new ObjectMapper().readTree(out.resolve(object).resolve(object + ".sam2long.json").toFile()).findValue("farm");
            assertEquals(edited.toString(), farm.path("job").asText(), object + "'s sidecar names the edited content's job");
            assertEquals(sha, farm.path("shotSha256").asText(), object + "'s sidecar names the edited content's hash");
        }
        assertFalse(Files.exists(out.resolve(ShotJobHandler.STAGING)) && FarmFixture.files(out.resolve(ShotJobHandler.STAGING)).size() > 0,
                "no attempt folder is left behind");
    }
}
