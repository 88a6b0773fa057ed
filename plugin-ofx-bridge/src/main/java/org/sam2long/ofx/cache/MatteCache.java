package org.sam2long.ofx.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.sam2long.engine.matte.Matte;

/**
 * Mattes on disk, one small file per (instance, results version, object, frame):
 * {@code root/<instance>/v<version>/o<object>/f<frame>.s2lm}. Files are written to a temporary name
 * and renamed, so a reader on another thread sees either nothing or a whole matte. Safe for
 * concurrent readers and one writer per (instance, version).
 */
public final class MatteCache {
    private static final String SUFFIX = ".s2lm";
    private final Path root;

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
    }

    /** The matte, or empty if it is not cached (or the file is unreadable, which counts as missing). */
    public Optional<Matte> get(MatteKey key) {
        try (InputStream in = Files.newInputStream(file(key))) {
            return Optional.of(MatteCodec.read(in));
        } catch (IOException e) { // NoSuchFileException included
            return Optional.empty();
        }
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
                int object = Integer.parseInt(objectDir.getFileName().toString().substring(1));
                if (!keep.test(object)) {
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
                if (!v.getFileName().toString().equals("v" + keep)) {
                    deleteTree(v);
                }
            }
        }
    }

    /** Deletes whole instances, least recently used first, until the cache holds at most {@code maxBytes}. */
    public void trim(long maxBytes, String protectedInstance) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> instances;
        try (Stream<Path> s = Files.list(root)) {
            instances = new ArrayList<>(s.filter(Files::isDirectory).toList());
        }
        long total = 0;
        for (Path p : instances) {
            total += size(p);
        }
        instances.sort(Comparator.comparingLong(MatteCache::lastModified));
        for (Path p : instances) {
            if (total <= maxBytes) {
                break;
            }
            if (!p.getFileName().toString().equals(protectedInstance)) {
                total -= size(p);
                deleteTree(p);
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

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
