package org.sam2long.rendernode.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jobrunr.jobs.Job;
import org.sam2long.rendernode.farm.FarmQueue;

/** The farm tests' shots: the bundled sample clip, its two objects, the demo model, forward tracking. */
public final class FarmFixture {
    private FarmFixture() {}

    /** Copies the bundled sample clip into {@code folder}. */
    public static Path clip(Path folder) throws IOException {
        Path clip = folder.resolve("orbit.mp4");
        try (InputStream in = FarmFixture.class.getClassLoader().getResourceAsStream("sample/orbit.mp4")) {
            Files.copy(in, clip);
        }
        return clip;
    }

    /**
     * Writes a shot document tracking the sample's disc and square on plate frames {@code first..last}
     * into {@code out}.
     */
    public static Path shot(Path file, Path clip, Path out, int first, int last) throws IOException {
        String json = """
                {"format": "sam2long-shot", "version": 1,
                 "source": {"path": "%s", "first": %d, "last": %d},
                 "objects": [
                   {"id": 1, "name": "disc", "prompts": [{"frame": %d, "clicks": [{"x": 60, "y": 120}]}]},
                   {"id": 2, "name": "square", "prompts": [{"frame": %d, "clicks": [{"x": 80, "y": 190}]}]}
                 ],
                 "preset": {"name": "default", "overrides": {"model.name": "sam2long-demo", "tracking.direction": "forward"}},
                 "output": {"folder": "%s"}}
                """.formatted(clip.toString().replace("\\", "/"), first, last, first, first, out.toString().replace("\\", "/"));
        Files.writeString(file, json);
        return file;
    }

    /**
     * The text of a multi-layer EXR shot (half float, RGBA straight, {@code mattes/mattes.{frame}.exr})
     * on plate frames 0..{@code last}: the disc clicked at {@code discClick} (JSON) on frame 0, the
     * square prompted on {@code squareFrame}, so the frames before it hold an empty layer.
     */
    public static String layeredShot(Path clip, int last, String discClick, int squareFrame, Path out) {
        return """
                {"format": "sam2long-shot", "version": 1,
                 "source": {"path": "%s", "first": 0, "last": %d},
                 "objects": [
                   {"id": 1, "name": "disc", "prompts": [{"frame": 0, "clicks": [%s]}]},
                   {"id": 2, "name": "square", "prompts": [{"frame": %d, "clicks": [{"x": 80, "y": 190}]}]}
                 ],
                 "preset": {"name": "default", "overrides": {"model.name": "sam2long-demo", "tracking.direction": "forward",
                   "output.format": "exr_half", "output.channels": "rgba_straight", "output.exrLayers": true,
                   "output.filenameTemplate": "mattes/mattes.{frame}.{ext}"}},
                 "output": {"folder": "%s"}}
                """.formatted(clip, last, discClick, squareFrame, out);
    }

    /** Every file under {@code folder} (relative, sorted), hidden ones included. */
    public static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }

    /** The matte files under {@code folder} (relative, sorted). */
    public static List<Path> mattes(Path folder) throws IOException {
        return files(folder).stream().filter(p -> p.toString().endsWith(".png")).toList();
    }

    /** Asserts that {@code actual} holds exactly the mattes of {@code expected}, byte for byte. */
    public static void assertSameMattes(Path expected, Path actual, int count) throws IOException {
        List<Path> want = mattes(expected);
        assertEquals(count, want.size(), "mattes of the reference run");
        assertEquals(want, mattes(actual), "the same matte files");
        for (Path f : want) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f.toString());
        }
    }

    /**
     * Polls the queue every {@code poll} until the job satisfies {@code until}; after {@code timeout}
     * fails saying {@code what} did not happen, with the job's history.
     */
    public static void await(FarmQueue queue, UUID id, Predicate<Job> until, String what, Duration timeout, Duration poll)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (until.test(queue.find(id).orElseThrow())) {
                return;
            }
            Thread.sleep(poll.toMillis());
        }
        throw new AssertionError(what + "; the job's history: " + queue.logs(id));
    }
}
