package org.sam2long.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * Every frame of a video stream in presentation order, learnt by reading the packet headers once
 * (no decoding): its timestamp and whether it is a keyframe. When the stream has no timestamps,
 * frames can only be counted and every seek starts from the beginning.
 */
final class FrameIndex {
    /** Ascending presentation timestamps in stream time base; null when the stream has none. */
    private final long[] pts;
    private final int[] keyframes;
    private final int count;

    private FrameIndex(long[] pts, int[] keyframes, int count) {
        this.pts = pts;
        this.keyframes = keyframes;
        this.count = count;
    }

    /** Reads all packets of {@code stream} to the end of the file (the caller seeks back). */
    static FrameIndex scan(AVFormatContext format, int stream, AVPacket packet, String name) throws FrameSourceException {
        long[][] frames = new long[1024][];
        int n = 0;
        boolean missing = false;
        int ret;
        while ((ret = av_read_frame(format, packet)) >= 0) {
            if (packet.stream_index() == stream && (packet.flags() & AV_PKT_FLAG_DISCARD) == 0) {
                if (n == frames.length) {
                    frames = Arrays.copyOf(frames, n * 2);
                }
                long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                missing |= t == AV_NOPTS_VALUE;
                frames[n++] = new long[] {t, (packet.flags() & AV_PKT_FLAG_KEY) != 0 ? 1 : 0};
            }
            av_packet_unref(packet);
        }
        if (n == 0) {
            throw new FrameSourceException(name + " has a video stream without any frames"
                    + (ret != AVERROR_EOF ? " (FFmpeg: " + Ffmpeg.text(ret) + ")" : "") + ".");
        }
        if (missing) {
            return new FrameIndex(null, new int[] {0}, n);
        }
        long[][] sorted = Arrays.copyOf(frames, n);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        long[] pts = new long[n];
        int[] keys = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            pts[i] = sorted[i][0];
            if (sorted[i][1] != 0 || i == 0) {
                keys[k++] = i;
            }
        }
        return new FrameIndex(pts, Arrays.copyOf(keys, k), n);
    }

    int count() { return count; }

    boolean hasTimestamps() { return pts != null; }

    long pts(int index) { return pts[index]; }

    /** The frame with this timestamp, or -1. */
    int indexOf(long timestamp) {
        if (pts == null || timestamp == AV_NOPTS_VALUE) {
            return -1;
        }
        int i = Arrays.binarySearch(pts, timestamp);
        return i >= 0 ? i : -1;
    }

    /** The keyframe at or before {@code index}, {@code back} keyframes further back; -1 past the first. */
    int keyframeBefore(int index, int back) {
        int k = Arrays.binarySearch(keyframes, index);
        k = (k >= 0 ? k : -k - 2) - back;
        return k >= 0 ? keyframes[k] : -1;
    }

    /** True when a keyframe lies in {@code from..to}: decoding on from before that point costs more than seeking. */
    boolean keyframeIn(int from, int to) {
        int k = Arrays.binarySearch(keyframes, from);
        int first = k >= 0 ? k : -k - 1;
        return first < keyframes.length && keyframes[first] <= to;
    }

    /** True when frame durations differ by more than one tick and 1 %. */
    boolean variable() {
        if (pts == null || count < 3) {
            return false;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 1; i < count; i++) {
            long d = pts[i] - pts[i - 1];
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max - min > 1 && max - min > 0.01 * max;
    }

    /** Ticks from the first frame to {@code index}; -1 without timestamps. */
    long ticksFromStart(int index) {
        return pts == null ? -1 : pts[index] - pts[0];
    }
}
