package org.sam2long.rendernode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.output.OutputFolder;
import org.sam2long.rendernode.output.OutputLock;
import org.sam2long.rendernode.testing.CliProcess;

/**
 * {@code sam2long track} as a separate OS process (the test's own class path, the bundled demo
 * model and sample clip): SIGINT and SIGTERM at random frames, a second signal that aborts, and
 * two runs into one folder at once.
 */
class TrackProcessTest {
    private static final Pattern PROGRESS = Pattern.compile("tracking: (\\d+)/\\d+ frames");
    private static final Pattern MATTE = Pattern.compile("(disc|square)\\.(\\d{4})\\.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path clip;
    static Path prompts;

    @BeforeAll
    static void sample() throws Exception {
        clip = tmp.resolve("orbit.mp4");
        prompts = tmp.resolve("orbit.prompts.json");
        try (var in = TrackProcessTest.class.getClassLoader().getResourceAsStream(DemoCommand.CLIP)) {
            Files.copy(in, clip);
        }
        try (var in = TrackProcessTest.class.getClassLoader().getResourceAsStream(DemoCommand.PROMPTS)) {
            Files.copy(in, prompts);
        }
    }

    /** A started track and where its output goes. */
    record Track(Process process, Path out, Path stdout, Path stderr) {
        int progress() throws IOException {
            int last = -1;
            Matcher m = PROGRESS.matcher(Files.readString(stdout));
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
            return last;
        }

        String log() throws IOException {
            return Files.readString(stdout) + Files.readString(stderr);
        }
    }

    static Track start(Path out, String name) throws IOException {
        return start(out, name, "-i", clip.toString(), "-p", prompts.toString(), "-o", out.toString(), "--no-preview",
                "--pathways", "1");
    }

    static Track start(Path out, String name, String... trackArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("track"));
        args.addAll(List.of(trackArgs));
        CliProcess.Child c = CliProcess.start(tmp, name, "1g", true, args.toArray(String[]::new));
        return new Track(c.process(), out, c.stdout(), c.stderr());
    }

