package org.sam2long.rendernode.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The lock a run takes on its output folder: the hidden file {@value #NAME} holding the holder's
 * process id, host, start time and command, guarded by an operating-system file lock that dies with
 * the process. A second run fails at once naming the holder. A lock file whose process is gone
 * (killed with -9, power loss) is taken over with a note. The file is emptied, never deleted, on
 * release, so that no two runs can ever lock two different files of the same name.
 *
 * <p>Where the file system has no locks (some network shares), the file's content decides alone: a
 * holder on this host is checked by process id and start time; one on another host is trusted.
 */
public final class OutputLock implements AutoCloseable {
    public static final String NAME = ".sam2long.lock";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RETRY_MS = 100;

    private final Path file;
    private final FileChannel channel;
    private final FileLock osLock;
    private final String token;

    private OutputLock(Path file, FileChannel channel, FileLock osLock, String token) {
        this.file = file;
        this.channel = channel;
        this.osLock = osLock;
        this.token = token;
    }

    /** The lock file of a folder. */
    public static Path fileIn(Path folder) {
        return folder.resolve(NAME);
    }

    /**
     * Takes the lock of {@code folder} (which must exist) for {@code command}; notes (a stale lock
     * taken over) go to {@code notes}.
     *
     * @throws OutputBusyException when another live run holds it
     * @throws IOException         when the lock file cannot be created or written
     */
    public static OutputLock acquire(Path folder, String command, Consumer<String> notes) throws IOException {
        return acquire(folder, command, notes, Duration.ZERO);
    }

    /**
     * As {@link #acquire(Path, String, Consumer)}, but waits up to {@code patience} while another live
     * run holds the lock (the farm's jobs of one shot publish into one folder, each for a moment).
     * Interrupted while waiting, it gives up at once with the thread's interrupt flag set again.
     *
     * @throws OutputBusyException when the lock is still held after {@code patience}
     */
    public static OutputLock acquire(Path folder, String command, Consumer<String> notes, Duration patience)
            throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return tryAcquire(folder, command, notes);
            } catch (OutputBusyException busy) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw busy;
                }
                try {
                    Thread.sleep(Math.min(RETRY_MS, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    private static OutputLock tryAcquire(Path folder, String command, Consumer<String> notes) throws IOException {
        Path file = fileIn(folder);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        boolean ok = false;
        try {
            FileLock os;
            boolean osLocks = true;
            try {
                os = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                os = null;  // this process already holds it (another job in the same JVM)
            } catch (IOException e) {
                os = null;
                osLocks = false;  // no locks on this file system: the content decides
            }
            Map<String, Object> holder = read(ch);
            if (osLocks && os == null) {
                throw new OutputBusyException(busy(folder, holder));
            }
            if (!holder.isEmpty()) {
                String state = liveness(holder);
                if (!osLocks && !"gone".equals(state)) {
                    throw new OutputBusyException(busy(folder, holder));
                }
                if (osLocks && "alive".equals(state)) {
                    // the process lives but its OS lock is gone (e.g. a network share that lost it): do not take over
                    os.release();
                    throw new OutputBusyException(busy(folder, holder));
                }
                notes.accept("took over the lock of " + folder + " from " + who(holder)
                        + (osLocks ? ", which is no longer running" : ", whose process is gone"));
            }
            String token = UUID.randomUUID().toString();
            Map<String, Object> me = new LinkedHashMap<>();
            ProcessHandle self = ProcessHandle.current();
            me.put("pid", self.pid());
            me.put("host", host());
            me.put("started", Instant.now().toString());
            self.info().startInstant().ifPresent(t -> me.put("processStart", t.toString()));
            me.put("command", command);
            me.put("token", token);
            byte[] bytes = (JSON.writeValueAsString(me) + "\n").getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(bytes), 0);
            ch.force(true);
            ok = true;
            return new OutputLock(file, ch, os, token);
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }


    /** Empties the lock file and releases the OS lock; safe to call twice. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            Map<String, Object> now = read(channel);
            if (token.equals(now.get("token"))) {
                channel.truncate(0);
                channel.force(true);
            }
        } catch (IOException ignored) {
            // the OS lock still goes with the channel
        }
        try {
            if (osLock != null && osLock.isValid()) {
                osLock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // closing cannot be helped further
        }
    }

    public Path file() { return file; }

    private static Map<String, Object> read(FileChannel ch) {
        try {
            long size = ch.size();
            if (size == 0 || size > 65536) {
                return Map.of();
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                // read all
            }
            JsonNode n = JSON.readTree(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
            if (n == null || !n.isObject()) {
                return Map.of("unreadable", true);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asLong()
                    : e.getValue().asText()));
            return m;
        } catch (IOException | RuntimeException e) {
            return Map.of("unreadable", true);
        }
    }

    /** "alive", "gone" or "unknown" (another host, or an unreadable file). */
    private static String liveness(Map<String, Object> h) {
        if (!(h.get("pid") instanceof Long pid) || !host().equals(h.get("host"))) {
            return "unknown";
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return "gone";
        }
        Object recorded = h.get("processStart");
        Optional<Instant> start = p.get().info().startInstant();
        if (recorded != null && start.isPresent()) {
            try {
                long diff = Math.abs(Instant.parse(recorded.toString()).toEpochMilli() - start.get().toEpochMilli());
                return diff > 2000 ? "gone" : "alive";  // the pid was reused by another process
            } catch (RuntimeException e) {
                return "alive";
            }
        }
        return "alive";
    }

    private static String who(Map<String, Object> h) {
        if (h.containsKey("unreadable")) {
            return "an unknown process (the lock file cannot be read)";
        }
        return "process " + h.getOrDefault("pid", "?") + " on " + h.getOrDefault("host", "an unknown host")
                + " (sam2long " + h.getOrDefault("command", "?") + ", started " + h.getOrDefault("started", "at an unknown time") + ")";
    }

    private static String busy(Path folder, Map<String, Object> h) {
        return "the output folder " + folder + " is in use by " + (h.isEmpty() ? "another sam2long run" : who(h))
                + "; wait for it to finish or choose another folder (if that run is surely gone, delete "
                + fileIn(folder) + ")";
    }

    static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
