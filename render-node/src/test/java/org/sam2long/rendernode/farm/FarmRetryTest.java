package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.output.OutputLock;
import org.sam2long.rendernode.testing.CliRun;
import org.sam2long.rendernode.testing.FarmFixture;

/**
 * Errors on the farm, with real parts (JobRunr, an H2 file, the demo model, the sample clip): a
 * retriable error (the output folder held by another run) is retried by JobRunr with back-off and
 * then succeeds; a non-retriable one (the plate gone) fails at once and {@code farm retry} queues it
 * again once fixed; {@code farm logs} tells the story; every worker line names the worker, the shot
 * and the job; the dashboard listens on the loopback address and shows the jobs.
 */
class FarmRetryTest {
    private static final Pattern JOB = Pattern.compile("object \\[(\\d)] as job ([0-9a-f-]{36})");

    @TempDir
    static Path tmp;
    static Path clip;

    @BeforeAll
    static void sample() throws Exception {
        clip = FarmFixture.clip(tmp);
    }

    private static UUID job(String submitOut, int object) {
        Matcher m = JOB.matcher(submitOut);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == object) {
                return UUID.fromString(m.group(2));
            }
        }
        throw new AssertionError("no job of object " + object + " in: " + submitOut);
    }

    private static void await(FarmQueue queue, UUID id, java.util.function.Predicate<Job> until, String what) throws Exception {
        FarmFixture.await(queue, id, until, what, Duration.ofSeconds(90), Duration.ofMillis(100));
    }

    @Test
    void aBusyFolderIsRetriedWithBackOffThenLogsAndDashboardTellTheStory() throws Exception {
        Path db = tmp.resolve("db-busy");
        Path out = tmp.resolve("busy-out");
        Path shot = FarmFixture.shot(tmp.resolve("busy.json"), clip, out, 10, 24);
        CliRun.Result submit = CliRun.run("farm", "submit", shot.toString(), "--db", db.toString());
        assertEquals(0, submit.code(), submit.err());
        UUID disc = job(submit.out(), 1);

        Files.createDirectories(out);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (FarmQueue queue = new FarmQueue(FarmDatabase.of(db.toString()).open());
                FarmWorker worker = new FarmWorker(queue.storage(), 1, Duration.ofSeconds(5), new PrintStream(log, true, StandardCharsets.UTF_8));
                FarmDashboard.Server dashboard = FarmDashboard.start(queue.storage(), "127.0.0.1", 0)) {
            // a publish waits for a held folder (2 min by default) before it fails; a second here keeps the test short
            System.setProperty(OutputFolder.PUBLISH_WAIT_PROPERTY, "1");
            try (OutputLock held = OutputLock.acquire(out, "a test holding the folder", note -> {})) {
                worker.start();
                await(queue, disc, j -> j.getState() == StateName.SCHEDULED, "the busy job waits for a retry");
                CliRun.Result status = CliRun.run("farm", "status", shot.toString(), "--db", db.toString());
                assertTrue(status.out().lines().anyMatch(l -> l.contains("(job " + disc + "): waiting for a retry after: the output folder "
                        + out + " is in use")), status.out());
                Job j = queue.find(disc).orElseThrow();
                FailedState failed = j.getLastJobStateOfType(FailedState.class).orElseThrow();
                List<org.jobrunr.jobs.states.JobState> states = j.getJobStates();
                ScheduledState retry = (ScheduledState) states.get(states.indexOf(failed) + 1);
                assertFalse(failed.mustNotRetry());
                assertTrue(Duration.between(failed.getCreatedAt(), retry.getScheduledAt()).toMillis() >= 1000,
                        "JobRunr backs off before the retry: " + failed.getCreatedAt() + " -> " + retry.getScheduledAt());

                // the dashboard, bound to the loopback address, lists the job with its state
                assertTrue(dashboard.url().startsWith("http://127.0.0.1:"), dashboard.url());
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "/overview")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode());
                HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(dashboard.url().replace("/dashboard", "")
                        + "/api/jobs/" + disc)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, api.statusCode(), api.body());
                assertTrue(api.body().contains("is in use"), api.body());
            }
            await(queue, disc, j -> j.getState() == StateName.SUCCEEDED, "the job succeeds once the folder is free");
            worker.awaitIdle(queue);
        } finally {
            System.clearProperty(OutputFolder.PUBLISH_WAIT_PROPERTY);
        }
        List<String> logs = CliRun.run("farm", "logs", disc.toString(), "--db", db.toString()).out().lines().toList();
        assertTrue(logs.stream().anyMatch(l -> l.contains("state failed: the output folder " + out + " is in use")), String.join("\n", logs));
        assertTrue(logs.stream().anyMatch(l -> l.contains("state scheduled (Retry 1 of")), String.join("\n", logs));
        assertTrue(logs.stream().anyMatch(l -> l.contains("done: 15 mattes on 15 frames")), String.join("\n", logs));
        assertTrue(logs.get(logs.size() - 1).endsWith("state succeeded"), String.join("\n", logs));

        Path reference = tmp.resolve("busy-reference");
        assertEquals(0, CliRun.run("track", "--shot", shot.toString(), "--out", reference.toString(), "--no-preview").code());
        FarmFixture.assertSameMattes(reference, out, 30);

        // every worker line names the worker's hardware; a job's lines name the shot and the job
        String worker = "[" + FarmWorker.hardware() + "]";
        for (String line : log.toString(StandardCharsets.UTF_8).lines().toList()) {
            assertTrue(line.matches("\\d\\d:\\d\\d(:\\d\\d)? .*") && line.contains(worker), line);
            if (line.contains("tracking ") || line.contains("frame ") || line.contains("done: ")) {
                assertTrue(line.contains("[shot busy.json objects [") && line.contains("[job "), line);
            }
        }
    }

    @Test
    void aMissingPlateFailsAtOnceAndRetryQueuesItAgainOnceItIsBack() throws Exception {
        Path db = tmp.resolve("db-plate");
        Path plate = tmp.resolve("plate.mp4");
        Files.copy(clip, plate);
        Path out = tmp.resolve("plate-out");
        Path shot = FarmFixture.shot(tmp.resolve("plate.json"), plate, out, 10, 19);
        assertEquals(0, CliRun.run("farm", "submit", shot.toString(), "--db", db.toString()).code());
        Path away = tmp.resolve("plate.mp4.away");
        Files.move(plate, away);
        CliRun.Result work = CliRun.run("farm", "work", "--exit-when-idle", "--poll-seconds", "5", "--db", db.toString());
        assertEquals(1, work.code(), work.out() + work.err());
        CliRun.Result status = CliRun.run("farm", "status", shot.toString(), "--db", db.toString());
        assertEquals(2, status.out().lines().filter(l -> l.contains(": failed: ") && l.contains("plate.mp4")).count(), status.out());
        assertTrue(CliRun.run("farm", "status", "--db", db.toString()).out().contains("retrying 0"), "not retried");

        Files.move(away, plate);
        CliRun.Result retry = CliRun.run("farm", "retry", shot.toString(), "--db", db.toString());
        assertEquals(0, retry.code(), retry.err());
        assertTrue(retry.out().contains("queued again: 2 jobs"), retry.out());
        CliRun.Result again = CliRun.run("farm", "retry", shot.toString(), "--db", db.toString());
        assertTrue(again.out().contains("nothing to retry"), again.out());
        CliRun.Result work2 = CliRun.run("farm", "work", "--exit-when-idle", "--poll-seconds", "5", "--db", db.toString());
        assertEquals(0, work2.code(), work2.out() + work2.err());
        CliRun.Result done = CliRun.run("farm", "status", shot.toString(), "--db", db.toString());
        assertEquals(2, done.out().lines().filter(l -> l.endsWith(": done")).count(), done.out());
        assertEquals(20, FarmFixture.mattes(out).size());

        CliRun.Result notAJob = CliRun.run("farm", "logs", "shot.json", "--db", db.toString());
        assertEquals(2, notAJob.code());
        assertTrue(notAJob.err().contains("is not a job id"), notAJob.err());
    }
}
