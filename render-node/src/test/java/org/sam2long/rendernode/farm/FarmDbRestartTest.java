package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.testing.CliRun;
import org.sam2long.rendernode.testing.FarmFixture;
import org.sam2long.rendernode.testing.FarmPostgres;

/**
 * The queue's PostgreSQL server stopped and started again under a running worker, mid-job: the
 * worker reconnects and goes on; the interrupted shot completes exactly once and a shot submitted
 * after the restart completes too, both with the mattes of {@code sam2long track}.
 */
class FarmDbRestartTest {
    private static final Pattern JOB = Pattern.compile("as job ([0-9a-f-]{36})");

    @TempDir
    static Path tmp;
    static FarmPostgres pg;
    static Path clip;
    static Path credentials;

    @BeforeAll
    static void server() throws Exception {
        pg = FarmPostgres.start();
        clip = FarmFixture.clip(tmp);
        credentials = pg.credentials(tmp);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private List<UUID> submit(Path shot) {
        CliRun.Result r = CliRun.run("farm", "submit", shot.toString(), "--db", pg.url(), "--db-credentials", credentials.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<UUID> ids = new ArrayList<>();
        Matcher m = JOB.matcher(r.out());
        while (m.find()) {
            ids.add(UUID.fromString(m.group(1)));
        }
        return ids;
    }

    @Test
    void workersRideOutADatabaseRestart() throws Exception {
        Path outA = tmp.resolve("out-a");
        List<UUID> jobs = new ArrayList<>(submit(FarmFixture.shot(tmp.resolve("a.json"), clip, outA, 10, 39)));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        try (FarmQueue queue = new FarmQueue(FarmDatabase.of(pg.url(), credentials).open());
                FarmWorker worker = new FarmWorker(queue.storage(), 1, Duration.ofSeconds(5), new PrintStream(log, true, StandardCharsets.UTF_8))) {
            worker.start();
            Path staging = outA.resolve(ShotJobHandler.STAGING);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (mattesIn(staging) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(mattesIn(staging) >= 3, "a job is tracking: " + log);
            pg.stop();
            long down = System.nanoTime();
            Thread.sleep(15_000);
            pg.restart();
            System.out.printf("database down for %.1f s mid-job%n", (System.nanoTime() - down) / 1e9);

            Path outB = tmp.resolve("out-b");
            jobs.addAll(submit(FarmFixture.shot(tmp.resolve("b.json"), clip, outB, 10, 39)));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline && !jobs.stream().allMatch(id -> state(queue, id) == StateName.SUCCEEDED)) {
                Thread.sleep(250);
            }
            for (UUID id : jobs) {
                Job j = queue.find(id).orElseThrow();
                assertEquals(StateName.SUCCEEDED, j.getState(), "job " + id + ": " + queue.logs(id) + "\nworker:\n" + log);
                assertEquals(1, j.getJobStates().stream().filter(s -> s.getName() == StateName.SUCCEEDED).count());
            }
            System.out.printf("after the restart: %d jobs done, JobRunr server restarted %d time(s) by the worker, %.1f s in all%n",
                    jobs.size(), worker.reconnects(), (System.nanoTime() - t0) / 1e9);
            Path reference = tmp.resolve("reference");
            assertEquals(0, CliRun.run("track", "--shot", tmp.resolve("a.json").toString(), "--out", reference.toString(), "--no-preview").code());
            FarmFixture.assertSameMattes(reference, outA, 60);
            FarmFixture.assertSameMattes(reference, outB, 60);
        }
    }

    private static StateName state(FarmQueue queue, UUID id) {
        try {
            return queue.find(id).map(Job::getState).orElse(null);
        } catch (RuntimeException databaseDown) {
            return null;
        }
    }

    private static long mattesIn(Path staging) {
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(staging)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".png") && !p.getFileName().toString().startsWith(".")).count();
        } catch (Exception vanished) {
            return 0;
        }
    }
}
