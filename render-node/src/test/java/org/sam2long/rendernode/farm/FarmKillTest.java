package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.sam2long.rendernode.cli.Sam2LongCli;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.testing.CliRun;
import org.sam2long.rendernode.testing.FarmFixture;
import org.sam2long.rendernode.testing.FarmPostgres;
import org.sam2long.rendernode.testing.CliProcess;

/**
 * Two render nodes as separate OS processes against one real PostgreSQL; in each trial one node is
 * killed with SIGKILL at a random frame of a job it is tracking (three kills, overlapping, over four
 * shots), and a new node is started in its
 * place. JobRunr's failover (a node silent for four 5-second polls, JobRunr's shortest, is dead) gives the job to a live
 * node. Every shot must complete exactly once, with exactly the mattes of {@code sam2long track},
 * byte for byte, and no temporary or staging file left. The seed is printed; rerun one with
 * {@code -Dsam2long.killSeed=N}.
 */
class FarmKillTest {
    private static final int FIRST = 10;
    private static final int LAST = 39;
    private static final int FRAMES = LAST - FIRST + 1;
    private static final Pattern JOB = Pattern.compile("as job ([0-9a-f-]{36})");

    @TempDir
    static Path tmp;
    static FarmPostgres pg;
    static Path clip;
    static Path credentials;
    static Path reference;
    static final List<Node> nodes = new ArrayList<>();
    static int started;

    /** A render node process and its log files. */
    record Node(Process process, Path stdout, Path stderr) {
        String log() throws IOException {
            return Files.readString(stdout) + Files.readString(stderr);
        }
    }

