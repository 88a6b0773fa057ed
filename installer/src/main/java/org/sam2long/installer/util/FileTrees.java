package org.sam2long.installer.util;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/** Whole-folder helpers: delete, copy, and moves done as one rename. */
public final class FileTrees {
    private FileTrees() {}

    /** Deletes a file or folder tree (links themselves, never their targets); a missing path is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Best effort: used on failure paths, where the first error is the one to report. */
    public static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException | RuntimeException ignored) {
            // the original failure is what the user needs to see
        }
    }

    /**
     * Copies a tree; symbolic links are copied as links unless {@code followLinks}, in which case
     * what they point to is copied (used to make a self-contained bundle).
     */
    public static void copyTree(Path from, Path to, boolean followLinks) throws IOException {
        try (var paths = followLinks ? Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS) : Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (!followLinks && Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** A fresh, unused sibling name for {@code path}: {@code .<name>.<tag>-<random>}. */
    public static Path sibling(Path path, String tag) {
        return path.resolveSibling("." + path.getFileName() + "." + tag + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Puts {@code fresh} at {@code target} with renames only: an existing target is first moved aside
     * and deleted once the new one is in place (and moved back if the rename fails).
     */
    public static void replaceByRename(Path fresh, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = sibling(target, "old");
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (old != null) {
            deleteQuietly(old);
        }
    }

    /** Deletes {@code dir} and then each parent up to (not including) {@code stop} while they are empty. */
    public static void deleteEmptyParents(Path dir, Path stop) {
        Path d = dir;
        while (d != null && !d.equals(stop) && d.startsWith(stop)) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (NoSuchFileException e) {
                // already gone
            } catch (IOException e) {
                return;
            }
            d = d.getParent();
        }
    }

    public static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
