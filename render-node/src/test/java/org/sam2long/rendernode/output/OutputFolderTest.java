package org.sam2long.rendernode.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.media.MatteObject;
import org.sam2long.engine.media.MatteWriter;
import org.sam2long.presets.Overrides;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.rendernode.input.BadInputException;

/** The output folder's lock, the rerun rule and the settling of sidecars, on files made here. */
class OutputFolderTest {
    @TempDir
    Path tmp;

    private MatteWriter writer(Path out, String... names) {
        List<MatteObject> objects = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            objects.add(new MatteObject(i + 1, names[i]));
        }
        return new MatteWriter(out, PresetLibrary.builtInOnly().resolveDefault(Overrides.none()).output(), objects);
    }

    private static void mattes(Path out, String name, int from, int to) throws Exception {
        Files.createDirectories(out.resolve(name));
        for (int f = from; f <= to; f++) {
            Files.write(out.resolve(name).resolve(String.format("%s.%04d.png", name, f)), new byte[] {1});
        }
    }

    private static long count(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".png")).count();
        }
    }

    @Test
    void secondRunFailsAtOnceNamingTheHolder() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("o"));
        try (OutputLock first = OutputLock.acquire(out, "track", n -> {})) {
            OutputBusyException e = assertThrows(OutputBusyException.class, () -> OutputLock.acquire(out, "track", n -> {}));
            assertTrue(e.getMessage().contains("is in use by process " + ProcessHandle.current().pid() + " on "), e.getMessage());
            assertTrue(e.getMessage().contains("sam2long track, started "), e.getMessage());
        }
        assertEquals(0, Files.size(out.resolve(OutputLock.NAME)), "released: emptied");
        OutputLock.acquire(out, "track", n -> {}).close();
    }

    @Test
    void aPublishWaitsForTheLockWithinItsPatienceAndNoLonger() throws Exception {
        Path out = tmp.resolve("patient");
        Files.createDirectories(out);
        OutputLock first = OutputLock.acquire(out, "farm", n -> {});
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException ignored) {
                // release now
            }
            first.close();
        });
        long t0 = System.nanoTime();
        release.start();
        try (OutputLock second = OutputLock.acquire(out, "farm", n -> {}, java.time.Duration.ofSeconds(60))) {
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waitedMs >= 600, "taken only once the first let go, after " + waitedMs + " ms");
            assertTrue(Files.readString(out.resolve(OutputLock.NAME)).contains("\"farm\""));
        }
        release.join();

        try (OutputLock held = OutputLock.acquire(out, "track", n -> {})) {
            long t1 = System.nanoTime();
            OutputBusyException e = assertThrows(OutputBusyException.class,
                    () -> OutputLock.acquire(out, "farm", n -> {}, java.time.Duration.ofMillis(300)));
            assertTrue((System.nanoTime() - t1) / 1_000_000 >= 290, "waited its patience");
            assertTrue(e.getMessage().contains("in use by"), e.getMessage());
            String[] outcome = {"still waiting"};
            Thread waiter = new Thread(() -> {
                try {
                    OutputLock.acquire(out, "farm", n -> {}, java.time.Duration.ofSeconds(60)).close();
                    outcome[0] = "taken";
                } catch (OutputBusyException busy) {
                    outcome[0] = "busy, interrupted " + Thread.currentThread().isInterrupted();
                } catch (Exception other) {
                    outcome[0] = other.toString();
                }
            });
            waiter.start();
            Thread.sleep(300);
            waiter.interrupt();
            waiter.join(5_000);
            assertEquals("busy, interrupted true", outcome[0], "an interrupt (a cancelled job) ends the wait at once");
        }
    }

    @Test
    void lockOfADeadProcessOnThisHostIsTakenOverWithANote() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("stale"));
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        Files.writeString(out.resolve(OutputLock.NAME), new ObjectMapper().writeValueAsString(Map.of(
                "pid", gone.pid(), "host", OutputLock.host(), "started", Instant.now().toString(), "command", "track",
                "token", "old")));
        List<String> notes = new ArrayList<>();
        try (OutputLock lock = OutputLock.acquire(out, "track", notes::add)) {
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("took over the lock") && notes.get(0).contains("process " + gone.pid())
                    && notes.get(0).contains("no longer running"), notes.get(0));
            assertTrue(Files.readString(lock.file()).contains("\"pid\":" + ProcessHandle.current().pid()));
        }
    }

    @Test
    void rerunIsRefusedWithoutOverwriteAndReplacesOnlyItsObjectsWithIt() throws Exception {
        Path out = tmp.resolve("rerun");
        mattes(out, "hero", 0, 299);
        mattes(out, "car", 0, 9);
        Files.writeString(out.resolve("hero").resolve("hero.sam2long.json"), "{}");
        MatteWriter w = writer(out, "hero");
        BadInputException e = assertThrows(BadInputException.class,
                () -> OutputFolder.open(out, w, false, "track", Map.of(), n -> {}));
        assertTrue(e.getMessage().contains("already holds 300 mattes of hero") && e.getMessage().contains("--overwrite"),
                e.getMessage());
        assertEquals(300, count(out.resolve("hero")), "refused: nothing removed");
        List<String> notes = new ArrayList<>();
        try (OutputFolder f = OutputFolder.open(out, w, true, "track", Map.of(), notes::add)) {
            assertEquals(0, count(out.resolve("hero")), "old frames of the object removed");
            assertFalse(Files.exists(out.resolve("hero").resolve("hero.sam2long.json")));
            assertEquals(10, count(out.resolve("car")), "other objects kept");
            assertTrue(notes.get(0).contains("removed 300 old mattes of hero"), notes.toString());
            // the new run writes 48 frames, then settles: the sidecar says 48
            mattes(out, "hero", 1001, 1048);
            f.expectFrames(48);
            OutputFolder.OnDisk disk = f.settle(false, false);
            assertEquals(48, disk.mattes());
            JsonNode side = new ObjectMapper().readTree(out.resolve("hero").resolve("hero.sam2long.json").toFile());
            assertEquals(48, side.get("frames").get("count").asInt());
            assertEquals("1001-1048", side.get("frames").get("ranges").asText());
            assertTrue(side.get("complete").asBoolean());
        }
    }

    @Test
    void aRefusalUnderTheLockChangesNothingAndReleasesTheLock() throws Exception {
        // the farm's "may this job still publish?" check: it runs holding the lock, before the rerun rule removes anything
        Path out = tmp.resolve("refused");
        mattes(out, "hero", 0, 9);
        Files.writeString(out.resolve("hero").resolve("hero.sam2long.json"), "{}");
        MatteWriter w = writer(out, "hero");
        boolean[] heldWhenAsked = {false};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputFolder.open(out, w, true, "farm",
                Map.of(), n -> {}, java.time.Duration.ZERO, () -> {
                    heldWhenAsked[0] = Files.exists(OutputLock.fileIn(out))
                            && assertThrows(OutputBusyException.class, () -> OutputLock.acquire(out, "another run", n -> {})) != null;
                    throw new IllegalStateException("replaced meanwhile");
                }));
        assertEquals("replaced meanwhile", e.getMessage());
        assertTrue(heldWhenAsked[0], "the check runs while the folder is locked");
        assertEquals(10, count(out.resolve("hero")), "nothing was removed");
        assertTrue(Files.exists(out.resolve("hero").resolve("hero.sam2long.json")));
        try (OutputFolder f = OutputFolder.open(out, w, true, "track", Map.of(), n -> {})) {
            assertEquals(0, count(out.resolve("hero")), "the lock was released; the next run replaces the mattes");
        }
    }

    @Test
    void settlingRemovesTemporaryFilesAndDescribesExactlyTheDisk() throws Exception {
        Path out = tmp.resolve("settle");
        MatteWriter w = writer(out, "disc", "square");
        try (OutputFolder f = OutputFolder.open(out, w, false, "track", Map.of("engineVersion", "test"), n -> {})) {
            f.expectFrames(120);
            mattes(out, "disc", 5, 7);
            mattes(out, "disc", 9, 9);
            Path temp = out.resolve("disc").resolve(".disc.0008.png.tmp-3fa9c2.png");
            Files.write(temp, new byte[] {1});
            Files.createDirectories(out.resolve("square"));
            Files.writeString(out.resolve("square").resolve("square.sam2long.json"), "{\"frames\":{\"count\":50}}");
            OutputFolder.OnDisk disk = f.settle(true, false);
            assertFalse(Files.exists(temp), "temporary file removed");
            assertEquals(4, disk.frames());
            JsonNode side = new ObjectMapper().readTree(out.resolve("disc").resolve("disc.sam2long.json").toFile());
            assertEquals("5-7,9", side.get("frames").get("ranges").asText());
            assertEquals(4, side.get("frames").get("count").asInt());
            assertTrue(side.get("cancelled").asBoolean());
            assertFalse(side.get("complete").asBoolean());
            assertEquals("test", side.get("engineVersion").asText(), "provenance kept when the engine wrote no sidecar");
            assertFalse(Files.exists(out.resolve("square").resolve("square.sam2long.json")),
                    "a sidecar for an object without mattes on disk is removed");
        }
    }

    @Test
    void unusableFoldersAreOneSentence() throws Exception {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertTrue(assertThrows(BadInputException.class, () -> OutputFolder.check(file, "--out")).getMessage()
                .contains("is a file, not a folder"));
        assertTrue(assertThrows(BadInputException.class, () -> OutputFolder.check(Path.of(""), "--out")).getMessage()
                .contains("--out is empty"));
        MatteWriter w = writer(file.resolve("sub"), "x");
        assertThrows(BadInputException.class, () -> OutputFolder.open(file.resolve("sub"), w, false, "track", Map.of(), n -> {}));
    }

    @Test
    void frameOffsetIsHonouredWhenReadingTheDisk() throws Exception {
        Path out = tmp.resolve("offset");
        MatteWriter w = new MatteWriter(out, PresetLibrary.builtInOnly()
                .resolveDefault(Overrides.of("output.frameOffset=1000")).output(), List.of(new MatteObject(1, "hero")));
        mattes(out, "hero", 1000, 1004);
        BadInputException e = assertThrows(BadInputException.class,
                () -> OutputFolder.open(out, w, false, "track", Map.of(), n -> {}));
        assertTrue(e.getMessage().contains("already holds 5 mattes of hero"), e.getMessage());
        try (OutputFolder f = OutputFolder.open(out, w, true, "track", Map.of(), n -> {})) {
            mattes(out, "hero", 1010, 1011);
            assertEquals(2, f.settle(false, false).mattes());
        }
    }
}
