package org.sam2long.installer.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.sam2long.installer.util.FileTrees;
import org.sam2long.installer.util.InstallerException;

/**
 * Installs an unpacked release (the folder {@code bin/ lib/ runtime ofx/SAM2LongRoto.ofx.bundle})
 * into a {@link InstallLayout}, and removes exactly what it installed.
 *
 * <p>Everything is first copied into staging folders next to the targets; only when all staging
 * succeeded are they renamed into place (a full disk or a missing permission leaves the previous
 * state). An upgrade keeps files that users added inside the installed folders (site presets,
 * models, caches): anything not in the previous record of installed files is carried over.
 */
public final class Installer {
    /** The file list dpkg keeps for the installed .deb. */
    static final Path DPKG_LIST = Path.of("/var/lib/dpkg/info/sam2long.list");
    private final InstallLayout layout;

    public Installer(InstallLayout layout) {
        this.layout = layout;
    }

    /** What a worker unit needs. */
    public record Worker(String db) {}

    /** Checks that {@code release} is an unpacked release and returns its bundle. */
    public static Path checkRelease(Path release) {
        Path bundle = release.resolve("ofx").resolve(InstallLayout.BUNDLE);
        List<Path> needed = List.of(release.resolve("bin/sam2long"), release.resolve("lib"),
                bundle.resolve("Contents/Linux-x86-64/SAM2LongRoto.ofx"), bundle.resolve("Contents/Resources/jvm.cfg"),
                bundle.resolve("Contents/Resources/jre/lib/server/libjvm.so"));
        for (Path p : needed) {
            if (!Files.exists(p)) {
                throw new InstallerException(release + " is not an unpacked sam2long release: " + release.relativize(p)
                        + " is missing (run the bin/sam2long of an unpacked release, or pass --from <release folder>)");
            }
        }
        return bundle;
    }

