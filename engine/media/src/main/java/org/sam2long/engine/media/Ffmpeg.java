package org.sam2long.engine.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DEMUXER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PATCHWELCOME;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * Loads FFmpeg's native libraries once, keeps FFmpeg's own console log quiet (our errors say what
 * went wrong; set {@code -Dsam2long.ffmpeg.log=true} to see FFmpeg's lines), and turns FFmpeg error
 * codes into plain sentences.
 */
final class Ffmpeg {
    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");
    private static volatile boolean loaded;

    private Ffmpeg() {}

    /** Loads the natives or fails with one sentence; cheap after the first call. */
    static void load() throws FrameSourceException {
        if (loaded) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (loaded) {
                return;
            }
            try {
                Loader.load(avutil.class);
                Loader.load(avcodec.class);
                Loader.load(avformat.class);
                Loader.load(swscale.class);
                if (!Boolean.getBoolean("sam2long.ffmpeg.log")) {
                    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
                }
                loaded = true;
            } catch (Throwable e) {
                throw new FrameSourceException("FFmpeg's native libraries could not be loaded on "
                        + Loader.getPlatform() + " (" + e + "); check that the JavaCV ffmpeg jar for this platform is on the class path", e);
            }
        }
    }

    /** FFmpeg's own text for an error code, e.g. "Invalid data found when processing input". */
    static String text(int code) {
        byte[] buf = new byte[256];
        avutil.av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Why a file could not be opened, as the tail of a sentence starting with the file name. */
    static String openFailure(int code) {
        if (code == AVERROR_INVALIDDATA) {
            return "is not a readable media file: its data is invalid or truncated (FFmpeg: " + text(code) + ")";
        }
        if (code == -2) {
            return "does not exist";
        }
        if (code == -13) {
            return "cannot be read: permission denied";
        }
        if (code == AVERROR_DEMUXER_NOT_FOUND) {
            return "is in a container format this FFmpeg build does not recognise";
        }
        if (code == AVERROR_DECODER_NOT_FOUND || code == AVERROR_PATCHWELCOME) {
            return "uses a codec this FFmpeg build cannot decode";
        }
        if (code == AVERROR_STREAM_NOT_FOUND) {
            return "contains no video stream";
        }
        if (code == AVERROR_EOF) {
            return "ends before any picture could be read (empty or truncated file)";
        }
        return "could not be opened (FFmpeg error " + code + ": " + text(code) + ")";
    }

    /**
     * Rewrites a JavaCV exception message such as {@code avformat_open_input() error -1094995529: ...}
     * into FFmpeg's wording of that code; other messages are returned unchanged.
     */
    static String translate(String message) {
        if (message == null) {
            return "unknown FFmpeg error";
        }
        Matcher m = ERROR_CODE.matcher(message);
        return m.find() ? text(Integer.parseInt(m.group(1))) + " (FFmpeg error " + m.group(1) + ")" : message;
    }
}
