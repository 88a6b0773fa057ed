package org.sam2long.ofx.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.ofx.testing.Mattes;

/** A trim never deletes the folder of another live instance, in this process or in another one. */
class InstanceLeaseTest {
    @TempDir
    Path dir;

    private void fill(MatteCache cache, String instance, long lastUse) throws IOException {
        cache.put(new MatteKey(instance, 1, 1, 0), Mattes.square(1, 0, 64, 20, 64, 64));
        cache.markUsed(instance);
        Files.setLastModifiedTime(dir.resolve(instance).resolve(MatteCache.USED), FileTime.fromMillis(lastUse));
    }

    @Test
    void twoLiveInstancesKeepTheirFoldersWhateverTheirLastUseAndTheLimit() throws IOException {
        MatteCache a = new MatteCache(dir), b = new MatteCache(dir);
        fill(a, "instA", 3_000);
        fill(b, "instB", 1_000); // least recently used of all, but live
        fill(a, "closed", 2_000); // an instance no effect holds any more
        try (InstanceLease la = a.lease("instA"); InstanceLease lb = b.lease("instB")) {
            a.trim(0, "instA");
            assertTrue(Files.exists(b.file(new MatteKey("instB", 1, 1, 0))), "the other live instance's matte survives");
            assertTrue(Files.exists(a.file(new MatteKey("instA", 1, 1, 0))), "the caller's own matte survives");
            assertFalse(Files.exists(dir.resolve("closed")), "a folder no live instance claims is trimmed");
            // the same folder claimed twice (a pasted effect keeps its id): the claim lasts until the last one ends
            try (InstanceLease again = b.lease("instB")) {
                lb.close();
                a.trim(0, "instA");
                assertTrue(Files.exists(dir.resolve("instB")), "one claim on instB is still live");
            }
            a.trim(0, "instA");
            assertFalse(Files.exists(dir.resolve("instB")), "once B's effect is gone its folder can go");
            assertTrue(Files.exists(dir.resolve("instA")));
        }
    }

    @Test
    void aFolderClaimedByAnotherHostProcessIsNotTrimmed() throws Exception {
        MatteCache cache = new MatteCache(dir);
        fill(cache, "other", 1_000);
        fill(cache, "mine", 2_000);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path args = dir.resolveSibling(dir.getFileName() + "-cp.args");
        Files.writeString(args, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"");
        Process p = new ProcessBuilder(java.toString(), "@" + args, CacheClaimHolder.class.getName(), dir.toString(), "other")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("claimed"), "the other process did not claim: " + line);
            cache.trim(0, "mine");
            assertTrue(Files.exists(cache.file(new MatteKey("other", 1, 1, 0))), "another process's live instance survives");
            p.getOutputStream().close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            cache.trim(0, "mine");
            assertFalse(Files.exists(dir.resolve("other")), "after that process ends, its folder is trimmed");
            assertTrue(Files.exists(dir.resolve("mine")));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(args);
        }
    }

    @Test
    void aClaimAfterItsFolderWasTrimmedMakesItAgain() throws IOException {
        MatteCache cache = new MatteCache(dir);
        fill(cache, "gone", 1_000);
        cache.lease("gone").close();
        cache.trim(0, "none");
        assertFalse(Files.exists(dir.resolve("gone")));
        try (InstanceLease l = cache.lease("gone")) {
            assertTrue(Files.exists(dir.resolve("gone").resolve(InstanceLease.FILE)));
            cache.trim(0, "none");
            assertTrue(Files.exists(dir.resolve("gone")));
        }
    }
}