    static void signal(Process p, String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void signalsAtRandomFramesLeaveWholeMattesAndTruthfulSidecars() throws Exception {
        // the last trial signals while the model loads (the folder is locked, nothing tracked yet)
        String[][] trials = {{"INT"}, {"TERM"}, {"INT", "TERM"}, {"TERM"}};
        String env = System.getenv("SAM2LONG_SIGNAL_SEED");
        long seed = env != null && env.matches("\\d+") ? Long.parseLong(env) : Long.getLong("sam2long.signalSeed", 15);
        Random rnd = new Random(seed);
        for (int t = 0; t < trials.length; t++) {
            System.out.println("signal trial (seed " + seed + "): " + trial(t, trials[t], t == trials.length - 1, rnd));
        }
    }

    private static String trial(int t, String[] signals, boolean early, Random rnd) throws Exception {
        Path out = tmp.resolve("sig" + t);
        Track track = start(out, "sig" + t);
        int target = early ? -1 : 2 + rnd.nextInt(25);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        if (early) {
            Path lock = out.resolve(OutputLock.NAME);
            while (!(Files.exists(lock) && Files.size(lock) > 0) && track.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } else {
            while (track.progress() < target && track.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(rnd.nextInt(150));
        }
        int atProgress = track.progress();
        long sent = System.nanoTime();
        signal(track.process(), signals[0]);
        long second = 0;
        if (signals.length > 1) {
            Thread.sleep(50 + rnd.nextInt(200));
            second = System.nanoTime();
            signal(track.process(), signals[1]);
        }
        assertTrue(track.process().waitFor(60, TimeUnit.SECONDS), "trial " + t + " ends: " + track.log());
        double exitMs = (System.nanoTime() - (second > 0 ? second : sent)) / 1e6;
        String log = track.log();
        assertEquals(ExitCodes.CANCELLED, track.process().exitValue(), "trial " + t + ": " + log);
        assertTrue(log.contains("cancelled "), log);
        assertFalse(log.contains("Exception") || log.contains("\tat "), log);
        int frames = checkFolder(out, false);
        if (second > 0) {
            assertTrue(exitMs < 3000, "a second signal aborts at once: " + exitMs + " ms");
        }
        return String.format("%s at tracker step %d: exit 3, %.0f ms after the %s signal, %d frames on disk, sidecars match",
                String.join("+", signals), atProgress, exitMs, second > 0 ? "second" : "first", frames);
    }

    @Test
    void twoTracksIntoOneFolderAtOnce() throws Exception {
        Path out = tmp.resolve("shared");
        Path shot = Files.writeString(tmp.resolve("shot.json"), """
                {"format": "sam2long-shot", "version": 1,
                 "source": {"path": "%s", "first": 10, "last": 69},
                 "objects": [{"id": 1, "name": "disc", "prompts": [{"frame": 10, "clicks": [{"x": 60, "y": 120}]}]},
                             {"id": 2, "name": "square", "prompts": [{"frame": 10, "clicks": [{"x": 80, "y": 190}]}]}],
                 "preset": {"overrides": {"tracking.pathways": 1}},
                 "output": {"folder": "%s"}}
                """.formatted(clip.toString().replace("\\", "/"), out.toString().replace("\\", "/")));
        Track a = start(out, "a", "--shot", shot.toString(), "--no-preview");
        Path lock = out.resolve(OutputLock.NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lock) && Files.size(lock) > 0) && a.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Track b = start(out, "b", "--shot", shot.toString(), "--no-preview");
        assertTrue(b.process().waitFor(60, TimeUnit.SECONDS));
        String bLog = b.log();
        assertEquals(ExitCodes.BUSY, b.process().exitValue(), bLog);
        assertTrue(bLog.contains("is in use by process " + a.process().pid()), bLog);
        assertTrue(a.process().isAlive(), "the first run was still running when the second gave up");
        assertTrue(a.process().waitFor(120, TimeUnit.SECONDS));
        assertEquals(ExitCodes.OK, a.process().exitValue(), a.log());
        assertEquals(60, checkFolder(out, true), "the first run's output is whole: plate frames 10..69");
        assertEquals(0, Files.size(lock), "the lock is released");
        System.out.println("two tracks into one folder: second exit 4 naming pid " + a.process().pid() + ", first exit 0, 60 frames (shot range 10..69)");
    }

    /** No temporary files; every sidecar lists exactly the frames on disk; returns the frames on disk. */
    static int checkFolder(Path out, boolean complete) throws IOException {
        TreeSet<Integer> all = new TreeSet<>();
        if (!Files.exists(out)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(out)) {
            List<Path> temps = s.filter(OutputFolder::isTemporary).toList();
            assertEquals(List.of(), temps, "no temporary files");
        }
        for (String object : List.of("disc", "square")) {
            Path dir = out.resolve(object);
            TreeSet<Integer> frames = new TreeSet<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.forEach(p -> {
                        Matcher m = MATTE.matcher(p.getFileName().toString());
                        if (m.matches()) {
                            frames.add(Integer.parseInt(m.group(2)));
                        }
                    });
                }
            }
            Path sidecar = dir.resolve(object + ".sam2long.json");
            if (frames.isEmpty()) {
                assertFalse(Files.exists(sidecar), "no mattes, no sidecar: " + sidecar);
                continue;
            }
            JsonNode doc = JSON.readTree(sidecar.toFile());
            JsonNode f = doc.get("frames");
            assertEquals(frames.size(), f.get("count").asInt(), sidecar + " count vs disk " + frames);
            assertEquals(frames.first(), f.get("first").asInt(), sidecar.toString());
            assertEquals(frames.last(), f.get("last").asInt(), sidecar.toString());
            assertEquals(frames.last() - frames.first() + 1, frames.size(), "mattes on disk have no gaps: " + frames);
            assertEquals(frames.size() == 1 ? frames.first().toString() : frames.first() + "-" + frames.last(),
                    f.get("ranges").asText(), sidecar.toString());
            assertEquals(!complete, doc.get("cancelled").asBoolean(), sidecar.toString());
            assertEquals(complete, doc.get("complete").asBoolean(), sidecar.toString());
            all.addAll(frames);
        }
        return all.size();
    }
}
