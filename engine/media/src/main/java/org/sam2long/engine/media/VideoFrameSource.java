package org.sam2long.engine.media;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * A video file as a {@link FrameSource}, decoded with FFmpeg. Frame-accurate: frame i is always the
 * i-th picture in presentation order, whatever the access pattern. Reading forward decodes
 * sequentially; stepping backward (reading the frame before the last one) decodes a window of
 * frames once, from the keyframe before it, and serves the following backward reads from a small
 * cache, so a reverse pass costs about one forward pass; any other jump decodes just its frame. Rotation metadata is applied (width/height are the upright size). Opening reads
 * the packet headers of the whole file once to count frames exactly. Frames returned may be shared
 * with the cache: do not modify their pixels. Thread-safe (calls are serialised).
 */
public final class VideoFrameSource implements FrameSource {
    /** Default memory for decoded frames kept for backward reads. */
    public static final long DEFAULT_CACHE_BYTES = 256L << 20;

    private final Path file;
    private final VideoDecoder decoder;
    private final PictureConverter converter = new PictureConverter();
    private final Map<Integer, Frame> cache;
    private final int cacheFrames;
    private int lastRead = -2;

    private VideoFrameSource(Path file, VideoDecoder decoder, long cacheBytes) {
        this.file = file;
        this.decoder = decoder;
        long frameBytes = 3L * decoder.codedWidth() * decoder.codedHeight();
        this.cacheFrames = (int) Math.max(2, Math.min(64, cacheBytes / Math.max(1, frameBytes)));
        this.cache = new LinkedHashMap<>(cacheFrames * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Frame> eldest) {
                return size() > cacheFrames;
            }
        };
    }

    /** Opens a video file; fails with one sentence naming the file (missing, truncated, unsupported codec...). */
    public static VideoFrameSource open(Path file) throws FrameSourceException {
        return open(file, DEFAULT_CACHE_BYTES);
    }

    /** As {@link #open(Path)}, with the memory allowed for cached frames (at least 2 frames are kept). */
    public static VideoFrameSource open(Path file, long cacheBytes) throws FrameSourceException {
        return new VideoFrameSource(file, VideoDecoder.open(file), cacheBytes);
    }

    @Override
    public int frameCount() { return decoder.frameCount(); }

    @Override
    public int width() { return rotatesSides() ? decoder.codedHeight() : decoder.codedWidth(); }

    @Override
    public int height() { return rotatesSides() ? decoder.codedWidth() : decoder.codedHeight(); }

    /** Nominal frame rate (FFmpeg's best guess of the stream's rate). */
    @Override
    public double frameRate() { return decoder.frameRate(); }

    /** True when the frame durations in the file are not all equal. */
    public boolean variableFrameRate() { return decoder.variableFrameRate(); }

    /** Frames per second measured over the whole file (equals the nominal rate for constant-rate files). */
    public double averageFrameRate() { return decoder.averageFrameRate(); }

    /** Clockwise rotation (0, 90, 180, 270) applied from the file's display matrix. */
    public int rotation() { return decoder.rotation(); }

    /** Presentation time of a frame in seconds, counted from the first frame. */
    public double timeOf(int index) { return decoder.time(index); }

    /** Facts for a sidecar or a log line: file, codec, pixel format, size, frames, rates, rotation. */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("codec", decoder.codecName());
        m.put("pixelFormat", decoder.pixelFormatName());
        m.put("width", width());
        m.put("height", height());
        m.put("frames", frameCount());
        m.put("frameRate", frameRate());
        m.put("variableFrameRate", variableFrameRate());
        m.put("averageFrameRate", averageFrameRate());
        m.put("rotation", rotation());
        return m;
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder(file.getFileName().toString()).append(" (")
                .append(decoder.codecName()).append(' ').append(decoder.pixelFormatName()).append(", ")
                .append(width()).append('x').append(height()).append(", ").append(frameCount()).append(" frames, ")
                .append(String.format(Locale.ROOT, "%.3f fps", frameRate()));
        if (variableFrameRate()) {
            s.append(String.format(Locale.ROOT, ", variable frame rate averaging %.3f fps", averageFrameRate()));
        }
        if (rotation() != 0) {
            s.append(", rotated ").append(rotation()).append("° clockwise");
        }
        return s.append(')').toString();
    }

    @Override
    public synchronized Frame read(int index) throws FrameSourceException {
        if (index < 0 || index >= frameCount()) {
            throw new FrameSourceException(file + " has no frame " + index + " (it has " + frameCount() + " frames).");
        }
        boolean steppingBack = index == lastRead - 1;
        lastRead = index;
        Frame hit = cache.get(index);
        if (hit != null) {
            return hit;
        }
        int start = steppingBack ? Math.max(0, index - cacheFrames + 1) : index;
        Frame result = null;
        for (int i = start; i <= index; i++) {
            AVFrame picture = decoder.decode(i);
            if (i == index || !cache.containsKey(i)) {
                Frame f = toFrame(i, picture);
                cache.put(i, f);
                result = f;
            }
        }
        return result;
    }

    private Frame toFrame(int index, AVFrame picture) throws FrameSourceException {
        int w = picture.width();
        int h = picture.height();
        if (w != decoder.codedWidth() || h != decoder.codedHeight()) {
            throw new FrameSourceException(file + ": frame " + index + " is " + w + "x" + h
                    + " but the stream is " + decoder.codedWidth() + "x" + decoder.codedHeight() + "; size changes inside a clip are not supported.");
        }
        byte[] rgb = Rotation.rotate(converter.toRgb(picture), w, h, decoder.rotation());
        return new Frame(index, width(), height(), rgb);
    }

    private boolean rotatesSides() {
        return decoder.rotation() == 90 || decoder.rotation() == 270;
    }

    @Override
    public synchronized void close() {
        cache.clear();
        converter.close();
        decoder.close();
    }
}
