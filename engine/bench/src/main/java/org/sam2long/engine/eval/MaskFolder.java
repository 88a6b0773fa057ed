package org.sam2long.engine.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A scanned folder of masks: its videos, their objects and frames, with the files that hold them.
 * Only {@code .png}, {@code .tif} and {@code .tiff} files count; names starting with a dot are skipped.
 * Frame and object names are matched through {@link FrameNames#key} (leading zeros do not matter).
 */
final class MaskFolder {
    final Path root;
    final MaskLayout layout;
    final boolean singleVideo;
    final String side;
    final NavigableMap<String, Video> videos;

    /** One video. For {@link MaskLayout#PALETTE} only {@code frames} is set, otherwise only {@code objects}. */
    static final class Video {
        final String name;
        final Path dir;
        final MaskLayout layout;
        final NavigableMap<String, Path> frames; // key -> file (palette)
        final NavigableMap<String, ObjectFrames> objects; // key -> object (objects / track)

        Video(String name, Path dir, MaskLayout layout, NavigableMap<String, Path> frames,
              NavigableMap<String, ObjectFrames> objects) {
            this.name = name;
            this.dir = dir;
            this.layout = layout;
            this.frames = frames;
            this.objects = objects;
        }

        /** Union of the frame keys of all objects, in natural order. */
        NavigableSet<String> frameKeys() {
            NavigableSet<String> all = new TreeSet<>(FrameNames.NATURAL);
            if (layout == MaskLayout.PALETTE) {
                all.addAll(frames.keySet());
            } else {
                objects.values().forEach(o -> all.addAll(o.frames.keySet()));
            }
            return all;
        }
    }

    /** One object's frames. */
    record ObjectFrames(String name, Path dir, NavigableMap<String, Path> frames) {}

    private MaskFolder(Path root, MaskLayout layout, boolean singleVideo, String side,
                       NavigableMap<String, Video> videos) {
        this.root = root;
        this.layout = layout;
        this.singleVideo = singleVideo;
        this.side = side;
        this.videos = videos;
    }

    /**
     * Scans a folder. With {@link MaskLayout#AUTO}: a folder whose sub-folders hold
     * {@code <name>/<name>.<frame>.png} files is one {@code track} output (one video); a folder holding
     * images itself is one palette video; images one level down are a palette data set
     * ({@code <video>/<frame>.png}); two levels down a per-object data set ({@code <video>/<object>/<frame>.png},
     * or track outputs per video when named so). An explicit layout decides one video or a data set by depth.
     *
     * @param side "prediction" or "ground-truth", for messages
     */
    static MaskFolder scan(Path root, MaskLayout requested, String side) {
        if (!Files.exists(root)) {
            throw new EvalException("The " + side + " folder " + root + " does not exist.");
        }
        if (!Files.isDirectory(root)) {
            throw new EvalException("The " + side + " folder " + root + " is not a folder.");
        }
        boolean level1 = !images(root).isEmpty();
        List<Path> subdirs = dirs(root);
        boolean level2 = subdirs.stream().anyMatch(d -> !images(d).isEmpty());
        boolean level3 = !level2 && subdirs.stream().anyMatch(d -> dirs(d).stream().anyMatch(dd -> !images(dd).isEmpty()));
        String name = displayName(root);
        switch (requested) {
            case AUTO -> {
                if (level2 && trackNamed(root)) {
                    return single(root, name, MaskLayout.TRACK, side);
                }
                if (level1) {
                    return single(root, name, MaskLayout.PALETTE, side);
                }
                if (level2) {
                    return dataset(root, MaskLayout.PALETTE, side);
                }
                if (level3) {
                    boolean allTrack = subdirs.stream()
                            .filter(d -> dirs(d).stream().anyMatch(dd -> !images(dd).isEmpty()))
                            .allMatch(MaskFolder::trackNamed);
                    return dataset(root, allTrack ? MaskLayout.TRACK : MaskLayout.OBJECTS, side);
                }
            }
            case PALETTE -> {
                if (level1) {
                    return single(root, name, MaskLayout.PALETTE, side);
                }
                if (level2) {
                    return dataset(root, MaskLayout.PALETTE, side);
                }
                if (level3) {
                    throw new EvalException("The " + side + " folder " + root + " holds its masks two folders deep,"
                            + " which is the per-object layout, not the palette layout <video>/<frame>.png.");
                }
            }
            case OBJECTS, TRACK -> {
                if (level2) {
                    return single(root, name, requested, side);
                }
                if (level3) {
                    return dataset(root, requested, side);
                }
                if (level1) {
                    throw new EvalException("The " + side + " folder " + root + " holds its masks directly,"
                            + " which is the palette layout, not <object>/<frame>.png.");
                }
            }
            default -> throw new IllegalStateException();
        }
        throw new EvalException("The " + side + " folder " + root + " holds no PNG masks (expected <video>/<frame>.png,"
                + " <video>/<object>/<frame>.png or <object>/<object>.<frame>.png).");
    }

    private static MaskFolder single(Path root, String name, MaskLayout layout, String side) {
        NavigableMap<String, Video> videos = new TreeMap<>(FrameNames.NATURAL);
        videos.put(name, video(root, name, layout));
        return new MaskFolder(root, layout, true, side, videos);
    }

    private static MaskFolder dataset(Path root, MaskLayout layout, String side) {
        NavigableMap<String, Video> videos = new TreeMap<>(FrameNames.NATURAL);
        for (Path d : dirs(root)) {
            Video v = video(d, displayName(d), layout);
            boolean empty = layout == MaskLayout.PALETTE ? v.frames.isEmpty() : v.objects.isEmpty();
            if (!empty) {
                videos.put(v.name, v);
            }
        }
        return new MaskFolder(root, layout, false, side, videos);
    }

    private static Video video(Path dir, String name, MaskLayout layout) {
        if (layout == MaskLayout.PALETTE) {
            return new Video(name, dir, layout, frames(dir, null), null);
        }
        NavigableMap<String, ObjectFrames> objects = new TreeMap<>(FrameNames.NATURAL);
        Map<String, String> seen = new TreeMap<>();
        for (Path d : dirs(dir)) {
            String objectName = displayName(d);
            NavigableMap<String, Path> frames = frames(d, layout == MaskLayout.TRACK ? objectName : null);
            if (frames.isEmpty()) {
                continue;
            }
            String key = FrameNames.key(objectName);
            String other = seen.put(key, objectName);
            if (other != null) {
                throw new EvalException("The object folders " + dir.resolve(other) + " and " + d
                        + " stand for the same object " + key + ".");
            }
            objects.put(key, new ObjectFrames(objectName, d, frames));
        }
        return new Video(name, dir, layout, null, objects);
    }

    /** Frame key -> file; with a track object name, the frame is what follows {@code <name>.} (or the trailing digits). */
    private static NavigableMap<String, Path> frames(Path dir, String trackObject) {
        NavigableMap<String, Path> out = new TreeMap<>(FrameNames.NATURAL);
        for (Path f : images(dir)) {
            String key = FrameNames.key(frameName(f, trackObject));
            Path other = out.put(key, f);
            if (other != null) {
                throw new EvalException("The files " + other + " and " + f + " stand for the same frame " + key + ".");
            }
        }
        return out;
    }

    static String frameName(Path file, String trackObject) {
        String stem = stem(file);
        if (trackObject == null) {
            return stem;
        }
        if (stem.startsWith(trackObject + ".") && stem.length() > trackObject.length() + 1) {
            return stem.substring(trackObject.length() + 1);
        }
        int i = stem.length();
        while (i > 0 && Character.isDigit(stem.charAt(i - 1))) {
            i--;
        }
        return i < stem.length() ? stem.substring(i) : stem;
    }

    /** True when every sub-folder holding images names them {@code <folder>.<frame>.<ext>}, and there is one. */
    private static boolean trackNamed(Path dir) {
        boolean any = false;
        for (Path d : dirs(dir)) {
            List<Path> imgs = images(d);
            if (imgs.isEmpty()) {
                continue;
            }
            String prefix = displayName(d) + ".";
            for (Path f : imgs) {
                String stem = stem(f);
                if (!stem.startsWith(prefix) || stem.length() == prefix.length()) {
                    return false;
                }
            }
            any = true;
        }
        return any;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String displayName(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path f = abs.getFileName();
        return f == null ? abs.toString() : f.toString();
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        if (n.startsWith(".")) {
            return false;
        }
        String l = n.toLowerCase(Locale.ROOT);
        return (l.endsWith(".png") || l.endsWith(".tif") || l.endsWith(".tiff")) && Files.isRegularFile(p);
    }

    /** The track command's preview folder (contact sheet, movie), never masks. */
    static final String PREVIEWS = "previews";

    static List<Path> images(Path dir) {
        return list(dir, true);
    }

    static List<Path> dirs(Path dir) {
        return list(dir, false);
    }

    private static List<Path> list(Path dir, boolean wantImages) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            s.forEach(p -> {
                if (wantImages ? isImage(p)
                        : Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")
                                && !p.getFileName().toString().equals(PREVIEWS)) {
                    out.add(p);
                }
            });
            out.sort((a, b) -> FrameNames.NATURAL.compare(a.getFileName().toString(), b.getFileName().toString()));
            return Collections.unmodifiableList(out);
        } catch (IOException e) {
            throw new EvalException("The folder " + dir + " cannot be listed (" + e.getMessage() + ").", e);
        }
    }
}
