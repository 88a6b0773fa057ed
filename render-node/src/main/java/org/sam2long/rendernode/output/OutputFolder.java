package org.sam2long.rendernode.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.media.MatteExport;
import org.sam2long.engine.media.MatteObject;
import org.sam2long.engine.media.MatteWriteException;
import org.sam2long.engine.media.MatteWriter;
import org.sam2long.engine.media.Sidecar;
import org.sam2long.rendernode.input.BadInputException;

/**
 * A run's ownership of its output folder, from before the model loads until the process ends.
 * <ul>
 *   <li>{@link #open} checks the folder, takes its {@link OutputLock}, and applies the rerun rule:
 *       when the folder already holds mattes or sidecars of an object this run writes, the run is
 *       refused unless {@code overwrite} is given; with it, those objects' old mattes, their sidecars
 *       and the old previews are removed first, so that no frame of an earlier run survives beside the
 *       new ones. Files of other objects are never touched.</li>
 *   <li>{@link #guard} wraps the matte sink so that {@link #abortNow} can stop writing between two
 *       files.</li>
 *   <li>{@link #settle} (at the end of every run: done, failed, cancelled or aborted) removes
 *       hidden temporary files and rewrites every sidecar to describe exactly the mattes on disk
 *       ({@code frames}, {@code complete}, {@code cancelled}); a sidecar whose object has no matte on
 *       disk is removed.</li>
 * </ul>
 */
