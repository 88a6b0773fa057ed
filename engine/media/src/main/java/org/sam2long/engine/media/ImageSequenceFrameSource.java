package org.sam2long.engine.media;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * A numbered image sequence as a {@link FrameSource}: PNG (8/16-bit), TIFF, JPEG, DPX and OpenEXR
 * (half/float; linear values are shown through the sRGB curve, see {@link Srgb}), decoded one file
 * per read with FFmpeg. Frame numbers are kept: index 0 is the first file's number (e.g. 1001).
 * The range must be complete; every file must have the first file's size. Thread-safe.
 */
public final class ImageSequenceFrameSource implements FrameSource {
    /** Frame rate reported when the caller gives none: image files carry no rate. */
    public static final double DEFAULT_FRAME_RATE = 24.0;

    private final String pattern;
    private final List<Path> files;
    private final int first;
    private final double frameRate;
    private final int width;
    private final int height;
    private final ImageDecoder decoder;
    private final PictureConverter converter = new PictureConverter();

    private ImageSequenceFrameSource(String pattern, List<Path> files, int first, double frameRate)
            throws FrameSourceException {
        this.pattern = pattern;
        this.files = files;
        this.first = first;
        this.frameRate = frameRate;
        this.decoder = new ImageDecoder();
        try {
            if (JpegStills.handles(files.get(0))) {
                JpegStills.Picture picture = JpegStills.decode(files.get(0));
                this.width = picture.width();
                this.height = picture.height();
            } else {
                var picture = decoder.decode(files.get(0));
                this.width = picture.width();
                this.height = picture.height();
            }
        } catch (FrameSourceException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** All frames on disk that match the pattern; fails when there are none or the numbers have gaps. */
    public static ImageSequenceFrameSource open(String pattern) throws FrameSourceException {
        SequencePattern p = SequencePattern.parse(pattern);
        TreeSet<Integer> frames = p.framesOnDisk();
        if (frames.isEmpty()) {
            throw new FrameSourceException(pattern + " matches no files (looked for e.g. " + p.file(1001).getFileName() + ").");
        }
        return open(pattern, frames.first(), frames.last(), DEFAULT_FRAME_RATE);
    }

    /** Frames {@code first..last} of the pattern; fails naming every missing frame number. */
    public static ImageSequenceFrameSource open(String pattern, int first, int last, double frameRate)
            throws FrameSourceException {
        SequencePattern p = SequencePattern.parse(pattern);
        if (!ImageDecoder.supports(p.extension())) {
            throw new FrameSourceException(pattern + ": ." + p.extension() + " files are not supported (use PNG, TIFF, JPEG, DPX or EXR).");
        }
        return new ImageSequenceFrameSource(pattern, p.resolve(first, last), first, frameRate);
    }

    /** One still image as a one-frame source (frame number 0). */
    public static ImageSequenceFrameSource single(Path file) throws FrameSourceException {
        return new ImageSequenceFrameSource(file.toString(), List.of(file), 0, DEFAULT_FRAME_RATE);
    }

    @Override
    public int frameCount() { return files.size(); }

    @Override
    public int width() { return width; }

    @Override
    public int height() { return height; }

    @Override
    public double frameRate() { return frameRate; }

    @Override
    public int frameNumber(int index) { return first + index; }

    /** The file read for an index. */
    public Path file(int index) { return files.get(index); }

    @Override
    public String describe() {
        return pattern + " (" + first + "-" + (first + files.size() - 1) + ", " + width + "x" + height + ")";
    }

    @Override
    public synchronized Frame read(int index) throws FrameSourceException {
        if (index < 0 || index >= files.size()) {
            throw new FrameSourceException(pattern + " has no index " + index + " (frames " + first + "-"
                    + (first + files.size() - 1) + ").");
        }
        Path file = files.get(index);
        if (JpegStills.handles(file)) {
            JpegStills.Picture jpeg = JpegStills.decode(file);
            checkSize(file, jpeg.width(), jpeg.height());
            return new Frame(index, width, height, jpeg.rgb());
        }
        var picture = decoder.decode(file);
        checkSize(file, picture.width(), picture.height());
        return new Frame(index, width, height, converter.toRgb(picture));
    }

    private void checkSize(Path file, int w, int h) throws FrameSourceException {
        if (w != width || h != height) {
            throw new FrameSourceException(file + " is " + w + "x" + h + " but the sequence starts at "
                    + width + "x" + height + " (" + files.get(0).getFileName() + "); all frames of a sequence must have one size.");
        }
    }

    @Override
    public synchronized void close() {
        converter.close();
        decoder.close();
    }
}
