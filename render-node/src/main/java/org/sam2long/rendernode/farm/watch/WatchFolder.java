package org.sam2long.rendernode.farm.watch;

import java.io.File;
import java.io.FileFilter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.io.monitor.FileAlterationListenerAdaptor;
import org.apache.commons.io.monitor.FileAlterationMonitor;
import org.apache.commons.io.monitor.FileAlterationObserver;
import org.sam2long.rendernode.cli.ExitCodes;
import org.sam2long.rendernode.output.TextFiles;

/**
 * A folder whose shot files are submitted once each: a {@code *.json} file dropped into it is
 * submitted when it has not changed for the settle time (so a file still being written is left
 * alone; a file written under a temporary name and renamed, as editors and copy tools do, settles
 * at once), then moved to {@code submitted/}, or to {@code rejected/} beside a
 * {@code <name>.error.txt} holding the sentence that says why. Files already in the folder when
 * watching starts are treated as just dropped. Hidden files ({@code .name}) and other names are
 * ignored. When submitting fails for a reason that is not the shot's (the database is down), the
 * file stays and is tried again later.
 *
 * <p>Change detection is Apache Commons IO's {@link FileAlterationMonitor}: it compares the folder's
 * listing (size, modification time) between checks; the settle time counts from the last change it saw.
 */
public final class WatchFolder implements AutoCloseable {
    /** Submits one shot file; returns a line for the log, throws when it cannot be submitted. */
    @FunctionalInterface
    public interface Submitter {
        String submit(Path shotFile) throws Exception;
    }

    public static final String SUBMITTED = "submitted";
    public static final String REJECTED = "rejected";

    private final Path dir;
    private final Submitter submitter;
    private final long settleNanos;
    private final long retryNanos;
    private final PrintStream log;
    private final FileAlterationMonitor monitor;
    /** Files seen and not yet handled, with the time they may be handled from. */
    private final Map<Path, Long> pending = new ConcurrentHashMap<>();
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();

    /**
     * @param settle   how long a file must stay unchanged before it is submitted
     * @param interval how often the folder is checked
     */
    public WatchFolder(Path dir, Submitter submitter, Duration settle, Duration interval, PrintStream log) {
        this.dir = dir.toAbsolutePath().normalize();
        this.submitter = submitter;
        this.settleNanos = settle.toNanos();
        this.retryNanos = Math.max(settle.toNanos() * 5, Duration.ofSeconds(10).toNanos());
        this.log = log;
        FileAlterationObserver observer;
        try {
            observer = FileAlterationObserver.builder().setFile(this.dir.toFile())
                    .setFileFilter((FileFilter) WatchFolder::isShotFile).get();
        } catch (IOException e) {
            throw new org.sam2long.rendernode.farm.FarmException(this.dir + " cannot be watched", e);
        }
        observer.addListener(new FileAlterationListenerAdaptor() {
            @Override
            public void onFileCreate(File file) {
                pending.put(file.toPath(), System.nanoTime() + settleNanos);
            }

            @Override
            public void onFileChange(File file) {
                pending.put(file.toPath(), System.nanoTime() + settleNanos);
            }

            @Override
            public void onFileDelete(File file) {
                pending.remove(file.toPath());
            }

            @Override
            public void onStop(FileAlterationObserver o) {
                handleDue();
                checks.incrementAndGet();
            }
        });
        this.monitor = new FileAlterationMonitor(Math.max(1, interval.toMillis()), observer);
        monitor.setThreadFactory(r -> {
            Thread t = new Thread(r, "sam2long-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Shot files: {@code *.json}, not hidden, plain files (sub-folders are not watched). */
    static boolean isShotFile(File f) {
        String name = f.getName();
        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".json") && f.isFile();
    }

    /** Creates {@code submitted/} and {@code rejected/}, takes the files already there, and starts watching. */
    public void start() throws Exception {
        Files.createDirectories(dir.resolve(SUBMITTED));
        Files.createDirectories(dir.resolve(REJECTED));
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> isShotFile(p.toFile())).forEach(p -> pending.put(p, System.nanoTime() + settleNanos));
        }
        monitor.start();
    }

    /** Stops watching; a file being submitted is finished first. */
    @Override
    public void close() throws Exception {
        try {
            monitor.stop(10_000);
        } catch (IllegalStateException notRunning) {
            // never started or already stopped
        }
    }

    public int submitted() {
        return submitted.get();
    }

    public int rejected() {
        return rejected.get();
    }

    /** Completed checks of the folder (for tests: wait for a few before asserting that nothing happened). */
    public int checks() {
        return checks.get();
    }

    private void handleDue() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Path, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Long> e = it.next();
            if (now - e.getValue() < 0) {
                continue;
            }
            it.remove();
            handle(e.getKey());
        }
    }

    private void handle(Path file) {
        if (!Files.isRegularFile(file)) {
            return;  // moved away or deleted meanwhile
        }
        String name = file.getFileName().toString();
        try {
            String line = submitter.submit(file);
            Path moved = move(file, dir.resolve(SUBMITTED));
            submitted.incrementAndGet();
            log.println("submitted " + name + (moved.getFileName().toString().equals(name) ? "" : " (kept as "
                    + dir.relativize(moved) + ")") + ": " + line);
        } catch (Exception | Error ex) {
            if (ExitCodes.of(ex) != ExitCodes.USAGE) {
                if (ex instanceof NoSuchFileException && !Files.exists(file)) {
                    return;
                }
                pending.put(file, System.nanoTime() + retryNanos);
                log.println("could not submit " + name + " (trying again in " + Duration.ofNanos(retryNanos).toSeconds()
                        + " s): " + ExitCodes.describe(ex));
                return;
            }
            String why = ExitCodes.describe(ex);
            if (!why.contains(name)) {
                why = name + ": " + why;
            }
            try {
                Path moved = move(file, dir.resolve(REJECTED));
                TextFiles.writeAtomically(moved.resolveSibling(moved.getFileName() + ".error.txt"), why + "\n");
                rejected.incrementAndGet();
                log.println("rejected " + name + ": " + why);
            } catch (IOException io) {
                pending.put(file, System.nanoTime() + retryNanos);
                log.println("could not move " + name + " to " + REJECTED + "/ (trying again): " + ExitCodes.describe(io));
            }
        } finally {
            log.flush();
        }
    }

    /** Moves a file into a folder under its own name, or name-2.json, name-3.json, ... when taken. */
    static Path move(Path file, Path folder) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path target = folder.resolve(n == 1 ? name : stem + "-" + n + ext);
            if (Files.exists(target) || Files.exists(target.resolveSibling(target.getFileName() + ".error.txt"))) {
                continue;
            }
            try {
                return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // taken meanwhile: next name
            } catch (AtomicMoveNotSupportedException e) {
                return Files.move(file, target);
            }
        }
    }
}
