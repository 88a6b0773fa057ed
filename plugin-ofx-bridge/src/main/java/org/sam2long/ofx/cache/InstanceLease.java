package org.sam2long.ofx.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * A live effect instance's claim on its cache folder, so no trim (in this process or another host
 * process on the machine) deletes it while the instance exists: a shared lock on the folder's
 * {@value #FILE} file, held from the first use until {@link #close()}. In this process the claims are
 * counted per folder (two instances may share a folder: a pasted effect keeps its id; and the JVM
 * allows one lock per file per process); the lock is taken with the first claim and dropped with the
 * last. A trim takes an exclusive lock on the same file before it deletes, so a claim and a trim of one
 * folder never overlap: a claim that finds the folder gone meanwhile takes a new lock on the new file.
 */
public final class InstanceLease implements AutoCloseable {
    static final String FILE = ".in-use";
    /** Live claims of this process, by instance folder. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path folder;
    private boolean closed;

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int count;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private InstanceLease(Path folder) {
        this.folder = folder;
    }

    /** Claims {@code folder} (created if missing) for a live instance. */
    static InstanceLease claim(Path folder) throws IOException {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (HELD) {
            Held h = HELD.get(key);
            if (h == null) {
                h = lock(key);
                HELD.put(key, h);
            }
            h.count++;
        }
        return new InstanceLease(key);
    }

    private static Held lock(Path folder) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Files.createDirectories(folder);
            Path file = folder.resolve(FILE);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            boolean ok = false;
            try {
                Object before = fileKey(file);
                FileLock lock = ch.lock(0, Long.MAX_VALUE, true); // waits while a trim deletes this folder
                if (before != null && before.equals(fileKey(file))) {
                    ok = true;
                    return new Held(ch, lock);
                }
                if (attempt >= 3) {
                    throw new IOException("the cache folder " + folder + " keeps being deleted while it is claimed");
                }
            } finally {
                if (!ok) {
                    ch.close();
                }
            }
        }
    }

    /** The file's identity (device and inode), or null when it is gone. */
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Runs {@code delete} on {@code folder} only if no live instance claims it, here or in another
     * process (an exclusive lock on its claim file, held while deleting). Returns whether it ran.
     * A folder whose claim file cannot be locked (a file system without locks) counts as claimed.
     */
    static boolean deleteIfUnclaimed(Path folder, IoAction delete) throws IOException {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(key)) {
                return false;
            }
            // a folder never claimed (from before claims) gets its claim file here, so a claim racing this trim
            // locks the same file and waits, or finds it deleted and claims anew
            Path file = key.resolve(FILE);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = ch.tryLock(0, Long.MAX_VALUE, false);
                } catch (OverlappingFileLockException | IOException e) {
                    return false;
                }
                if (lock == null) {
                    return false; // another process's live instance
                }
                try {
                    delete.run();
                    return true;
                } finally {
                    if (lock.isValid()) {
                        lock.release();
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                return false;
            }
        }
    }

    /** A file operation that may fail. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    public Path folder() {
        return folder;
    }

    /** Ends this claim; the folder's lock goes with the last claim of this process. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held h = HELD.get(folder);
            if (h != null && --h.count == 0) {
                HELD.remove(folder);
                try {
                    h.channel.close(); // releases the lock
                } catch (IOException e) {
                    // the lock goes with the channel whatever close says
                }
            }
        }
    }
}