public final class OutputFolder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMP = Pattern.compile("^\\..+\\.tmp-[0-9a-f]+(\\.[A-Za-z0-9]+)?$");
    private static final int SENTINEL = 987_654_321;
    /**
     * The hidden folder where farm jobs track their attempts before publishing them; its temporary
     * files belong to running attempts, so a run on the folder leaves them alone.
     */
    public static final String STAGING = ".sam2long-farm";
    /** The system property that overrides {@link #publishPatience()}, in seconds. */
    public static final String PUBLISH_WAIT_PROPERTY = "sam2long.publishWaitSeconds";

    /**
     * How long a publish (renames of finished files, a moment's work) waits for another run's lock on
     * the same folder before it fails: the farm's jobs of one shot, and part steps, publish into one
     * folder at once. 120 s unless {@value #PUBLISH_WAIT_PROPERTY} says otherwise. A tracking run itself
     * never waits: it fails at once (exit code 4).
     */
    public static Duration publishPatience() {
        String s = System.getProperty(PUBLISH_WAIT_PROPERTY);
        try {
            return s == null ? Duration.ofSeconds(120) : Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(s) * 1000)));
        } catch (NumberFormatException e) {
            throw new BadInputException("-D" + PUBLISH_WAIT_PROPERTY + "=" + s + " is not a number of seconds");
        }
    }

    private final Path folder;
    private final MatteWriter writer;
    private final OutputLock lock;
    private final Map<String, Object> provenance;
    private final Object gate = new Object();
    private volatile boolean aborting;
    private boolean settled;
    private int expectedFrames;

    /** What {@link #settle} found on disk. */
    public record OnDisk(int frames, int mattes, List<Path> sidecars) {}

    private OutputFolder(Path folder, MatteWriter writer, OutputLock lock, Map<String, Object> provenance) {
        this.folder = folder;
        this.writer = writer;
        this.lock = lock;
        this.provenance = provenance;
    }

    /** Checks a folder given on the command line, before anything else: one sentence when unusable. */
    public static Path check(Path out, String option) {
        if (out == null || out.toString().isBlank()) {
            throw new BadInputException(option + " is empty; give the output folder, e.g. " + option + " out/shot010");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("the output folder " + out + " is a file, not a folder");
        }
        return out;
    }

    /**
     * Creates the folder, takes its lock and applies the rerun rule (see the class comment).
     *
     * @throws BadInputException   the folder cannot be made, or holds this run's objects without {@code overwrite}
     * @throws OutputBusyException another run holds the lock
     */
    public static OutputFolder open(Path out, MatteWriter writer, boolean overwrite, String command,
            Map<String, Object> provenance, Consumer<String> notes) {
        return open(out, writer, overwrite, command, provenance, notes, Duration.ZERO, () -> {});
    }

    /**
     * As {@link #open(Path, MatteWriter, boolean, String, Map, Consumer)} for a publish that only
     * renames finished files into place: waits up to {@code patience} for another run's lock (see
     * {@link #publishPatience()}), then runs {@code underLock} once the lock is held and before
     * anything in the folder changes; whatever it throws releases the lock and is thrown on (the farm
     * asks there whether a job may still publish).
     */
    public static OutputFolder open(Path out, MatteWriter writer, boolean overwrite, String command,
            Map<String, Object> provenance, Consumer<String> notes, Duration patience, Runnable underLock) {
        check(out, "the output folder");
        try {
            Files.createDirectories(out);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new BadInputException("the output folder " + out + " cannot be made: " + e.getFile() + " is a file");
        } catch (AccessDeniedException e) {
            throw new BadInputException("the output folder " + out + " cannot be made: permission denied");
        } catch (IOException | SecurityException e) {
            throw new BadInputException("the output folder " + out + " cannot be made");
        }
        if (!Files.isWritable(out)) {
            throw new BadInputException("the output folder " + out + " is not writable");
        }
        OutputLock lock;
        try {
            lock = OutputLock.acquire(out, command, notes, patience);
        } catch (IOException e) {
            throw new BadInputException("the output folder " + out + " cannot be locked (its lock file "
                    + OutputLock.fileIn(out) + " cannot be written)");
        }
        OutputFolder f = new OutputFolder(out, writer, lock, provenance);
        boolean ok = false;
        try {
            underLock.run();
            f.removeTemporaries();
            f.rerunRule(overwrite, notes);
            ok = true;
            return f;
        } finally {
            if (!ok) {
                lock.close();
            }
        }
    }

    /** The frames this run means to write per object (for reports). */
    public void expectFrames(int frames) {
        this.expectedFrames = frames;
    }

    public int expectedFrames() { return expectedFrames; }

    public Path folder() { return folder; }

    /** The sink, gated so that {@link #abortNow} never cuts a file in half. */
    public MatteSink guard(MatteSink sink) {
        return m -> {
            synchronized (gate) {
                if (aborting) {
                    throw new AbortedException();
                }
                sink.accept(m);
            }
        };
    }

    /** Runs {@code step} (e.g. the export's final flush) under the gate. */
    public <T> T gated(IoStep<T> step) throws Exception {
        synchronized (gate) {
            if (aborting) {
                throw new AbortedException();
            }
            return step.run();
        }
    }

    /** A step that writes mattes. */
    @FunctionalInterface
    public interface IoStep<T> {
        T run() throws Exception;
    }

    /** Thrown into the tracking thread once an abort has begun. */
    public static final class AbortedException extends RuntimeException {
        public AbortedException() {
            super("the run was aborted");
        }
    }

    /**
     * Stops all matte writing (waiting for the file being written, if any), settles the folder as
     * cancelled and releases the lock. Called from a signal thread before the process halts.
     */
    public OnDisk abortNow() {
        synchronized (gate) {
            aborting = true;
        }
        try {
            return settle(true, false);
        } finally {
            lock.close();
        }
    }

    /**
     * Removes temporary files and makes every sidecar describe the mattes on disk. Idempotent: the
     * first call decides.
     */
    public synchronized OnDisk settle(boolean cancelled, boolean failed) {
        if (settled) {
            return scan().onDisk();
        }
        settled = true;
        removeTemporaries();
        Scan scan = scan();
        List<Path> sidecars = new ArrayList<>();
        for (Map.Entry<String, TreeSet<Integer>> e : scan.frames.entrySet()) {
            MatteObject o = scan.objects.get(e.getKey());
            Path sidecar;
            try {
                sidecar = Sidecar.pathFor(writer, o, SENTINEL);
            } catch (MatteWriteException ex) {
                continue;
            }
            TreeSet<Integer> frames = e.getValue();
            try {
                if (frames.isEmpty()) {
                    Files.deleteIfExists(sidecar);
                    continue;
                }
                Map<String, Object> doc = readSidecar(sidecar, o);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("first", frames.first());
                f.put("last", frames.last());
                f.put("count", frames.size());
                f.put("ranges", ranges(frames));
                doc.put("frames", f);
                doc.put("complete", !cancelled && !failed);
                doc.put("cancelled", cancelled);
                if (failed) {
                    doc.put("failed", true);
                } else {
                    doc.remove("failed");
                }
                doc.remove("format");
                Sidecar.write(sidecar, doc);
                sidecars.add(sidecar);
            } catch (IOException ex) {
                // the sidecar keeps what it said; the matte files are still whole
            }
        }
        removeTemporaries();
        return new OnDisk(scan.onDisk().frames(), scan.onDisk().mattes(), sidecars);
    }

    /** Releases the lock. */
    @Override
    public void close() {
        lock.close();
    }

    // ---- the rerun rule ----

    private void rerunRule(boolean overwrite, Consumer<String> notes) {
        Scan scan = scan();
        List<String> held = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, TreeSet<Integer>> e : scan.frames.entrySet()) {
            MatteObject o = scan.objects.get(e.getKey());
            boolean sidecar;
            try {
                sidecar = Files.exists(Sidecar.pathFor(writer, o, SENTINEL));
            } catch (MatteWriteException ex) {
                sidecar = false;
            }
            if (!e.getValue().isEmpty() || sidecar) {
                held.add(e.getKey());
                count += e.getValue().size();
            }
        }
        if (held.isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new BadInputException("the output folder " + folder + " already holds " + count + " mattes of "
                    + String.join(", ", held) + " from an earlier run; pass --overwrite to replace them"
                    + " (their old frames are removed), or choose another folder");
        }
        int removed = 0;
        for (String key : held) {
            MatteObject o = scan.objects.get(key);
            for (Path p : scan.files.get(key)) {
                try {
                    Files.deleteIfExists(p);
                    removed++;
                } catch (IOException e) {
                    throw new BadInputException("the old matte " + p + " cannot be removed (--overwrite)");
                }
            }
            try {
                Files.deleteIfExists(Sidecar.pathFor(writer, o, SENTINEL));
            } catch (IOException e) {
                throw new BadInputException("the old sidecar of " + key + " in " + folder + " cannot be removed (--overwrite)");
            }
        }
        Path previews = folder.resolve(MatteExport.PREVIEW_DIR);
        for (String name : List.of("contact_sheet.png", "preview.mp4", "confidence.png")) {
            try {
                Files.deleteIfExists(previews.resolve(name));
            } catch (IOException ignored) {
                // a stale preview is replaced by the run anyway
            }
        }
        notes.accept("--overwrite: removed " + removed + " old mattes of " + String.join(", ", held) + " from " + folder);
    }

    // ---- what is on disk ----

    private record Scan(Map<String, MatteObject> objects, Map<String, TreeSet<Integer>> frames, Map<String, List<Path>> files) {
        OnDisk onDisk() {
            TreeSet<Integer> all = new TreeSet<>();
            int mattes = 0;
            for (TreeSet<Integer> f : frames.values()) {
                all.addAll(f);
                mattes += f.size();
            }
            return new OnDisk(all.size(), mattes, List.of());
        }
    }

    /** Per sequence (object, or the one layered EXR sequence): the output frame numbers of its files on disk. */
    private Scan scan() {
        Map<String, MatteObject> objects = new LinkedHashMap<>();
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        try {
            if (writer.settings().exrLayers()) {
                MatteObject first = writer.objects().get(0);
                objects.put(MatteWriter.LAYERED_NAME, first);
                patterns.put(MatteWriter.LAYERED_NAME, pattern(writer.layeredFile(SENTINEL), writer.outputFrame(SENTINEL)));
            } else {
                for (MatteObject o : writer.objects()) {
                    objects.put(o.name(), o);
                    patterns.put(o.name(), pattern(writer.file(o, SENTINEL), writer.outputFrame(SENTINEL)));
                }
            }
        } catch (MatteWriteException e) {
            throw new BadInputException(e.getMessage());
        }
        Map<String, TreeSet<Integer>> frames = new LinkedHashMap<>();
        Map<String, List<Path>> files = new LinkedHashMap<>();
        objects.keySet().forEach(k -> {
            frames.put(k, new TreeSet<>());
            files.put(k, new ArrayList<>());
        });
        Path root = folder.toAbsolutePath().normalize();
        try (Stream<Path> walk = Files.walk(root, 6)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String s = p.toString();
                for (Map.Entry<String, Pattern> e : patterns.entrySet()) {
                    Matcher m = e.getValue().matcher(s);
                    if (m.matches()) {
                        try {
                            frames.get(e.getKey()).add(Integer.parseInt(m.group(1)));
                            files.get(e.getKey()).add(p);
                        } catch (NumberFormatException ignored) {
                            // not one of ours
                        }
                    }
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // a folder vanished under us: report what was seen
        }
        // output frame numbers (plate + frameOffset), as the engine's sidecar records them
        return new Scan(objects, frames, files);
    }

    /** A regex for every frame number of a file path made with the sentinel frame number. */
    private static Pattern pattern(Path withSentinel, int sentinelFrame) {
        String s = withSentinel.toAbsolutePath().normalize().toString();
        String sentinel = Integer.toString(sentinelFrame);
        int at = s.lastIndexOf(sentinel);
        StringBuilder b = new StringBuilder();
        int from = 0;
        // every occurrence of the frame in the template, from left to right
        List<Integer> hits = new ArrayList<>();
        for (int i = s.indexOf(sentinel); i >= 0; i = s.indexOf(sentinel, i + 1)) {
            hits.add(i);
        }
        boolean firstGroup = true;
        for (int i : hits) {
            b.append(Pattern.quote(s.substring(from, i)));
            b.append(firstGroup ? "(-?\\d+)" : "-?\\d+");
            firstGroup = false;
            from = i + sentinel.length();
        }
        b.append(Pattern.quote(s.substring(from)));
        return at < 0 ? Pattern.compile(Pattern.quote(s)) : Pattern.compile(b.toString());
    }

    private void removeTemporaries() {
        Path root = folder.toAbsolutePath().normalize();
        try (Stream<Path> walk = Files.walk(root, 6)) {
            walk.filter(p -> TEMP.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !inStaging(root.relativize(p))).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // reported by the next scan
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // nothing to clean
        }
    }

    private Map<String, Object> readSidecar(Path sidecar, MatteObject o) {
        if (Files.isRegularFile(sidecar)) {
            try {
                Map<String, Object> doc = JSON.readValue(sidecar.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
                if (doc != null) {
                    return doc;
                }
            } catch (IOException | RuntimeException e) {
                // rebuilt below
            }
        }
        return MatteExport.sidecarHead(provenance, writer, o);
    }

    /** "1-23,25-30" style ranges of frame numbers. */
    static String ranges(TreeSet<Integer> frames) {
        StringBuilder b = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int f : frames) {
            if (prev != null && f == prev + 1) {
                prev = f;
                continue;
            }
            if (start != null) {
                b.append(b.length() == 0 ? "" : ",").append(start.equals(prev) ? start.toString() : start + "-" + prev);
            }
            start = f;
            prev = f;
        }
        if (start != null) {
            b.append(b.length() == 0 ? "" : ",").append(start.equals(prev) ? start.toString() : start + "-" + prev);
        }
        return b.toString();
    }

    private static boolean inStaging(Path relative) {
        for (Path name : relative) {
            if (name.toString().equals(STAGING)) {
                return true;
            }
        }
        return false;
    }

    /** For tests: the temporary-file rule. */
    public static boolean isTemporary(Path p) {
        return TEMP.matcher(p.getFileName().toString()).matches();
    }
}
