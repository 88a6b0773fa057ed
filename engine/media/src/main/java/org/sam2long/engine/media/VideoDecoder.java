package org.sam2long.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BYTE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * Frame-accurate decoding of a video file's best video stream with FFmpeg's C API. Opening scans
 * the packet headers once (no decoding) to learn every frame's presentation timestamp and the
 * keyframes, so the frame count is exact and {@link #decode(int)} can seek to the keyframe before
 * any frame and decode forward to exactly that frame. Reading forward never seeks. Not thread-safe.
 */
final class VideoDecoder implements AutoCloseable {
    private static final int MAX_SEEK_RETRIES = 3;

    private final String name;
    private AVFormatContext format;
    private AVCodecContext codec;
    private AVStream stream;
    private int streamIndex;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private FrameIndex index;
    private int next = 0;
    private boolean inputDone;
    private int lastError;
    private int rotation;
    private double frameRate;

    private VideoDecoder(String name) {
        this.name = name;
    }

    /** Opens the file and indexes its frames; errors name the file in one sentence. */
    static VideoDecoder open(Path file) throws FrameSourceException {
        Ffmpeg.load();
        VideoDecoder d = new VideoDecoder(file.toString());
        try {
            d.openInput(file.toString());
            d.index();
            d.rewind();
            return d;
        } catch (FrameSourceException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private void openInput(String path) throws FrameSourceException {
        format = new AVFormatContext(null);
        int ret = avformat_open_input(format, path, null, null);
        if (ret < 0) {
            format = null;
            throw new FrameSourceException(name + " " + Ffmpeg.openFailure(ret) + ".");
        }
        ret = avformat_find_stream_info(format, (PointerPointer<?>) null);
        if (ret < 0) {
            throw new FrameSourceException(name + " " + Ffmpeg.openFailure(ret) + ".");
        }
        streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (streamIndex < 0) {
            throw new FrameSourceException(name + " contains no video stream.");
        }
        stream = format.streams(streamIndex);
        AVCodecParameters par = stream.codecpar();
        AVCodec decoder = avcodec_find_decoder(par.codec_id());
        if (decoder == null || decoder.isNull()) {
            String codecName = par.codec_id() == AV_CODEC_ID_NONE ? "an unknown video codec"
                    : "the video codec '" + avcodec_get_name(par.codec_id()).getString() + "'";
            throw new FrameSourceException(name + " uses " + codecName + ", which this FFmpeg build cannot decode.");
        }
        codec = avcodec_alloc_context3(decoder);
        avcodec_parameters_to_context(codec, par);
        codec.pkt_timebase(stream.time_base());
        codec.thread_count(0);
        ret = avcodec_open2(codec, decoder, (AVDictionary) null);
        if (ret < 0) {
            throw new FrameSourceException(name + ": the " + decoder.name().getString() + " decoder could not be opened ("
                    + Ffmpeg.text(ret) + ").");
        }
        rotation = readRotation(par);
    }

    /** Clockwise degrees (0, 90, 180, 270) the picture must be turned to display upright. */
    private static int readRotation(AVCodecParameters par) {
        AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 36) {
            return 0;
        }
        double counterClockwise = av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(counterClockwise)) {
            return 0;
        }
        long clockwise = Math.round(-counterClockwise / 90.0) * 90;
        return (int) (((clockwise % 360) + 360) % 360);
    }

    private void index() throws FrameSourceException {
        index = FrameIndex.scan(format, streamIndex, packet, name);
        AVRational guess = av_guess_frame_rate(format, stream, null);
        frameRate = guess.num() > 0 && guess.den() > 0 ? av_q2d(guess) : 25.0;
    }

    private void rewind() throws FrameSourceException {
        int ret = av_seek_frame(format, streamIndex, index.hasTimestamps() ? index.pts(0) : Long.MIN_VALUE, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            ret = av_seek_frame(format, -1, 0, AVSEEK_FLAG_BYTE);
        }
        if (ret < 0) {
            throw new FrameSourceException(name + " cannot be rewound (FFmpeg: " + Ffmpeg.text(ret) + ").");
        }
        resetDecoder();
        next = 0;
    }

    private void resetDecoder() {
        avcodec_flush_buffers(codec);
        inputDone = false;
    }

    /**
     * The decoded picture of frame {@code target} (0-based, presentation order). The returned frame
     * is owned by this decoder and valid until the next call.
     */
    AVFrame decode(int target) throws FrameSourceException {
        if (target < 0 || target >= index.count()) {
            throw new FrameSourceException(name + " has no frame " + target + " (it has " + index.count() + " frames).");
        }
        int retries = 0;
        if (target < next || next < 0 || index.keyframeIn(next + 1, target)) {
            seekBefore(target, 0);
        }
        while (true) {
            if (!receive()) {
                throw new FrameSourceException(name + ": frame " + target + " could not be decoded; the file ends early or is corrupt"
                        + (lastError < 0 ? " (FFmpeg: " + Ffmpeg.text(lastError) + ")" : "") + ".");
            }
            int got = indexOf(frame);
            if (got < 0) {
                continue;
            }
            next = got + 1;
            if (got == target) {
                return frame;
            }
            if (got > target) {
                if (++retries > MAX_SEEK_RETRIES) {
                    throw new FrameSourceException(name + ": frame " + target + " could not be decoded; the data around it is corrupt"
                            + (lastError < 0 ? " (FFmpeg: " + Ffmpeg.text(lastError) + ")" : "") + ".");
                }
                seekBefore(target, retries);
            }
        }
    }

    /** Seeks to the keyframe at or before target, {@code back} keyframes further back (the start when exhausted). */
    private void seekBefore(int target, int back) throws FrameSourceException {
        int key = index.hasTimestamps() && back < MAX_SEEK_RETRIES ? index.keyframeBefore(target, back) : -1;
        if (key <= 0 || av_seek_frame(format, streamIndex, index.pts(key), AVSEEK_FLAG_BACKWARD) < 0) {
            rewind();
            return;
        }
        resetDecoder();
        next = -1;
    }

    /** Frame index of a decoded picture: by timestamp, else by counting; -1 when unknown. */
    private int indexOf(AVFrame f) {
        long t = f.best_effort_timestamp() != AV_NOPTS_VALUE ? f.best_effort_timestamp() : f.pts();
        int i = index.indexOf(t);
        if (i >= 0) {
            return i;
        }
        return next >= 0 && next < index.count() ? next : -1;
    }

    /** Decodes the next picture into {@link #frame}; false at the end of the stream. */
    private boolean receive() {
        while (true) {
            int ret = avcodec_receive_frame(codec, frame);
            if (ret >= 0) {
                return true;
            }
            if (ret == AVERROR_EOF) {
                return false;
            }
            if (ret != AVERROR_EAGAIN()) {
                lastError = ret;
            }
            if (inputDone) {
                return false;
            }
            ret = av_read_frame(format, packet);
            if (ret < 0) {
                if (ret != AVERROR_EOF) {
                    lastError = ret;
                }
                inputDone = true;
                avcodec_send_packet(codec, null);
                continue;
            }
            if (packet.stream_index() == streamIndex) {
                ret = avcodec_send_packet(codec, packet);
                if (ret < 0 && ret != AVERROR_EAGAIN()) {
                    lastError = ret;
                }
            }
            av_packet_unref(packet);
        }
    }

    int frameCount() { return index.count(); }

    /** Index of the frame the next forward decode will produce without seeking (-1 when unknown). */
    int nextIndex() { return next; }

    /** Coded picture size, before rotation. */
    int codedWidth() { return stream.codecpar().width(); }

    int codedHeight() { return stream.codecpar().height(); }

    int rotation() { return rotation; }

    double frameRate() { return frameRate; }

    boolean variableFrameRate() { return index.variable(); }

    /** Mean frames per second over the whole stream (differs from {@link #frameRate()} for variable rate). */
    double averageFrameRate() {
        long span = index.ticksFromStart(index.count() - 1);
        return span <= 0 ? frameRate : (index.count() - 1) / (span * av_q2d(stream.time_base()));
    }

    /** Seconds from the first frame to frame {@code index}. */
    double time(int index) {
        long ticks = this.index.ticksFromStart(index);
        return ticks < 0 ? index / frameRate : ticks * av_q2d(stream.time_base());
    }

    String codecName() { return codec.codec().name().getString(); }

    String pixelFormatName() { return PictureConverter.name(codec.pix_fmt()); }

    @Override
    public void close() {
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        av_packet_free(packet);
        av_frame_free(frame);
    }
}
