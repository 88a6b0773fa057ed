package org.sam2long.ofx.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sam2long.engine.matte.Matte;

/**
 * Mattes on disk, one small file per (instance, results version, object, frame):
 * {@code root/<instance>/v<version>/o<object>/f<frame>.s2lm}. Files are written to a temporary name
 * and renamed, so a reader on another thread sees either nothing or a whole matte. Safe for
 * concurrent readers and one writer per (instance, version).
 *
 * <p>Entries the cache did not write (a stray file or folder in any of its folders) are left alone
 * and never stop it. Each instance folder holds a {@value #USED} marker whose modification time is
 * the instance's last use (a read or a write, recorded at most once a minute), which the
 * least-recently-used trim sorts by.
 */
public final class MatteCache {
    private static final String SUFFIX = ".s2lm";
    static final String USED = ".last-used";
    private static final long USE_RESOLUTION_MS = 60_000;
    private static final Pattern VERSION = Pattern.compile("v\\d{1,9}");
    private static final Pattern OBJECT = Pattern.compile("o(\\d{1,9})");
    private final Path root;
    private final Map<String, Long> lastUseMark = new ConcurrentHashMap<>();

    public MatteCache(Path root) {
        this.root = root;
    }

    /** The default root: {@code $XDG_CACHE_HOME/sam2long/ofx-cache} or {@code ~/.cache/sam2long/ofx-cache}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sam2long").resolve("ofx-cache");
    }

    public Path root() { return root; }

    public void put(MatteKey key, Matte matte) throws IOException {
        Path file = file(key);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                MatteCodec.write(matte, out);
            }
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        markUsed(key.instance());
    }

    /** The matte, or empty if it is not cached (or the file is unreadable, which counts as missing). */
    public Optional<Matte> get(MatteKey key) {
        Optional<Matte> m;
        try (InputStream in = Files.newInputStream(file(key))) {
            m = Optional.of(MatteCodec.read(in));
        } catch (IOException | RuntimeException e) { // NoSuchFileException and a damaged file included
            return Optional.empty();
        }
        markUsed(key.instance());
        return m;
    }

    /** Records that the instance was used now (the trim's LRU order); at most one write a minute per instance. */
    void markUsed(String instance) {
        long now = System.currentTimeMillis();
        Long last = lastUseMark.get(instance);
        if (last != null && now - last < USE_RESOLUTION_MS) {
            return;
        }
        lastUseMark.put(instance, now);
        Path marker = root.resolve(instance).resolve(USED);
        try {
            if (!Files.exists(marker)) {
                Files.createDirectories(marker.getParent());
                Files.createFile(marker);
            }
            Files.setLastModifiedTime(marker, FileTime.fromMillis(now));
        } catch (IOException e) {
            // a read-only cache still serves mattes; the trim then falls back to folder times
        }
    }

    /** Removes one matte (its prompt was removed); nothing happens when it is not cached. */
    public void remove(MatteKey key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    public boolean contains(MatteKey key) { return Files.isRegularFile(file(key)); }

    /** Whether results version {@code version} of the instance exists (it may be partly filled). */
    public boolean hasVersion(String instance, int version) { return Files.isDirectory(versionDir(instance, version)); }

    /**
     * Starts results version {@code to} from version {@code from}: every matte of an object that
     * {@code keep} accepts is linked (or copied) across. Version {@code from} is not changed.
     */
    public void inherit(String instance, int from, int to, IntPredicate keep) throws IOException {
        Path src = versionDir(instance, from);
        if (!Files.isDirectory(src)) {
            return;
        }
        try (Stream<Path> objects = Files.list(src)) {
            for (Path objectDir : objects.toList()) {
                Matcher m = OBJECT.matcher(objectDir.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(objectDir) || !keep.test(Integer.parseInt(m.group(1)))) {
                    continue;
                }
                Path dst = versionDir(instance, to).resolve(objectDir.getFileName());
                Files.createDirectories(dst);
                try (Stream<Path> files = Files.list(objectDir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(SUFFIX)).toList()) {
                        link(f, dst.resolve(f.getFileName()));
                    }
                }
            }
        }
    }

    /** Deletes every results version of the instance except {@code keep}. */
    public void retainOnly(String instance, int keep) throws IOException {
        Path dir = root.resolve(instance);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> versions = Files.list(dir)) {
            for (Path v : versions.toList()) {
                String name = v.getFileName().toString();
                if (VERSION.matcher(name).matches() && !name.equals("v" + keep)) {
                    deleteTree(v);
                }
            }
        }
    }

    /**
     * Claims the instance's folder for a live effect instance until the lease is closed: no trim, in
     * this process or another, deletes a claimed folder (see {@link InstanceLease}).
     */
    public InstanceLease lease(String instance) throws IOException {
        return InstanceLease.claim(root.resolve(instance));
    }

    /**
     * Deletes whole instances, least recently used first (by the use times this cache records, see
     * {@link #markUsed}), until the cache holds at most {@code maxBytes}. Never deleted: the caller's
     * own instance ({@code protectedInstance}), an instance a live effect claims ({@link #lease}, in
     * any process), and folders that are not instances (no results version in them).
     */
    public void trim(long maxBytes, String protectedInstance) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> instances;
        try (Stream<Path> s = Files.list(root)) {
            instances = new ArrayList<>(s.filter(Files::isDirectory).filter(MatteCache::isInstance).toList());
        }
        long total = 0;
        for (Path p : instances) {
            total += size(p);
        }
        instances.sort(Comparator.comparingLong(MatteCache::lastUsed));
        for (Path p : instances) {
            if (total <= maxBytes) {
                break;
            }
            if (!p.getFileName().toString().equals(protectedInstance)) {
                long bytes = size(p);
                if (InstanceLease.deleteIfUnclaimed(p, () -> deleteTree(p))) {
                    total -= bytes;
                }
            }
        }
    }

    Path versionDir(String instance, int version) {
        return root.resolve(instance).resolve("v" + version);
    }

    Path file(MatteKey k) {
        return versionDir(k.instance(), k.version()).resolve("o" + k.objectId()).resolve("f" + k.frame() + SUFFIX);
    }

    private static void move(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void link(Path existing, Path link) throws IOException {
        try {
            Files.createLink(link, existing);
        } catch (FileAlreadyExistsException e) {
            // already inherited
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, link, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Bytes under a folder; files that vanish while it is walked (another thread's temp files) count 0. */
    private static long size(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return total[0];
    }

    /** The instance's last use: its marker's time, else (an instance from before markers) its folder's. */
    private static long lastUsed(Path instance) {
        Path marker = instance.resolve(USED);
        try {
            return Files.getLastModifiedTime(Files.exists(marker) ? marker : instance).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isInstance(Path dir) {
        if (Files.exists(dir.resolve(USED)) || Files.exists(dir.resolve(InstanceLease.FILE))) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> VERSION.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p));
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // removed meanwhile (a temp file renamed into place)
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
