package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
import org.sam2long.presets.PresetLibrary;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.testing.CliProcess;
import org.sam2long.rendernode.testing.FarmFixture;
import org.sam2long.rendernode.testing.CliRun;

/**
 * Merge jobs (multi-layer EXR) whose {@code farm work} process is killed with SIGKILL while merging:
 * three shots' merges queued on an H2 file, a worker process per trial killed once its merge's staging
 * folder holds a random number of layered frames (0 to all of them, the last case landing in the
 * publish), then a fresh worker finishes what JobRunr's failover hands back. Oracles: {@code sam2long
 * track} of the shot (every layered file byte for byte), the job states JobRunr recorded (each merge
 * succeeded exactly once; each killed one has the failure of its dead attempt), and the folders (no
 * temporary file, no staging folder or part left). The parts are made once by {@code track --part}
 * (the exported steps' path, the farm object jobs' format) and copied to the other shots' folders, so
 * the workers only merge. The seed is printed; rerun one with {@code -Dsam2long.killSeed=N}.
 */
class FarmMergeKillTest {
    private static final int LAST = 15;
    private static final int FRAMES = LAST + 1;
    private static final int SHOTS = 3;
    private static final Pattern MERGING = Pattern.compile("\\[job ([0-9a-f-]{36})\\] merging the parts");

    @TempDir
    static Path tmp;
    static Path clip;
    static Path reference;
    static final List<CliProcess.Child> nodes = new ArrayList<>();
    static final List<CliProcess.Child> victims = new ArrayList<>();
    static java.sql.Connection serve;
    static final Set<String> publishedBeforeKill = new HashSet<>();

    private static String layered(Path out) {
        return FarmFixture.layeredShot(clip, LAST, "{\"x\": 60, \"y\": 120}", 4, out);
    }

    private static Path shot(int k) throws IOException {
        Path file = tmp.resolve("shot" + k + ".json");
        if (!Files.exists(file)) {
            Files.writeString(file, layered(tmp.resolve("out" + k)));
        }
        return file;
    }

    private static String sha(Path shot) throws IOException {
        return ShotJobIds.sha256(Files.readAllBytes(shot));
    }

