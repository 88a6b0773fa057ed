package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.internal.track.ModelRunner;

/** The manifest's "attention" label as the batch budget reads it, with and without a key-chunk suffix. */
class AttentionLabelTest {

    private static int tile(Path dir, String label) throws Exception {
        Files.writeString(dir.resolve("manifest.json"),
                label == null ? "{}" : "{\"attention\": \"" + label + "\"}");
        return ModelRunner.attentionTile(dir);
    }

    @Test
    void readsTheQueryTileWithOrWithoutKeyChunks(@TempDir Path dir) throws Exception {
        assertEquals(512, tile(dir, "query-tiled/512"));
        assertEquals(512, tile(dir, "query-tiled/512+key-chunked/1024"));
        assertEquals(0, tile(dir, "full+key-chunked/1024"));
        assertEquals(0, tile(dir, "full"));
        assertEquals(0, tile(dir, null));
    }
}
