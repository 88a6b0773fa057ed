package org.sam2long.ofx.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.matte.Matte;
import org.sam2long.ofx.testing.Mattes;

class MatteCacheTest {
    @TempDir
    Path dir;

    private static MatteKey key(int version, int object, int frame) {
        return new MatteKey("inst1", version, object, frame);
    }

    @Test
    void aStoredMatteComesBackBitForBit() throws IOException {
        MatteCache cache = new MatteCache(dir);
        Matte m = Mattes.square(3, 7, 32, 6, 160, 120);
        cache.put(key(1, 3, 1007), m);
        Matte back = cache.get(key(1, 3, 1007)).orElseThrow();
        assertArrayEquals(m.lowRes(), back.lowRes());
        assertEquals(java.util.List.of(m.objectId(), m.frameIndex(), m.maskSize(), m.width(), m.height(), m.pathway()),
                java.util.List.of(back.objectId(), back.frameIndex(), back.maskSize(), back.width(), back.height(), back.pathway()));
        assertEquals(m.presence(), back.presence());
        assertEquals(m.score(), back.score());
    }

    @Test
    void aMissingOrDamagedFileIsAMiss() throws IOException {
        MatteCache cache = new MatteCache(dir);
        assertTrue(cache.get(key(1, 1, 0)).isEmpty());
        cache.put(key(1, 1, 0), Mattes.square(1, 0, 16, 4, 32, 32));
        Files.write(cache.file(key(1, 1, 0)), new byte[] {1, 2, 3});
        assertTrue(cache.get(key(1, 1, 0)).isEmpty());
    }

    @Test
    void aNewVersionInheritsOnlyTheKeptObjectsAndLeavesTheOldOneAlone() throws IOException {
        MatteCache cache = new MatteCache(dir);
        cache.put(key(1, 1, 0), Mattes.square(1, 0, 16, 4, 32, 32));
        cache.put(key(1, 2, 0), Mattes.square(2, 0, 16, 4, 32, 32));
        cache.inherit("inst1", 1, 2, id -> id != 2);
        assertTrue(cache.contains(key(2, 1, 0)));
        assertFalse(cache.contains(key(2, 2, 0)));
        cache.put(key(2, 1, 0), Mattes.square(1, 0, 16, 2, 32, 32));
        assertEquals(Mattes.square(1, 0, 16, 4, 32, 32).area(), cache.get(key(1, 1, 0)).orElseThrow().area());
    }

    @Test
    void retainOnlyDropsEveryOtherVersion() throws IOException {
        MatteCache cache = new MatteCache(dir);
        for (int v = 1; v <= 3; v++) {
            cache.put(key(v, 1, 0), Mattes.square(1, 0, 16, 4, 32, 32));
        }
        cache.retainOnly("inst1", 3);
        assertFalse(cache.contains(key(1, 1, 0)));
        assertFalse(cache.contains(key(2, 1, 0)));
        assertTrue(cache.contains(key(3, 1, 0)));
    }

    @Test
    void trimDropsLeastRecentlyUsedInstancesButNeverTheProtectedOne() throws IOException {
        MatteCache cache = new MatteCache(dir);
        for (String inst : new String[] {"old", "mid", "current"}) {
            cache.put(new MatteKey(inst, 1, 1, 0), Mattes.square(1, 0, 64, 20, 64, 64));
        }
        used("old", 1_000);
        used("mid", 2_000);
        used("current", 0);
        long one = Files.size(cache.file(new MatteKey("old", 1, 1, 0)));
        cache.trim(one + 10, "current");
        assertFalse(Files.exists(dir.resolve("old")));
        assertFalse(Files.exists(dir.resolve("mid")));
        assertTrue(Files.exists(dir.resolve("current")));
    }

    /** Use, not folder modification, orders the trim: reading an old instance's matte keeps it. */
    @Test
    void trimGoesByLastUseNotByWhenTheFolderChanged() throws IOException {
        MatteCache writer = new MatteCache(dir);
        writer.put(new MatteKey("readOften", 1, 1, 0), Mattes.square(1, 0, 64, 20, 64, 64));
        writer.put(new MatteKey("writtenLast", 1, 1, 0), Mattes.square(1, 0, 64, 20, 64, 64));
        used("readOften", 1_000);
        used("writtenLast", 2_000);
        Files.setLastModifiedTime(dir.resolve("readOften"), FileTime.fromMillis(0)); // an old folder
        MatteCache reader = new MatteCache(dir); // a later session renders readOften's frames
        assertTrue(reader.get(new MatteKey("readOften", 1, 1, 0)).isPresent());
        long one = Files.size(reader.file(new MatteKey("readOften", 1, 1, 0)));
        reader.trim(one + 10, "none");
        assertTrue(Files.exists(dir.resolve("readOften")));
        assertFalse(Files.exists(dir.resolve("writtenLast")));
    }

    /** Stray files and folders (a notes file, an OS thumbnail folder) never break the cache, and are left alone. */
    @Test
    void strayEntriesAreIgnoredAndKept() throws IOException {
        MatteCache cache = new MatteCache(dir);
        cache.put(key(1, 1, 0), Mattes.square(1, 0, 16, 4, 32, 32));
        Path inst = dir.resolve("inst1");
        Files.writeString(inst.resolve("v1").resolve("notes.txt"), "mine");
        Files.createDirectories(inst.resolve("v1").resolve("oops"));
        Files.createDirectories(inst.resolve("v1").resolve(".thumbnails"));
        Files.writeString(inst.resolve("README"), "mine");
        Files.createDirectories(dir.resolve("not-an-instance").resolve("stuff"));
        Files.writeString(dir.resolve("not-an-instance").resolve("stuff").resolve("big.bin"), "x".repeat(100_000));
        cache.inherit("inst1", 1, 2, id -> true);
        assertTrue(cache.contains(key(2, 1, 0)));
        cache.retainOnly("inst1", 2);
        assertFalse(cache.contains(key(1, 1, 0)));
        assertTrue(Files.exists(inst.resolve("README")));
        cache.trim(0, "other");
        assertFalse(Files.exists(inst.resolve("v2")), "the instance is dropped above the limit");
        assertTrue(Files.exists(dir.resolve("not-an-instance").resolve("stuff").resolve("big.bin")), "a folder the cache did not make is kept");
    }

    private void used(String instance, long millis) throws IOException {
        Files.setLastModifiedTime(dir.resolve(instance).resolve(MatteCache.USED), FileTime.fromMillis(millis));
    }

    @Test
    void instanceIdsThatCouldEscapeTheCacheFolderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MatteKey("../etc", 1, 1, 0));
    }

    @Test
    void theCodecRejectsFilesThatAreNotMattes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatteCodec.write(Mattes.square(1, 0, 8, 2, 8, 8), out);
        byte[] bytes = out.toByteArray();
        bytes[0] = 'X';
        IOException e = assertThrows(IOException.class, () -> MatteCodec.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("bad magic"));
    }
}