    @BeforeAll
    static void referenceAndParts() throws Exception {
        // one connection held open for the whole test: this JVM serves the H2 file (AUTO_SERVER) to the workers, so
        // neither workers starting at once nor a killed one leave the others waiting on H2's file lock
        serve = FarmDatabase.of(tmp.resolve("db").toString()).dataSource().getConnection();
        // one worker process per merge, started now so that their start-up overlaps the tracking below; they idle
        // until the merges are queued
        for (int k = 0; k < SHOTS; k++) {
            victims.add(node());
        }
        clip = tmp.resolve("orbit.mp4");
        try (var in = FarmMergeKillTest.class.getClassLoader().getResourceAsStream("sample/orbit.mp4")) {
            Files.copy(in, clip);
        }
        reference = tmp.resolve("reference");
        CliRun.Result track = CliRun.run("track", "--shot", shot(0).toString(), "--out", reference.toString(), "--no-preview");
        assertEquals(0, track.code(), track.out() + track.err());
        CliRun.Result parts = CliRun.run("track", "--shot", shot(0).toString(), "--object", "1", "--object", "2", "--no-preview", "--part");
        assertEquals(0, parts.code(), parts.out() + parts.err());
        assertTrue(parts.out().contains("every object's part is done"), parts.out());
        Path from = LayerParts.folder(tmp.resolve("out0"), sha(shot(0)));
        for (int k = 1; k < SHOTS; k++) {
            copyTree(from, LayerParts.folder(tmp.resolve("out" + k), sha(shot(k))));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (CliProcess.Child n : nodes) {
            n.process().destroyForcibly();
            n.process().waitFor(10, TimeUnit.SECONDS);
        }
        if (serve != null) {
            serve.close();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static CliProcess.Child node(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("farm", "work", "--db", tmp.resolve("db").toString(), "--slots", "1",
                "--poll-seconds", "5"));
        args.addAll(List.of(extra));
        CliProcess.Child c = CliProcess.start(tmp, "node" + nodes.size(), "512m", false, args.toArray(String[]::new));
        nodes.add(c);
        return c;
    }

    @Test
    void workersKilledWhileMergingLeaveWholeLayeredFilesIdenticalToTrack() throws Exception {
        long seed = Long.getLong("sam2long.killSeed", System.nanoTime() % 100_000);
        Random rnd = new Random(seed);
        System.out.println("merge kill trials, seed " + seed + " (-Dsam2long.killSeed=" + seed + " repeats them)");
        long t0 = System.nanoTime();
        try (FarmQueue queue = new FarmQueue(FarmDatabase.of(tmp.resolve("db").toString()).open())) {
            List<UUID> merges = new ArrayList<>();
            for (int k = 0; k < SHOTS; k++) {
                ShotMergeRequest m = ShotMergeRequest.of(new ShotPlanner(PresetLibrary.builtInOnly()).plan(shot(k), 1).get(0));
                assertTrue(queue.enqueueMerge(m)); // as the object job that completes the last part queues it
                merges.add(ShotJobIds.of(m));
            }
            // each worker is killed during its first merge, so none finishes one and takes another's
            List<Integer> targets = new ArrayList<>();
            for (int k = 0; k < SHOTS; k++) {
                targets.add(rnd.nextInt(FRAMES + 1));
            }
            Set<String> hit = new HashSet<>();
            publishedBeforeKill.clear();
            List<String> kills = killWhileMerging(victims, targets, hit, t0);
            CliProcess.Child last = node("--exit-when-idle");
            assertTrue(last.process().waitFor(120, TimeUnit.SECONDS), "the fresh worker finishes: " + last.log());
            assertEquals(0, last.process().exitValue(), last.log());
            kills.add(String.format("%.1f s: the fresh worker is done", (System.nanoTime() - t0) / 1e9));
            for (String k : kills) {
                System.out.println(k);
            }

            for (UUID id : merges) {
                Job j = queue.find(id).orElseThrow();
                assertEquals(StateName.SUCCEEDED, j.getState(), "merge " + id + ": " + queue.logs(id));
                assertEquals(1, j.getJobStates().stream().filter(s -> s.getName() == StateName.SUCCEEDED).count(), "merge " + id
                        + " succeeded once: " + queue.logs(id));
                if (hit.contains(id.toString()) && !publishedBeforeKill.contains(id.toString())) {
                    assertTrue(j.getJobStates().stream().anyMatch(s -> s.getName() == StateName.FAILED),
                            "the killed attempt of " + id + " ended as a failure JobRunr retried: " + queue.logs(id));
                }
            }
        }
        for (int k = 0; k < SHOTS; k++) {
            Path out = tmp.resolve("out" + k);
            List<Path> want = exrs(reference);
            assertEquals(FRAMES, want.size());
            assertEquals(want, exrs(out), "the layered files of " + out);
            for (Path f : want) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), out + ": " + f);
            }
            try (Stream<Path> s = Files.walk(out)) {
                List<Path> leftovers = s.filter(p -> OutputFolder.isTemporary(p) || p.toString().contains(OutputFolder.STAGING)).toList();
                assertEquals(List.of(), leftovers, "no temporary, staging or part files in " + out);
            }
        }
        System.out.printf("%d merges, %d SIGKILLs while merging: each merged once, layered files identical to track; %.1f s%n",
                SHOTS, SHOTS, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Polls every worker until its first merge's staging folder holds its target number of layered
     * frames ({@value #FRAMES}: every frame, the sidecar next, then the publish) and SIGKILLs it there.
     */
    private List<String> killWhileMerging(List<CliProcess.Child> victims, List<Integer> targets, Set<String> hit, long t0)
            throws Exception {
        List<String> kills = new ArrayList<>();
        String[] jobs = new String[victims.size()];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (hit.size() < SHOTS && System.nanoTime() < deadline) {
            for (int i = 0; i < victims.size(); i++) {
                CliProcess.Child node = victims.get(i);
                if (!node.process().isAlive() || hit.size() == SHOTS) {
                    continue;
                }
                String log = CliProcess.read(node.stdout());
                if (jobs[i] == null) {
                    Matcher m = MERGING.matcher(log);
                    jobs[i] = m.find() ? m.group(1) : null;
                }
                if (jobs[i] == null) {
                    continue;
                }
                int seen = -1;
                for (int k = 0; k < SHOTS; k++) {
                    seen = Math.max(seen, layeredIn(tmp.resolve("out" + k), jobs[i]));
                }
                boolean published = log.contains("[job " + jobs[i] + "] done: ");
                if (seen < targets.get(i) && !published) {
                    continue;
                }
                node.process().destroyForcibly(); // SIGKILL on Linux
                assertTrue(node.process().waitFor(10, TimeUnit.SECONDS));
                published = CliProcess.read(node.stdout()).contains("[job " + jobs[i] + "] done: ");
                hit.add(jobs[i]);
                if (published) {
                    publishedBeforeKill.add(jobs[i]);
                }
                kills.add(String.format("%.1f s: SIGKILL (exit %d) of worker %d merging %s: %d of %d layered frames in its staging"
                        + " folder at the kill (target %d)%s", (System.nanoTime() - t0) / 1e9, node.process().exitValue(),
                        node.process().pid(), jobs[i], seen, FRAMES, targets.get(i), published ? ", the merge had published already" : ""));
            }
            Thread.sleep(2);
        }
        StringBuilder logs = new StringBuilder();
        for (CliProcess.Child n : victims) {
            logs.append("\n--- ").append(n.stdout().getFileName()).append('\n').append(n.log());
        }
        assertEquals(SHOTS, hit.size(), "every merge's worker was killed while merging it: " + kills + logs);
        for (CliProcess.Child n : victims) {
            n.process().destroyForcibly(); // a worker that got no merge (another took two): the fresh worker alone finishes
            n.process().waitFor(10, TimeUnit.SECONDS);
        }
        return kills;
    }

    /**
     * The layered frames (whole files; hidden temporaries do not count; the sidecar counts as one more) in
     * the merge job's staging folder in {@code out}, or -1 when it has none.
     */
    private static int layeredIn(Path out, String job) throws IOException {
        Path staging = out.resolve(OutputFolder.STAGING);
        if (!Files.isDirectory(staging)) {
            return -1;
        }
        int n = -1;
        try (Stream<Path> s = Files.list(staging)) {
            for (Path work : s.filter(p -> p.getFileName().toString().startsWith(job + ".")).toList()) {
                try (Stream<Path> files = Files.walk(work)) {
                    n = Math.max(n, (int) files.filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> p.toString().endsWith(".exr") || p.toString().endsWith(".sam2long.json")).count());
                }
            }
        } catch (IOException | java.io.UncheckedIOException vanished) {
            return n; // published or removed meanwhile
        }
        return n;
    }

    private static List<Path> exrs(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".exr")).map(folder::relativize).sorted().toList();
        }
    }
}
