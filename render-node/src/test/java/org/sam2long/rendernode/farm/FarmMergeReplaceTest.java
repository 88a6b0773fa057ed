package org.sam2long.rendernode.farm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.output.OutputLock;
import org.sam2long.rendernode.testing.CliRun;
import org.sam2long.rendernode.testing.FarmFixture;

/**
 * An edited multi-layer shot submitted while the merge job of its earlier content waits in the queue
 * (content A: queued behind another shot's job) and while it runs (content B: it has merged and waits
 * for the output folder's lock, which the test holds). Real JobRunr on an H2 file, a one-slot worker
 * in this process, the demo model, the sample clip. Oracles: the job states JobRunr recorded (A's
 * merge never ran, B's ran and was deleted), the worker's log (neither published), and {@code
 * sam2long track} of the final content C, whose layered files the output must hold byte for byte,
 * with no parts or staging folder left.
 */
class FarmMergeReplaceTest {
    private static final int LAST = 14;

    @TempDir
    static Path tmp;
    static Path clip;

    @BeforeAll
    static void sample() throws Exception {
        clip = FarmFixture.clip(tmp);
    }

    /** The layered shot (RGBA straight, half float) with the disc clicked at {@code disc}. */
    private static String layered(Path out, String disc) {
        return FarmFixture.layeredShot(clip, LAST, disc, 3, out);
    }

    private static String sha(Path shot) throws Exception {
        return ShotJobIds.sha256(Files.readAllBytes(shot));
    }

    private static UUID mergeOf(Path shot, Path out) throws Exception {
        return ShotJobIds.merge(sha(shot), clip.toString(), out.toAbsolutePath().normalize().toString());
    }

    /** Queues a plain (one file sequence per object) shot into its own folder: work that keeps the one slot busy. */
    private static void queueOther(String name) throws Exception {
        Path other = FarmFixture.shot(tmp.resolve(name + ".json"), clip, tmp.resolve(name + "-out"), 0, 14);
        CliRun.Result r = CliRun.run("farm", "submit", other.toString(), "--objects-per-job", "2", "--db", tmp.resolve("db").toString());
        assertEquals(0, r.code(), r.err());
    }

    private static CliRun.Result submit(Path shot) {
        return CliRun.run("farm", "submit", shot.toString(), "--db", tmp.resolve("db").toString());
    }

    private static ByteArrayOutputStream log;

