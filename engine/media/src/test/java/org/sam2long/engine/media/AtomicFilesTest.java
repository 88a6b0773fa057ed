package org.sam2long.engine.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.matte.AlphaMatte;
import org.sam2long.engine.matte.OutputSettings.Channels;
import org.sam2long.engine.matte.OutputSettings.MatteFormat;
import org.sam2long.engine.matte.OutputSettings;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
        }
    }

    @Test
    void replacesAnExistingFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out/a.png");
        AtomicFiles.write(target, new byte[100_000]);
        byte[] second = new byte[10];
        java.util.Arrays.fill(second, (byte) 7);
        AtomicFiles.write(target, second);
        assertArrayEquals(second, Files.readAllBytes(target));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFailedRenameKeepsTheOldTargetAndRemovesTheTemporaryFile() throws Exception {
        Path target = dir.resolve("busy.exr");
        Files.createDirectories(target.resolve("child"));
        MatteWriteException e = assertThrows(MatteWriteException.class, () -> AtomicFiles.write(target, new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().startsWith("Could not write " + target + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; files finished before it are kept."), e.getMessage());
        assertTrue(Files.isDirectory(target.resolve("child")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void anUnwritableOutputFolderIsNamed() throws Exception {
        Path blocker = Files.write(dir.resolve("shots"), new byte[] {1});
        MatteWriteException e = assertThrows(MatteWriteException.class,
                () -> AtomicFiles.write(blocker.resolve("hero/hero.1001.png"), new byte[] {1}));
        assertTrue(e.getMessage().startsWith("Cannot create the output folder " + blocker.resolve("hero") + " for hero.1001.png: "),
                e.getMessage());
    }

    @Test
    void aFullDiskIsSaidPlainly() {
        MatteWriteException e = AtomicFiles.failure(dir.resolve("hero.1001.exr"), new IOException("No space left on device"));
        assertEquals("Could not write " + dir.resolve("hero.1001.exr") + ": the disk is full (No space left on device);"
                + " files finished before it are kept.", e.getMessage());
    }

    @Test
    void framesFinishedBeforeAFailureStay() throws Exception {
        MatteObject hero = new MatteObject(1, "hero");
        MatteWriter w = new MatteWriter(dir, new OutputSettings(MatteFormat.PNG16, Channels.ALPHA, false,
                "{name}.{frame}.{ext}", 4, 0), List.of(hero));
        AlphaMatte m = new AlphaMatte(1, 0, 4, 4, new float[16]);
        w.write(1001, List.of(m), null);
        w.write(1002, List.of(m), null);
        Files.createDirectories(dir.resolve("hero.1003.png/blocked"));
        MatteWriteException e = assertThrows(MatteWriteException.class, () -> w.write(1003, List.of(m), null));
        assertTrue(e.getMessage().startsWith("Could not write " + dir.toAbsolutePath().resolve("hero.1003.png")), e.getMessage());
        assertTrue(Files.size(dir.resolve("hero.1001.png")) > 0);
        assertTrue(Files.size(dir.resolve("hero.1002.png")) > 0);
        assertEquals(List.of(), leftovers());
    }
}
