package org.sam2long.engine.media;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * An MP4 preview movie written with FFmpeg: H.264 through Cisco's OpenH264 encoder (the JavaCV
 * 1.5.13 FFmpeg build has no libx264), MPEG-4 Part 2 when OpenH264 cannot be opened. Frames go to a
 * temporary file that {@link #finish()} renames into place; closing without finishing deletes it.
 */
public final class PreviewMovie implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final FFmpegFrameRecorder recorder;
    private final String codec;
    private final Frame frame;
    private boolean finished;

    private PreviewMovie(Path target, Path tmp, FFmpegFrameRecorder recorder, String codec, int w, int h) {
        this.target = target;
        this.tmp = tmp;
        this.recorder = recorder;
        this.codec = codec;
        this.frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
    }

    /** Starts a movie of {@code width x height} (both even) at {@code fps}. */
    public static PreviewMovie open(Path file, int width, int height, double fps) throws MatteWriteException {
        try {
            Ffmpeg.load();
        } catch (FrameSourceException e) {
            throw new MatteWriteException(e.getMessage(), e);
        }
        Path tmp = AtomicFiles.temporary(file);
        FrameRecorder.Exception last = null;
        for (String codec : new String[] {"libopenh264", "mpeg4"}) {
            FFmpegFrameRecorder r = new FFmpegFrameRecorder(tmp.toFile(), width, height, 0);
            r.setFormat("mp4");
            r.setVideoCodecName(codec);
            r.setFrameRate(fps > 0 ? fps : 24);
            r.setVideoBitrate(Math.max(1_000_000, width * height * 4));
            r.setGopSize(24);
            try {
                r.start();
                return new PreviewMovie(file, tmp, r, codec, width, height);
            } catch (FrameRecorder.Exception e) {
                last = e;
                try {
                    r.release();
                } catch (FrameRecorder.Exception ignored) {
                    // already failing; the next codec gets a fresh recorder
                }
                AtomicFiles.deleteQuietly(tmp);
            }
        }
        throw new MatteWriteException("Could not start the preview movie " + file + ": " + Ffmpeg.translate(last.getMessage()) + ".", last);
    }

    /** The encoder in use: "libopenh264" or "mpeg4". */
    public String codec() { return codec; }

    /** Appends a frame of the movie's size. */
    public void add(BufferedImage image) throws MatteWriteException {
        if (image.getWidth() != frame.imageWidth || image.getHeight() != frame.imageHeight) {
            throw new IllegalArgumentException("preview frame is " + image.getWidth() + "x" + image.getHeight()
                    + ", the movie " + frame.imageWidth + "x" + frame.imageHeight);
        }
        int[] rgb = image.getRGB(0, 0, frame.imageWidth, frame.imageHeight, null, 0, frame.imageWidth);
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        for (int y = 0; y < frame.imageHeight; y++) {
            for (int x = 0; x < frame.imageWidth; x++) {
                int p = rgb[y * frame.imageWidth + x];
                int d = y * frame.imageStride + x * 3;
                buf.put(d, (byte) p).put(d + 1, (byte) (p >> 8)).put(d + 2, (byte) (p >> 16));
            }
        }
        try {
            recorder.record(frame);
        } catch (FrameRecorder.Exception e) {
            throw new MatteWriteException("Could not write the preview movie " + target + ": " + Ffmpeg.translate(e.getMessage()) + ".", e);
        }
    }

    /** Completes the file and moves it into place. */
    public void finish() throws MatteWriteException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            AtomicFiles.deleteQuietly(tmp);
            throw new MatteWriteException("Could not finish the preview movie " + target + ": " + Ffmpeg.translate(e.getMessage()) + ".", e);
        }
        AtomicFiles.commit(tmp, target);
        finished = true;
    }

    @Override
    public void close() {
        if (!finished) {
            try {
                recorder.release();
            } catch (FrameRecorder.Exception ignored) {
                // the temporary file is removed below either way
            }
            AtomicFiles.deleteQuietly(tmp);
        }
        frame.close();
    }
}
