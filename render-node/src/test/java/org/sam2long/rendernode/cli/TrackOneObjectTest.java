package org.sam2long.rendernode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.testing.CliRun;

/**
 * {@code track --object ID}: a shot tracked one object per run into one folder (as an exported farm
 * job does it) gives the same mattes, byte for byte, as one run over the whole shot.
 */
class TrackOneObjectTest {
    @TempDir
    static Path tmp;
    static Path shot;

    @BeforeAll
    static void sample() throws Exception {
        Path clip = tmp.resolve("orbit.mp4");
        try (var in = TrackOneObjectTest.class.getClassLoader().getResourceAsStream(DemoCommand.CLIP)) {
            Files.copy(in, clip);
        }
        shot = tmp.resolve("shot020.json");
        Files.writeString(shot, """
                {"format": "sam2long-shot", "version": 1,
                 "source": {"path": "%s", "first": 0, "last": 19},
                 "objects": [
                   {"id": 1, "name": "disc", "prompts": [{"frame": 0, "clicks": [{"x": 60, "y": 120}]}]},
                   {"id": 2, "name": "square", "prompts": [{"frame": 0, "clicks": [{"x": 80, "y": 190}]}]}
                 ],
                 "preset": {"name": "default", "overrides": {"model.name": "sam2long-demo", "tracking.direction": "forward"}}}
                """.formatted(clip));
    }

    private static List<Path> pngs(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.toString().endsWith(".png")).map(folder::relativize).sorted().toList();
        }
    }

    @Test
    void objectByObjectIntoOneFolderEqualsTheWholeShot() throws Exception {
        Path split = tmp.resolve("split");
        CliRun.Result second = CliRun.run("track", "--shot", shot.toString(), "--object", "2", "--out", split.toString(), "--no-preview");
        assertEquals(0, second.code(), second.err());
        assertFalse(Files.exists(split.resolve("disc")), "only the square was tracked");
        CliRun.Result first = CliRun.run("track", "--shot", shot.toString(), "--object", "1", "--out", split.toString(), "--no-preview");
        assertEquals(0, first.code(), first.err());

        Path whole = tmp.resolve("whole");
        CliRun.Result all = CliRun.run("track", "--shot", shot.toString(), "--out", whole.toString(), "--no-preview");
        assertEquals(0, all.code(), all.err());

        List<Path> files = pngs(whole);
        assertEquals(40, files.size(), "20 frames x 2 objects");
        assertEquals(files, pngs(split));
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(split.resolve(f)), f.toString());
        }
    }

    @Test
    void anObjectTheShotLacksIsOneSentenceNamingTheShotAndItsObjects() {
        CliRun.Result r = CliRun.run("track", "--shot", shot.toString(), "--object", "7", "--object", "1",
                "--out", tmp.resolve("none").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--object 7: " + shot + " has no such object (its objects: 1, 2)"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(tmp.resolve("none")), "nothing was written");
    }
}
