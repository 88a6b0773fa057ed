package org.sam2long.engine.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader never sees a torn one: the bytes go to a hidden temporary file in
 * the same folder ({@code .name.tmp-XXXX}), are flushed to disk, and the temporary file is then
 * renamed over the target with ATOMIC_MOVE. On any failure the temporary file is deleted and the
 * target keeps its old content (or stays absent).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Replaces {@code target} with {@code bytes}, atomically. */
    public static void write(Path target, byte[] bytes) throws MatteWriteException {
        Path tmp = temporary(target);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw failure(target, e);
        }
        commit(tmp, target);
    }

    /**
     * A fresh temporary path beside {@code target} (its folder is created), keeping the target's
     * extension so that tools choosing a format by extension still work; finish with
     * {@link #commit(Path, Path)} or delete it.
     */
    public static Path temporary(Path target) throws MatteWriteException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MatteWriteException("Cannot create the output folder " + dir + " for " + target.getFileName()
                    + ": " + reason(e) + ".", e);
        }
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        return dir.resolve("." + name + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ext);
    }

    /** Renames a finished temporary file over {@code target} atomically (deleting it on failure). */
    public static void commit(Path tmp, Path target) throws MatteWriteException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw failure(target, e);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more can be done; the name starts with a dot and ends in .tmp-*
        }
    }

    static MatteWriteException failure(Path target, IOException e) {
        return new MatteWriteException("Could not write " + target + ": " + reason(e)
                + "; files finished before it are kept.", e);
    }

    /** A short human reason: "the disk is full", "permission denied", "... is not a folder". */
    static String reason(IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left") || msg.contains("Disk quota")) {
            return "the disk is full (" + msg + ")";
        }
        if (e instanceof AccessDeniedException || msg.contains("Permission denied") || msg.contains("Read-only file system")) {
            return "permission denied or read-only file system";
        }
        if (e instanceof FileAlreadyExistsException) {
            return ((FileSystemException) e).getFile() + " exists and is not a folder";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + " (" + fse.getFile() + ")";
        }
        return msg;
    }
}
