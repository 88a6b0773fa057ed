package org.sam2long.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_BMP;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_DPX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_EXR;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_TARGA;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_TIFF;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * Decodes single still images (PNG 8/16-bit, TIFF, JPEG, DPX, OpenEXR half/float, BMP, TGA) with
 * FFmpeg's image decoders: the whole file is one packet, the codec is chosen by extension. FFmpeg's
 * EXR decoder needs no environment switch, unlike OpenCV's. Not thread-safe.
 */
final class ImageDecoder implements AutoCloseable {
    private static final Map<String, Integer> CODECS = Map.of(
            "png", AV_CODEC_ID_PNG, "jpg", AV_CODEC_ID_MJPEG, "jpeg", AV_CODEC_ID_MJPEG,
            "tif", AV_CODEC_ID_TIFF, "tiff", AV_CODEC_ID_TIFF, "dpx", AV_CODEC_ID_DPX,
            "exr", AV_CODEC_ID_EXR, "bmp", AV_CODEC_ID_BMP, "tga", AV_CODEC_ID_TARGA);

    private final AVPacket packet;
    private final AVFrame frame;

    ImageDecoder() throws FrameSourceException {
        Ffmpeg.load();
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    /** True for file extensions this decoder reads. */
    static boolean supports(String extension) {
        return CODECS.containsKey(extension.toLowerCase(Locale.ROOT));
    }

    /** The decoded picture of one file, owned by this decoder until the next call. */
    AVFrame decode(Path file) throws FrameSourceException {
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Integer codecId = CODECS.get(ext);
        if (codecId == null) {
            throw new FrameSourceException(file + " is not a supported image type (expected one of " + CODECS.keySet() + ").");
        }
        byte[] bytes = readFile(file);
        AVCodec decoder = avcodec_find_decoder(codecId);
        if (decoder == null || decoder.isNull()) {
            throw new FrameSourceException(file + ": this FFmpeg build has no " + kind(ext) + " decoder.");
        }
        AVCodecContext codec = avcodec_alloc_context3(decoder);
        try {
            codec.thread_count(1);
            int ret = avcodec_open2(codec, decoder, (AVDictionary) null);
            if (ret < 0) {
                throw new FrameSourceException(file + ": the " + ext + " decoder could not be opened (" + Ffmpeg.text(ret) + ").");
            }
            av_new_packet(packet, bytes.length);
            packet.data().put(bytes, 0, bytes.length);
            ret = avcodec_send_packet(codec, packet);
            av_packet_unref(packet);
            if (ret >= 0) {
                avcodec_send_packet(codec, null);
                ret = avcodec_receive_frame(codec, frame);
            }
            if (ret < 0) {
                throw new FrameSourceException(file + " is not a valid " + kind(ext) + " image: " + Ffmpeg.text(ret) + ".");
            }
            return frame;
        } finally {
            avcodec_free_context(codec);
        }
    }

    /** The bytes of a still image file, with one sentence when it is missing, unreadable or empty. */
    static byte[] readFile(Path file) throws FrameSourceException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FrameSourceException(file + " does not exist.", e);
        } catch (IOException e) {
            throw new FrameSourceException(file + " cannot be read: " + e.getMessage() + ".", e);
        }
        if (bytes.length == 0) {
            throw new FrameSourceException(file + " is empty (0 bytes).");
        }
        return bytes;
    }

    private static String kind(String ext) {
        switch (ext) {
            case "exr": return "OpenEXR";
            case "jpg":
            case "jpeg": return "JPEG";
            case "tif":
            case "tiff": return "TIFF";
            default: return ext.toUpperCase(Locale.ROOT);
        }
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(frame);
    }
}