    @BeforeAll
    static void farm() throws Exception {
        pg = FarmPostgres.start();
        clip = FarmFixture.clip(tmp);
        credentials = pg.credentials(tmp);
        // the oracle: sam2long track on the same shot content, in this JVM
        reference = tmp.resolve("reference");
        Path shot = FarmFixture.shot(tmp.resolve("reference.json"), clip, reference, FIRST, LAST);
        CliRun.Result track = CliRun.run("track", "--shot", shot.toString(), "--no-preview");
        assertEquals(0, track.code(), track.out() + track.err());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Node n : nodes) {
            n.process().destroy();
        }
        for (Node n : nodes) {
            if (!n.process().waitFor(20, TimeUnit.SECONDS)) {
                n.process().destroyForcibly();
            }
        }
        if (pg != null) {
            pg.close();
        }
    }

    static Node startNode() throws IOException {
        int i = started++;
        CliProcess.Child c = CliProcess.start(tmp, "node" + i, "768m", false, "farm", "work", "--db", pg.url(),
                "--db-credentials", credentials.toString(), "--poll-seconds", "5");
        Node n = new Node(c.process(), c.stdout(), c.stderr());
        nodes.add(n);
        return n;
    }

    @Test
    void nodesKilledAtRandomFramesLoseNoShotAndTearNoFile() throws Exception {
        long seed = Long.getLong("sam2long.killSeed", System.nanoTime() % 100_000);
        Random rnd = new Random(seed);
        System.out.println("kill trials, seed " + seed + " (-Dsam2long.killSeed=" + seed + " repeats them)");
        long t0 = System.nanoTime();
        // all shots at once: JobRunr moves a dead node's job after 4 polls of at least 5 s, so the kills overlap
        int shots = 4;
        List<List<UUID>> jobs = new ArrayList<>();
        for (int t = 0; t < shots; t++) {
            jobs.add(submit(t));
        }
        startNode();
        startNode();
        List<String> kills = new ArrayList<>();
        java.util.Set<String> hit = new java.util.HashSet<>();
        for (int k = 0; k < 3; k++) {
            kills.add(kill(k, rnd, shots, hit));
        }
        try (FarmQueue queue = new FarmQueue(FarmDatabase.of(pg.url(), credentials).open())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            List<UUID> all = jobs.stream().flatMap(List::stream).toList();
            while (System.nanoTime() < deadline && !all.stream().allMatch(id -> queue.find(id).orElseThrow().getState() == StateName.SUCCEEDED)) {
                for (UUID id : all) {
                    Job j = queue.find(id).orElseThrow();
                    assertFalse(j.getState() == StateName.FAILED && j.getLastJobStateOfType(org.jobrunr.jobs.states.FailedState.class)
                            .map(org.jobrunr.jobs.states.FailedState::mustNotRetry).orElse(false), "job " + id + " failed for good: " + queue.logs(id));
                }
                Thread.sleep(250);
            }
            String logs = logs();
            for (UUID id : all) {
                Job j = queue.find(id).orElseThrow();
                assertEquals(StateName.SUCCEEDED, j.getState(), "job " + id + ": " + queue.logs(id) + logs);
                assertEquals(1, j.getJobStates().stream().filter(s -> s.getName() == StateName.SUCCEEDED).count(), "job " + id + " succeeded once");
                assertEquals(1, countOccurrences(logs, "[job " + id + "] done: "), "one node finished job " + id + logs);
            }
            long orphaned = all.stream().mapToLong(id -> queue.find(id).orElseThrow().getJobStates().stream()
                    .filter(s -> s.getName() == StateName.FAILED).count()).sum();
            assertTrue(orphaned >= kills.size(), "each killed attempt ended as a failure JobRunr retried: " + orphaned);
        }
        for (int t = 0; t < shots; t++) {
            Path out = tmp.resolve("out" + t);
            FarmFixture.assertSameMattes(reference, out, 2 * FRAMES);
            try (Stream<Path> s = Files.walk(out)) {
                List<Path> leftovers = s.filter(p -> OutputFolder.isTemporary(p) || p.toString().contains(ShotJobHandler.STAGING)).toList();
                assertEquals(List.of(), leftovers, "no temporary or staging files in " + out);
            }
        }
        for (String k : kills) {
            System.out.println(k);
        }
        System.out.printf("%d shots, %d SIGKILLs: every job done once, mattes identical to track; %.1f s%n", shots, kills.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    private List<UUID> submit(int t) throws IOException {
        Path out = tmp.resolve("out" + t);
        Path shot = FarmFixture.shot(tmp.resolve("shot" + t + ".json"), clip, out, FIRST, LAST);
        CliRun.Result submit = CliRun.run("farm", "submit", shot.toString(), "--db", pg.url(), "--db-credentials", credentials.toString());
        assertEquals(0, submit.code(), submit.out() + submit.err());
        List<UUID> ids = new ArrayList<>();
        Matcher m = JOB.matcher(submit.out());
        while (m.find()) {
            ids.add(UUID.fromString(m.group(1)));
        }
        assertEquals(2, ids.size(), submit.out());
        return ids;
    }

    /** Waits until an attempt of a job not hit before holds a random number of whole mattes, SIGKILLs its node, starts another. */
    private String kill(int k, Random rnd, int shots, java.util.Set<String> hit) throws Exception {
        int target = rnd.nextInt(FRAMES - 8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        Path attempt = null;
        while (attempt == null && System.nanoTime() < deadline) {
            for (int t = 0; t < shots && attempt == null; t++) {
                attempt = attemptWithAtLeast(tmp.resolve("out" + t).resolve(ShotJobHandler.STAGING), target, hit);
            }
            if (attempt == null) {
                Thread.sleep(10);
            }
        }
        assertTrue(attempt != null, "kill " + k + ": no attempt reached " + target + " frames; logs: " + logs());
        String name = attempt.getFileName().toString();
        Node victim = null;
        for (Node n : nodes) {
            if (n.process().isAlive() && Files.readString(n.stdout()).contains(name)) {
                victim = n;
            }
        }
        assertTrue(victim != null, "the node tracking " + name + " is found: " + logs());
        victim.process().destroyForcibly(); // SIGKILL on Linux
        assertTrue(victim.process().waitFor(10, TimeUnit.SECONDS));
        int onDisk = countMattes(attempt);
        hit.add(name.substring(0, 36));
        startNode(); // the restarted node
        return String.format("kill %d: SIGKILL (exit %d) of node %d with %d whole mattes in attempt %s of %s (target %d)", k,
                victim.process().exitValue(), victim.process().pid(), onDisk, name.substring(37), attempt.getParent().getParent().getFileName(),
                target);
    }

    /** An attempt folder of the shot holding at least {@code n} whole mattes (hidden temporary files do not count). */
    private static Path attemptWithAtLeast(Path staging, int n, java.util.Set<String> hit) throws IOException {
        if (!Files.isDirectory(staging)) {
            return null;
        }
        try (Stream<Path> s = Files.list(staging)) {
            for (Path a : s.toList()) {
                if (hit.contains(a.getFileName().toString().substring(0, Math.min(36, a.getFileName().toString().length())))) {
                    continue;
                }
                try {
                    if (countMattes(a) >= n) {
                        return a;
                    }
                } catch (IOException | java.io.UncheckedIOException vanished) {
                    // finished and published meanwhile
                }
            }
        } catch (IOException | java.io.UncheckedIOException vanished) {
            // ditto
        }
        return null;
    }

    private static int countMattes(Path attempt) throws IOException {
        if (!Files.isDirectory(attempt)) {
            return -1;
        }
        try (Stream<Path> s = Files.walk(attempt)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".png") && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static int countOccurrences(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (Node n : nodes) {
            b.append("\n--- node ").append(n.process().pid()).append(n.process().isAlive() ? " (alive)" : " (ended)").append('\n')
                    .append(n.log());
        }
        return b.toString();
    }
}
