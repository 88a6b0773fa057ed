package org.sam2long.engine.media;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * A numbered file pattern such as {@code plate.%04d.exr}, {@code plate.####.png} or
 * {@code plate.$F4.png} ({@code %d}, a single {@code #} or {@code $F} mean no padding; otherwise the
 * digit count is the padding). Frame numbers wider than the padding are accepted (10000 in a
 * 4-digit pattern). Only the file name may hold the frame token.
 */
public final class SequencePattern {
    private static final Pattern TOKEN = Pattern.compile("%0?(\\d*)d|#+|\\$F(\\d*)");

    private final Path directory;
    private final String prefix;
    private final String suffix;
    private final int padding;
    private final String text;

    private SequencePattern(Path directory, String prefix, String suffix, int padding, String text) {
        this.directory = directory;
        this.prefix = prefix;
        this.suffix = suffix;
        this.padding = padding;
        this.text = text;
    }

    /** True when the text holds a frame token ({@code %04d}, {@code ####}, {@code $F4}) in its file name. */
    public static boolean isPattern(String text) {
        return TOKEN.matcher(Path.of(text).getFileName().toString()).find();
    }

    /** Parses a pattern; fails when the file name has no frame token, or more than one. */
    public static SequencePattern parse(String text) throws FrameSourceException {
        Path path = Path.of(text);
        String name = path.getFileName().toString();
        Matcher m = TOKEN.matcher(name);
        if (!m.find()) {
            throw new FrameSourceException(text + " has no frame number token; use e.g. plate.%04d.exr, plate.####.exr or plate.$F4.exr.");
        }
        String token = m.group();
        int padding;
        if (token.startsWith("%")) {
            padding = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
        } else if (token.startsWith("#")) {
            padding = token.length();
        } else {
            padding = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
        }
        String prefix = name.substring(0, m.start());
        String suffix = name.substring(m.end());
        if (TOKEN.matcher(suffix).find()) {
            throw new FrameSourceException(text + " has more than one frame number token.");
        }
        Path dir = path.getParent() != null ? path.getParent() : Path.of(".");
        return new SequencePattern(dir, prefix, suffix, padding, text);
    }

    /** The file of one frame number. */
    public Path file(int frameNumber) {
        String digits = String.format("%0" + padding + "d", frameNumber);
        return directory.resolve(prefix + digits + suffix);
    }

    /** Digits of the frame token (1 = unpadded). */
    public int padding() { return padding; }

    /** File extension after the last dot, lower case (e.g. "exr"). */
    public String extension() {
        int dot = suffix.lastIndexOf('.');
        return dot < 0 ? "" : suffix.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Frame numbers of the files on disk that match, ascending. */
    public TreeSet<Integer> framesOnDisk() throws FrameSourceException {
        Pattern files = Pattern.compile(Pattern.quote(prefix) + "(-?\\d+)" + Pattern.quote(suffix));
        TreeSet<Integer> frames = new TreeSet<>();
        if (!Files.isDirectory(directory)) {
            throw new FrameSourceException(text + ": the folder " + directory + " does not exist.");
        }
        try (DirectoryStream<Path> list = Files.newDirectoryStream(directory)) {
            for (Path p : list) {
                Matcher m = files.matcher(p.getFileName().toString());
                if (m.matches() && (m.group(1).length() >= padding || padding == 1) && isCanonical(m.group(1))) {
                    frames.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new FrameSourceException(text + ": the folder " + directory + " cannot be listed (" + e.getMessage() + ").", e);
        }
        return frames;
    }

    /** Rejects "0012" in a 2-digit pattern, which would alias frame 12. */
    private boolean isCanonical(String digits) {
        String body = digits.startsWith("-") ? digits.substring(1) : digits;
        return body.length() <= padding || body.charAt(0) != '0';
    }

    /**
     * The files of frames {@code first..last}; fails naming every missing frame number (as ranges)
     * when any file is absent.
     */
    public List<Path> resolve(int first, int last) throws FrameSourceException {
        if (last < first) {
            throw new FrameSourceException(text + ": the frame range " + first + "-" + last + " is empty.");
        }
        List<Path> paths = new ArrayList<>(last - first + 1);
        List<Integer> missing = new ArrayList<>();
        for (int f = first; f <= last; f++) {
            Path p = file(f);
            if (!Files.isRegularFile(p)) {
                missing.add(f);
            }
            paths.add(p);
        }
        if (!missing.isEmpty()) {
            throw new FrameSourceException(text + " is missing " + (missing.size() == 1 ? "frame " : missing.size() + " frames: ")
                    + ranges(missing) + " (expected " + first + "-" + last + ", e.g. " + file(missing.get(0)).getFileName() + ").");
        }
        return paths;
    }

    /** "1005, 1010-1012" for [1005, 1010, 1011, 1012]. */
    static String ranges(List<Integer> sorted) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(sorted.get(i));
            if (j > i) {
                s.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return s.toString();
    }

    @Override
    public String toString() { return text; }
}
