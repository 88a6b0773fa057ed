package org.sam2long.installer.models;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.StandardOpenOption;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.sam2long.installer.convert.CheckpointConverter;
import org.sam2long.installer.convert.TorchCheckpoint;
import org.sam2long.installer.convert.WeightlessGraphs;
import org.sam2long.installer.util.FileTrees;
import org.sam2long.installer.util.InstallerException;
import org.sam2long.installer.util.Sha256;

/**
 * The shared models folder: one sub-folder per model ({@code <root>/<name>/manifest.json ...}),
 * downloads in progress under {@code <root>/.downloads}, verified official checkpoints under
 * {@code <root>/.checkpoints}. A model appears only by one rename of a fully checked folder.
 */
public final class ModelStore {
    static final String DOWNLOADS = ".downloads";
    static final String CHECKPOINTS = ".checkpoints";
    private final Path root;

    public ModelStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path modelDir(String name) {
        checkName(name);
        return root.resolve(name);
    }

    public Path checkpointFile(RegistryEntry e) {
        return root.resolve(CHECKPOINTS).resolve(e.fileName());
    }

    /** Folders holding a manifest.json, sorted by name. */
    public List<String> installed() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p.resolve("manifest.json")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InstallerException("cannot list the models folder " + root + ": " + e.getMessage(), e);
        }
    }

    /** Downloads, checks and installs one registry entry. Returns the installed folder or checkpoint file. */
    public Path fetch(RegistryEntry e, HttpDownloader downloader, Progress progress) {
        if (e.kind().equals(RegistryEntry.BUNDLED)) {
            throw new InstallerException("'" + e.name() + "' ships inside sam2long and needs no download");
        }
        Path downloads = root.resolve(DOWNLOADS);
        createDirectories(downloads);
        Path part = downloads.resolve(e.fileName() + ".part");
        Path lockFile = downloads.resolve(e.fileName() + ".lock");
        // one fetch per file at a time, also across processes and machines sharing the folder
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(ch, e)) {
            try {
                return fetchLocked(e, downloader, progress, part);
            } finally {
                deleteQuietly(lockFile); // while still holding the lock
            }
        } catch (IOException ex) {
            throw io("cannot lock " + lockFile, ex);
        }
    }

    private Path fetchLocked(RegistryEntry e, HttpDownloader downloader, Progress progress, Path part) {
        Path kept = checkpointFile(e);
        if (e.kind().equals(RegistryEntry.CHECKPOINT) && e.sha256() != null && Files.isRegularFile(kept)) {
            try {
                if (Sha256.of(kept).equalsIgnoreCase(e.sha256())) {
                    return kept; // downloaded and verified before (e.g. a conversion that failed): no second download
                }
            } catch (IOException ex) {
                // unreadable: download it again
            }
        }
        downloader.fetch(e.url(), part, e.sha256(), e.sizeBytes(), progress);
        if (e.kind().equals(RegistryEntry.ARCHIVE)) {
            try {
                return installArchive(part, e.fileName(), e.name());
            } finally {
                deleteQuietly(part);
            }
        }
        // official checkpoint: a PyTorch zip holding data.pkl (converted by the caller when possible)
        checkCheckpoint(part, e);
        Path target = checkpointFile(e);
        createDirectories(target.getParent());
        move(part, target);
        return target;
    }

    private static FileLock tryLock(FileChannel ch, RegistryEntry e) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException ex) {
            lock = null;
        }
        if (lock == null) {
            throw new InstallerException("another `sam2long models fetch " + e.name() + "` is downloading into this models folder; wait for it to finish");
        }
        return lock;
    }

    /**
     * Converts a checkpoint into the model {@code name} with the given weightless graphs: written into
     * a staging folder, checked like an import (checksums, the engine's loader) and renamed into place.
     */
    public Path installConverted(Path checkpoint, WeightlessGraphs graphs, String name, String sourceInfo, Consumer<String> log) {
        Path target = modelDir(name);
        createDirectories(root);
        Path stage = FileTrees.sibling(target, "converting");
        try (TorchCheckpoint ck = TorchCheckpoint.open(checkpoint)) {
            Files.createDirectory(stage);
            CheckpointConverter.convert(ck, graphs, stage, name, sourceInfo, log);
            log.accept("  checking the converted model (checksums, ONNX Runtime loads every graph)");
            return place(stage, stage, name);
        } catch (IOException e) {
            FileTrees.deleteQuietly(stage);
            throw io("cannot convert " + checkpoint.getFileName() + " into " + target + " (nothing was installed)", e);
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(stage);
            throw e;
        }
    }

    /** Installs an exported model folder or archive (zip / tar.gz); the name is {@code name} or the manifest's. */
    public Path importPath(Path source, String name) {
        Path src = source.toAbsolutePath().normalize();
        if (!Files.exists(src)) {
            throw new InstallerException(src + " does not exist");
        }
        if (Files.isDirectory(src)) {
            createDirectories(root);
            Path stage = FileTrees.sibling(root.resolve("import"), "incoming");
            try {
                FileTrees.copyTree(src, stage, true);
                return place(stage, stage, name);
            } catch (IOException e) {
                FileTrees.deleteQuietly(stage);
                throw io("cannot copy " + src + " into " + root, e);
            } catch (RuntimeException e) {
                FileTrees.deleteQuietly(stage);
                throw e;
            }
        }
        return installArchive(src, src.getFileName().toString(), name);
    }

    private Path installArchive(Path archive, String shown, String name) {
        createDirectories(root);
        Path stage = FileTrees.sibling(root.resolve(name != null ? name : "import"), "incoming");
        try {
            Files.createDirectory(stage);
            Archives.unpack(archive, shown, stage);
            return place(stage, modelFolderIn(stage, shown), name);
        } catch (IOException e) {
            FileTrees.deleteQuietly(stage);
            throw io("cannot unpack into " + root, e);
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(stage);
            throw e;
        }
    }

    /** Checks the unpacked model and renames it into place; removes the stage. */
    private Path place(Path stage, Path modelFolder, String name) throws IOException {
        String manifestName = ModelCheck.check(modelFolder, true);
        String finalName = name != null ? name : manifestName;
        Path target = modelDir(finalName);
        Path ready = modelFolder;
        if (!modelFolder.equals(stage)) {
            ready = FileTrees.sibling(target, "ready");
            Files.move(modelFolder, ready);
            FileTrees.deleteTree(stage);
        }
        FileTrees.replaceByRename(ready, target);
        return target;
    }

    private static Path modelFolderIn(Path stage, String shown) throws IOException {
        if (Files.isRegularFile(stage.resolve("manifest.json"))) {
            return stage;
        }
        try (Stream<Path> s = Files.list(stage)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve("manifest.json"))) {
                return dirs.get(0);
            }
        }
        throw new InstallerException("the archive " + shown
                + " holds no manifest.json, neither at its top nor in a single top folder");
    }

    private static void checkCheckpoint(Path part, RegistryEntry e) {
        try (ZipFile zip = new ZipFile(part.toFile())) {
            boolean pickle = zip.stream().anyMatch(z -> z.getName().endsWith("/data.pkl") || z.getName().equals("data.pkl"));
            if (!pickle) {
                throw new InstallerException("the checkpoint " + e.fileName() + " holds no data.pkl: it is not a PyTorch checkpoint");
            }
        } catch (IOException ex) {
            deleteQuietly(part);
            throw new InstallerException("the checkpoint " + e.fileName() + " is corrupt (not a readable PyTorch zip: "
                    + ex.getMessage() + "); it was discarded", ex);
        }
    }

    /** Results of {@link #verify}: one line per model, and whether all passed. */
    public record VerifyResult(List<String> lines, boolean ok) {}

    public VerifyResult verify(List<String> names, boolean deep) {
        List<String> todo = names.isEmpty() ? installed() : names;
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        for (String n : todo) {
            Path dir = modelDir(n);
            if (!Files.isDirectory(dir)) {
                lines.add("MISSING " + n + ": not installed in " + root);
                ok = false;
                continue;
            }
            try {
                ModelCheck.check(dir, deep);
                lines.add("OK      " + n);
            } catch (InstallerException e) {
                lines.add("BAD     " + n + ": " + e.getMessage());
                ok = false;
            }
        }
        return new VerifyResult(lines, ok);
    }

    /** Removes an installed model (folder or downloaded checkpoint); returns what was removed. */
    public List<Path> remove(String name, RegistryEntry entry) {
        List<Path> removed = new ArrayList<>();
        Path dir = modelDir(name);
        try {
            if (Files.isDirectory(dir)) {
                Path gone = FileTrees.sibling(dir, "removed");
                Files.move(dir, gone);
                FileTrees.deleteTree(gone);
                removed.add(dir);
            }
            if (entry != null && !entry.kind().equals(RegistryEntry.BUNDLED)) {
                for (Path p : List.of(checkpointFile(entry), root.resolve(DOWNLOADS).resolve(entry.fileName() + ".part"))) {
                    if (Files.deleteIfExists(p)) {
                        removed.add(p);
                    }
                }
            }
        } catch (IOException e) {
            throw io("cannot remove " + dir, e);
        }
        if (removed.isEmpty()) {
            throw new InstallerException("model '" + name + "' is not installed in " + root + "; installed: "
                    + (installed().isEmpty() ? "none" : String.join(", ", installed())));
        }
        return removed;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            throw new InstallerException("'" + name + "' is not a usable model name (no slashes, not starting with a dot)");
        }
    }

    private void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw io("cannot create the models folder " + dir, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            FileTrees.replaceByRename(from, to);
        } catch (IOException e) {
            throw io("cannot move " + from + " to " + to, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static InstallerException io(String what, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new InstallerException(what + ": permission denied on " + e.getMessage()
                    + " (choose a folder you own with --models-dir or SAM2LONG_MODELS, or run with sudo)", e);
        }
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() + " (" + fs.getFile() + ")" : e.getMessage();
        return new InstallerException(what + ": " + reason, e);
    }
}