    private static void await(FarmQueue queue, UUID id, java.util.function.Predicate<Job> until, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (queue.find(id).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        try {
            FarmFixture.await(queue, id, until, what, Duration.ofSeconds(180), Duration.ofMillis(5));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe worker's log:\n" + log.toString(StandardCharsets.UTF_8), e);
        }
    }

    private static List<StateName> history(FarmQueue queue, UUID id) {
        return queue.find(id).orElseThrow().getJobStates().stream().map(org.jobrunr.jobs.states.JobState::getName).toList();
    }

    @Test
    void anEditedShotReplacesTheEarlierContentsWaitingAndRunningMergeJobs() throws Exception {
        Path out = tmp.resolve("out");
        Path shot = tmp.resolve("edit.json");
        Files.writeString(shot, layered(out, "{\"x\": 80, \"y\": 190}")); // content A: the disc's click on the square
        UUID mergeA = mergeOf(shot, out);
        String shaA = sha(shot);
        assertEquals(0, submit(shot).code());
        queueOther("busy1"); // behind A's object jobs: running when A's merge is queued, so that merge waits
        // and it keeps the one slot until B is submitted: its publish waits for its folder's lock, held here
        Path busy1 = Files.createDirectories(tmp.resolve("busy1-out"));
        OutputLock busyHeld = OutputLock.acquire(busy1, "test", n -> {});

        log = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        UUID mergeB;
        String shaB;
        try (busyHeld; FarmQueue queue = new FarmQueue(FarmDatabase.of(tmp.resolve("db").toString()).open());
                FarmWorker worker = new FarmWorker(queue.storage(), new WorkerSlots.Choice(1, "test"), Duration.ofSeconds(5),
                        new PrintStream(log, true, StandardCharsets.UTF_8))) {
            worker.start();
            // 1. A's merge is queued (its parts are complete) but waits behind the other shot's job
            await(queue, mergeA, j -> j.getState() == StateName.ENQUEUED, "A's merge job is queued");
            assertTrue(Files.isDirectory(LayerParts.folder(out, shaA)), "A's parts are complete");
            Files.writeString(shot, layered(out, "{\"x\": 78, \"y\": 186}")); // content B
            mergeB = mergeOf(shot, out);
            shaB = sha(shot);
            CliRun.Result b = submit(shot);
            assertEquals(0, b.code(), b.err());
            assertTrue(b.out().contains("replaced job " + mergeA + " (merge edit.json into layered files, enqueued)"), b.out());
            assertTrue(b.out().contains("removed the parts (multi-layer output) of the shot's earlier content"), b.out());
            assertFalse(Files.exists(LayerParts.folder(out, shaA)), "A's parts are gone at submit");
            busyHeld.close();
            queueOther("busy2"); // behind B's object jobs, as above

            // 2. B's merge runs: the test holds the output folder's lock, so the merge waits for it before publishing. The
            // lock is taken as soon as the merge is queued (from the object job that queued it, which holds it a moment
            // more); the merge normally waits behind the other shot's job, and merging takes a while before it publishes
            await(queue, mergeB, j -> true, "B's merge job is queued");
            OutputLock held = OutputLock.acquire(out, "test", n -> {}, Duration.ofSeconds(30));
            assertTrue(queue.find(mergeB).orElseThrow().getState() != StateName.SUCCEEDED,
                    "B's merge published before the test could take the lock (a very slow test thread):\n" + log);
            CompletableFuture<CliRun.Result> c;
            try {
                await(queue, mergeB, j -> j.getState() == StateName.PROCESSING, "B's merge job runs");
                // its staging folder holds the layered sidecar, written last: it has merged and now waits for the lock
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!merged(out, mergeB) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(merged(out, mergeB), "B's merge wrote its staging folder:\n" + log);
                Files.writeString(shot, layered(out, "{\"x\": 60, \"y\": 120}")); // content C
                c = CompletableFuture.supplyAsync(() -> submit(shot)); // it waits for the lock to remove B's parts
                await(queue, mergeB, j -> j.getState() == StateName.DELETED, "B's running merge job is deleted by the submit");
            } finally {
                held.close();
            }
            CliRun.Result cr = c.get(60, TimeUnit.SECONDS);
            assertEquals(0, cr.code(), cr.err());
            assertTrue(cr.out().contains("stopping job " + mergeB + " (merge edit.json into layered files, running)"), cr.out());
            UUID mergeC = mergeOf(shot, out);
            await(queue, mergeC, j -> j.getState() == StateName.SUCCEEDED, "C's merge job succeeds");
            worker.awaitIdle(queue);
            assertEquals(0, worker.failed(), "replaced jobs are stopped, not failed: " + log);

            List<StateName> a = history(queue, mergeA);
            assertEquals(List.of(StateName.ENQUEUED, StateName.DELETED), a, "A's merge never ran");
            List<StateName> bStates = history(queue, mergeB);
            assertTrue(bStates.contains(StateName.PROCESSING) && bStates.get(bStates.size() - 1) == StateName.DELETED
                    && !bStates.contains(StateName.SUCCEEDED), "B's merge ran and was deleted: " + bStates);
        }
        System.out.printf("farm merge replace: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.lines().noneMatch(l -> l.contains("[job " + mergeA + "]")), "A's merge never ran:\n" + lines);
        List<String> bLines = lines.lines().filter(l -> l.contains("[job " + mergeB + "]")).toList();
        assertTrue(bLines.stream().anyMatch(l -> l.contains("stopped: ")), "B's merge stopped:\n" + lines);
        assertTrue(bLines.stream().noneMatch(l -> l.contains("done: ")), "B's merge published nothing:\n" + lines);

        // what stays is C's: byte for byte what track gives for the final shot, and no parts of any content
        Path reference = tmp.resolve("reference");
        CliRun.Result track = CliRun.run("track", "--shot", shot.toString(), "--out", reference.toString(), "--no-preview");
        assertEquals(0, track.code(), track.err());
        List<Path> want = exrs(reference);
        assertEquals(LAST + 1, want.size(), "one layered file per frame");
        assertEquals(want, exrs(out));
        for (Path f : want) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f.toString());
        }
        assertEquals(sha(shot), new ObjectMapper().readTree(out.resolve("mattes").resolve("mattes.sam2long.json").toFile())
                .path("farm").path("shotSha256").asText(), "the sidecar names C");
        assertFalse(shaB.equals(sha(shot)) || shaA.equals(shaB));
        assertFalse(Files.exists(out.resolve(OutputFolder.STAGING)), "no parts or staging folder left: "
                + (Files.exists(out.resolve(OutputFolder.STAGING)) ? FarmFixture.files(out.resolve(OutputFolder.STAGING)) : ""));
    }

    /** Whether a staging folder of the merge job holds its finished layered sidecar. */
    private static boolean merged(Path out, UUID merge) throws Exception {
        Path staging = out.resolve(OutputFolder.STAGING);
        if (!Files.isDirectory(staging)) {
            return false;
        }
        try (Stream<Path> s = Files.list(staging)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(merge + ".")
                    && Files.isRegularFile(p.resolve("mattes").resolve("mattes.sam2long.json")));
        }
    }

    private static List<Path> exrs(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".exr")).map(folder::relativize).sorted().toList();
        }
    }
}