    /** Installs; returns the files now recorded. */
    public List<Path> install(Path release, Worker worker) {
        Path src = release.toAbsolutePath().normalize();
        Path srcBundle = checkRelease(src);
        if (src.equals(layout.app())) {
            throw new InstallerException("sam2long is already installed in " + src + "; run install from a newer unpacked release");
        }
        if (layout.system() && Files.exists(DPKG_LIST)) {
            throw new InstallerException("sam2long is installed by the Debian package (" + DPKG_LIST + "); upgrade it with "
                    + "`sudo apt install ./sam2long_<version>_amd64.deb`, or install this release elsewhere with --prefix");
        }
        Set<Path> previous = new LinkedHashSet<>(readManifest());
        List<Path> staged = new ArrayList<>();
        try {
            // 1. stage: nothing visible changes yet
            Path appStage = FileTrees.sibling(layout.app(), "stage");
            staged.add(appStage);
            mkdirs(layout.app().getParent());
            mkdirs(appStage);
            try (Stream<Path> s = Files.list(src)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String n = p.getFileName().toString();
                    if (n.equals("ofx") || n.equals("runtime") || n.equals(".installed-files")) {
                        continue;
                    }
                    FileTrees.copyTree(p, appStage.resolve(n), false);
                }
            }
            Files.createSymbolicLink(appStage.resolve("runtime"), layout.bundle().resolve("Contents/Resources/jre"));
            Set<Path> carried = new LinkedHashSet<>(carryUserFiles(layout.app(), appStage, previous));

            Path bundleStage = FileTrees.sibling(layout.bundle(), "stage");
            staged.add(bundleStage);
            mkdirs(layout.ofxDir());
            FileTrees.copyTree(srcBundle, bundleStage, true);
            carried.addAll(carryUserFiles(layout.bundle(), bundleStage, previous));

            Path linkStage = FileTrees.sibling(layout.binLink(), "stage");
            staged.add(linkStage);
            mkdirs(layout.binLink().getParent());
            Files.createSymbolicLink(linkStage, layout.app().resolve("bin/sam2long"));

            Path unitStage = null;
            if (worker != null) {
                unitStage = FileTrees.sibling(layout.unit(), "stage");
                staged.add(unitStage);
                mkdirs(layout.unitDir());
                Files.writeString(unitStage, unit(worker), StandardCharsets.UTF_8);
            }

            // 2. the record of what will be installed, inside the staged application folder
            Set<Path> files = new LinkedHashSet<>();
            files.addAll(listed(appStage, layout.app(), carried));
            files.addAll(listed(bundleStage, layout.bundle(), carried));
            files.add(layout.binLink());
            if (worker != null) {
                files.add(layout.unit());
            } else if (previous.contains(layout.unit()) && Files.exists(layout.unit())) {
                files.add(layout.unit()); // an upgrade without --worker keeps the worker unit
            }
            files.add(layout.manifest());
            Path manifestStage = appStage.resolve(".installed-files");
            Files.write(manifestStage, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);

            // 3. commit by renames
            FileTrees.replaceByRename(bundleStage, layout.bundle());
            FileTrees.replaceByRename(appStage, layout.app());
            Files.move(linkStage, layout.binLink(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (unitStage != null) {
                Files.move(unitStage, layout.unit(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            // 4. files of the previous version that this one no longer has
            for (Path old : previous) {
                if (!files.contains(old) && !old.startsWith(layout.app()) && !old.startsWith(layout.bundle())) {
                    Files.deleteIfExists(old);
                }
            }
            return List.copyOf(files);
        } catch (IOException e) {
            staged.forEach(FileTrees::deleteQuietly);
            throw failure(e);
        } catch (RuntimeException e) {
            staged.forEach(FileTrees::deleteQuietly);
            throw e;
        }
    }

    /** Removes exactly the recorded files (and folders they leave empty); returns them. */
    public List<Path> uninstall() {
        List<Path> files = readManifest();
        if (files.isEmpty() && layout.system() && Files.exists(DPKG_LIST)) {
            throw new InstallerException("sam2long was installed by the Debian package; remove it with `sudo apt remove sam2long`");
        }
        if (files.isEmpty()) {
            throw new InstallerException("no sam2long installation recorded in " + layout.manifest()
                    + (layout.system() ? " (for a --prefix installation pass the same --prefix)" : ""));
        }
        List<Path> removed = new ArrayList<>();
        try {
            for (Path f : files) {
                if (!f.equals(layout.manifest()) && Files.deleteIfExists(f)) {
                    removed.add(f);
                }
            }
            Files.deleteIfExists(layout.manifest());
            removed.add(layout.manifest());
        } catch (IOException e) {
            throw failure(e);
        }
        // folders left empty, deepest first, never above the layout's roots
        List<Path> dirs = files.stream().map(Path::getParent).distinct().sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        for (Path d : dirs) {
            Path stop = d.startsWith(layout.bundle()) ? layout.ofxDir()
                    : d.startsWith(layout.app()) ? layout.app().getParent() : d.getParent();
            FileTrees.deleteEmptyParents(d, stop);
        }
        return removed;
    }

    /** The recorded files of the current installation, or none. */
    public List<Path> readManifest() {
        Path m = layout.manifest();
        if (!Files.isRegularFile(m)) {
            return List.of();
        }
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Path p = Path.of(line);
                if (!p.isAbsolute() || !(p.startsWith(layout.app()) || p.startsWith(layout.bundle())
                        || p.equals(layout.binLink()) || p.equals(layout.unit()))) {
                    throw new InstallerException(m + " lists " + line + ", which is outside this installation; it was edited by hand, fix or delete that line");
                }
                out.add(p);
            }
            return out;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    String unit(Worker w) {
        if (w.db() == null || w.db().isBlank() || w.db().contains("\n")) {
            throw new InstallerException("--worker needs --db <farm database URL> on one line, e.g. --db jdbc:postgresql://farmdb:5432/sam2long");
        }
        return "# written by `sam2long install --worker`; removed by `sam2long uninstall`\n"
                + "[Unit]\n"
                + "Description=SAM2Long Roto render-node worker\n"
                + "After=network-online.target\n"
                + "Wants=network-online.target\n\n"
                + "[Service]\n"
                + "Type=simple\n"
                + "ExecStart=" + layout.app().resolve("bin/sam2long") + " farm work --db " + w.db() + "\n"
                + "Restart=on-failure\n"
                + "RestartSec=10\n"
                + "# models, caches and presets of the account the worker runs as\n"
                + "Environment=SAM2LONG_MODELS=/var/lib/sam2long/models\n\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    private static Set<Path> listed(Path stage, Path finalRoot, Set<Path> carried) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        try (Stream<Path> s = Files.walk(stage)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || p.getFileName().toString().equals(".installed-files")) {
                    continue;
                }
                Path fin = finalRoot.resolve(stage.relativize(p).toString());
                if (!carried.contains(fin)) {
                    out.add(fin); // files carried over from the user are not ours to remove
                }
            }
        }
        return out;
    }

    /** Copies into the stage every file of the installed tree that the previous record does not list. */
    private static Set<Path> carryUserFiles(Path installed, Path stage, Set<Path> previous) throws IOException {
        Set<Path> carried = new LinkedHashSet<>();
        if (!Files.isDirectory(installed) || previous.isEmpty()) {
            return carried;
        }
        try (Stream<Path> s = Files.walk(installed)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || previous.contains(p)
                        || p.getFileName().toString().equals(".installed-files")) {
                    continue;
                }
                Path target = stage.resolve(installed.relativize(p).toString());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // the new release ships a file of that name: the release's file wins
                }
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                carried.add(p);
            }
        }
        return carried;
    }

    private static void mkdirs(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    private InstallerException failure(IOException e) {
        String how = layout.system()
                ? "run it with sudo, or install for yourself with --prefix ~/.local"
                : "choose a --prefix you can write to, or run it with sudo";
        if (e instanceof AccessDeniedException || e instanceof FileSystemException fs && fs.getReason() != null
                && (fs.getReason().contains("Operation not permitted") || fs.getReason().contains("Read-only file system")
                || fs.getReason().contains("Permission denied"))) {
            String where = e instanceof FileSystemException fs2 ? fs2.getFile() : e.getMessage();
            return new InstallerException("cannot write " + where + " (" + (e instanceof FileSystemException fs3 && fs3.getReason() != null
                    ? fs3.getReason().toLowerCase(java.util.Locale.ROOT) : "permission denied") + "): " + how
                    + "; nothing was changed", e);
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null && fs.getReason().contains("No space left")) {
            return new InstallerException("the disk is full while writing " + fs.getFile() + "; nothing was changed, free some space and run install again", e);
        }
        String reason = e instanceof FileSystemException fs ? (fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName()) + " (" + fs.getFile() + ")" : e.getMessage();
        return new InstallerException("installation failed: " + reason + "; nothing was changed", e);
    }

    static void makeExecutable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
