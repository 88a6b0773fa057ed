package org.sam2long.rendernode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.rendernode.testing.CliRun;

/**
 * {@code sam2long bench --memory-only} (issue 19): one peak-RSS run per OBJECTSxP on the demo model,
 * in bench.json and a chart. Oracles outside the code under test: the item counts follow from the
 * tree (P distinct pathways per object: objects x P items per frame once tracking runs), and a peak
 * resident set is at least the resident set at the start of the same run.
 */
class BenchMemoryTest {

    @Test
    void memoryRunsReportPeakRssPerObjectsAndPathways(@TempDir Path out) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "peak RSS needs Linux /proc");
        CliRun.Result r = CliRun.run("bench", "--memory-only", "--memory-distinct", "--frames", "6",
                "--memory-runs", "1x1,2x3", "--provider", "cpu", "--threads", "1", "-o", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("peak RSS MB"), r.out());
        JsonNode runs = new ObjectMapper().readTree(out.resolve("bench.json").toFile()).get("runs");
        assertEquals(2, runs.size());
        int[][] expected = {{1, 1}, {2, 3}};
        for (int i = 0; i < 2; i++) {
            JsonNode run = runs.get(i);
            assertEquals("memory", run.get("label").asText());
            assertEquals(expected[i][0], run.get("objects").asInt());
            assertEquals(expected[i][1], run.get("pathways").asInt());
            long peak = run.get("peakRssBytes").asLong();
            long start = run.get("startRssBytes").asLong();
            assertTrue(start > 0 && peak >= start, "peak " + peak + " vs start " + start);
        }
        // frame 0 is the prompt (no memory yet): items per frame = objects x P x (frames - 1) / frames
        assertEquals(2 * 3 * 5 / 6.0, runs.get(1).get("attentionItemsPerFrame").asDouble(), 1e-9);
        assertTrue(Files.size(out.resolve("peak-rss-vs-objects.png")) > 0);
        assertTrue(Files.notExists(out.resolve("fps-vs-objects.png")), "no fps chart from memory runs alone");
    }
}
