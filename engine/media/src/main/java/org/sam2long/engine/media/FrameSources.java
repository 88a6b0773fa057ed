package org.sam2long.engine.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * Opens whatever a user typed as the input of a shot:
 * <ul>
 *   <li>a pattern ({@code plate.%04d.exr}, {@code plate.####.png}, {@code plate.$F4.dpx}), optionally
 *       followed by a range ({@code plate.####.exr 1001-1240}); without a range all files on disk;</li>
 *   <li>one numbered image ({@code plate.1001.exr}): the whole sequence it belongs to;</li>
 *   <li>one un-numbered image: a one-frame source;</li>
 *   <li>anything else: a video file read with FFmpeg.</li>
 * </ul>
 */
public final class FrameSources {
    private static final Pattern RANGE = Pattern.compile("(.*\\S)\\s+(-?\\d+)\\s*-\\s*(-?\\d+)");
    private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)(\\.[A-Za-z0-9]+)");

    private FrameSources() {}

    /** The frame source for an input spec; errors are one sentence naming the file or pattern. */
    public static FrameSource open(String spec) throws FrameSourceException {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new FrameSourceException("No input given: name a video file or an image sequence such as plate.%04d.exr.");
        }
        Matcher range = RANGE.matcher(s);
        if (range.matches() && SequencePattern.isPattern(range.group(1))) {
            return ImageSequenceFrameSource.open(range.group(1), Integer.parseInt(range.group(2)),
                    Integer.parseInt(range.group(3)), ImageSequenceFrameSource.DEFAULT_FRAME_RATE);
        }
        if (SequencePattern.isPattern(s)) {
            return ImageSequenceFrameSource.open(s);
        }
        Path path = Path.of(s);
        if (Files.isDirectory(path)) {
            throw new FrameSourceException(s + " is a folder; name a video file or a sequence pattern such as "
                    + path.resolve("plate.%04d.exr") + ".");
        }
        if (!Files.exists(path)) {
            throw new FrameSourceException(s + " does not exist.");
        }
        String name = path.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (ImageDecoder.supports(ext)) {
            Matcher numbered = NUMBERED.matcher(name);
            if (numbered.matches()) {
                String pattern = numbered.group(1) + "%0" + numbered.group(2).length() + "d" + numbered.group(3);
                Path parent = path.getParent();
                return ImageSequenceFrameSource.open(parent == null ? pattern : parent.resolve(pattern).toString());
            }
            return ImageSequenceFrameSource.single(path);
        }
        return VideoFrameSource.open(path);
    }
}
