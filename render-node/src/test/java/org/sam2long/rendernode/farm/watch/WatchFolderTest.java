package org.sam2long.rendernode.farm.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jobrunr.storage.JobStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.rendernode.cli.Sam2LongCli;
import org.sam2long.rendernode.farm.FarmDatabase;
import org.sam2long.rendernode.farm.FarmQueue;
import org.sam2long.rendernode.testing.CliProcess;

/**
 * The watch folder with real parts: Commons IO's monitor on a real folder, the same planner and
 * JobRunr queue as {@code farm submit} on an H2 file, the bundled sample clip. The queue's own
 * counts are the oracle for "submitted once".
 */
class WatchFolderTest {
    @TempDir
    static Path tmp;
    static Path clip;
    static FarmQueue queue;

    @BeforeAll
    static void sample() throws Exception {
        clip = tmp.resolve("orbit.mp4");
        try (var in = WatchFolderTest.class.getClassLoader().getResourceAsStream("sample/orbit.mp4")) {
            Files.copy(in, clip);
        }
        queue = new FarmQueue(FarmDatabase.of(tmp.resolve("db").resolve("farm").toString()).open());
    }

    @AfterAll
    static void close() {
        queue.close();
    }

    static String shot(String out, int discX) {
        return """
                {"format": "sam2long-shot", "version": 1,
                 "source": {"path": "%s"},
                 "objects": [
                   {"id": 1, "name": "disc", "prompts": [{"frame": 0, "clicks": [{"x": %d, "y": 120}]}]},
                   {"id": 2, "name": "square", "prompts": [{"frame": 0, "clicks": [{"x": 80, "y": 190}]}]}
                 ],
                 "preset": {"name": "default", "overrides": {"model.name": "sam2long-demo"}},
                 "output": {"folder": "%s"}}
                """.formatted(clip, discX, tmp.resolve(out));
    }

    record Watch(WatchFolder folder, ByteArrayOutputStream log) {
        String text() {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    static Watch watch(Path dir) throws Exception {
        return watch(dir, Duration.ofMillis(1000));
    }

    static Watch watch(Path dir, Duration settle) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        WatchCommand command = new WatchCommand(PresetLibrary.builtInOnly());
        WatchFolder w = new WatchFolder(dir, command.submitter(queue), settle, Duration.ofMillis(200),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        w.start();
        return new Watch(w, log);
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static long enqueued() {
        JobStats s = queue.stats();
        return s.getEnqueued();
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aGoodShotIsSubmittedOnceAndTheSameShotAgainQueuesNothing() throws Exception {
        Path dir = tmp.resolve("drop-good");
        long before = enqueued();
        Watch w = watch(dir);
        try {
            // written under a hidden name and renamed in, as copy tools do
            Path hidden = dir.resolve(".shot010.json");
            Files.writeString(hidden, shot("good-out", 60));
            Files.move(hidden, dir.resolve("shot010.json"), StandardCopyOption.ATOMIC_MOVE);
            await("the shot to be submitted", () -> w.folder().submitted() == 1);
            assertEquals(before + 2, enqueued(), "two objects, two jobs: " + w.text());
            assertTrue(w.text().contains("submitted shot010.json: 2 of 2 jobs queued"), w.text());
            assertEquals(List.of("shot010.json"), names(dir.resolve("submitted")));

            Files.writeString(dir.resolve("shot010.json"), shot("good-out", 60));
            await("the same shot again", () -> w.folder().submitted() == 2);
            assertEquals(before + 2, enqueued(), "nothing new queued: " + w.text());
            assertTrue(w.text().contains("submitted shot010.json (kept as submitted/shot010-2.json): 0 of 2 jobs queued"), w.text());
            assertEquals(List.of("rejected", "submitted"), names(dir));
            assertEquals(0, w.folder().rejected());
        } finally {
            w.folder().close();
        }
    }

    @Test
    void aBadShotIsRejectedWithItsSentence() throws Exception {
        Path dir = tmp.resolve("drop-bad");
        long before = enqueued();
        Watch w = watch(dir);
        try {
            Files.writeString(dir.resolve("bad.json"), shot("bad-out", 6000));
            Files.writeString(dir.resolve("notes.txt"), "not a shot");
            await("the shot to be rejected", () -> w.folder().rejected() == 1);
            assertEquals(List.of("bad.json", "bad.json.error.txt"), names(dir.resolve("rejected")));
            String why = Files.readString(dir.resolve("rejected").resolve("bad.json.error.txt"));
            assertTrue(why.contains("6000") && why.contains("bad.json"), why);
            assertFalse(why.contains("Exception") || why.contains("\tat "), why);
            assertTrue(w.text().contains("rejected bad.json: "), w.text());
            assertEquals(before, enqueued(), "nothing queued");
            assertTrue(Files.exists(dir.resolve("notes.txt")), "other files are left alone");
            assertFalse(Files.exists(tmp.resolve("bad-out")), "nothing written");
        } finally {
            w.folder().close();
        }
    }

    @Test
    void aFileStillBeingWrittenIsNotTakenEarly() throws Exception {
        Path dir = tmp.resolve("drop-slow");
        Watch w = watch(dir, Duration.ofMillis(2000));
        try {
            byte[] text = shot("slow-out", 60).getBytes(StandardCharsets.UTF_8);
            int[] cuts = {0, text.length / 4, text.length / 2, 3 * text.length / 4, text.length};
            // each piece comes 0.6 s after the one before, well under the 2 s settle time (room for a loaded machine):
            // 1.8 s in all, and every prefix is broken JSON that would be rejected if it were taken
            try (OutputStream out = Files.newOutputStream(dir.resolve("slow.json"))) {
                for (int i = 0; i + 1 < cuts.length; i++) {
                    if (i > 0) {
                        Thread.sleep(600);
                    }
                    out.write(text, cuts[i], cuts[i + 1] - cuts[i]);
                    out.flush();
                }
            }
            assertEquals(0, w.folder().rejected() + w.folder().submitted(), "taken before it was complete: " + w.text());
            await("the finished file to be submitted", () -> w.folder().submitted() == 1);
            assertEquals(0, w.folder().rejected(), w.text());
            assertEquals(List.of("slow.json"), names(dir.resolve("submitted")));
        } finally {
            w.folder().close();
        }
    }

    @Test
    void ctrlCStopsTheWatchCleanly() throws Exception {
        Path dir = tmp.resolve("drop-process");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("early.json"), shot("process-out", 60));  // there before the watch starts
        CliProcess.Child watch = CliProcess.start(tmp, "watch", "512m", true, "farm", "watch", dir.toString(), "--db",
                tmp.resolve("db-process").resolve("farm").toString(), "--settle-seconds", "0.5");
        Process p = watch.process();
        Path so = watch.stdout();
        Path se = watch.stderr();
        try {
            await("the early shot to be submitted", () -> read(so).contains("submitted early.json"));
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped after Ctrl-C");
            assertEquals(0, p.exitValue(), read(so) + read(se));
            assertTrue(read(so).contains("stopped: 1 submitted, 0 rejected"), read(so));
            assertEquals(List.of("early.json"), names(dir.resolve("submitted")));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
