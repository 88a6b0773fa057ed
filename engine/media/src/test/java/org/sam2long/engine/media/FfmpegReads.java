package org.sam2long.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_EXR;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Reads files back through FFmpeg's decoders, independently of the writers under test (OpenCV for
 * PNG/TIFF, our Java code for EXR). Components come back in the pixel format's order: R, G, B, A
 * for colour, Y (, A) for gray.
 */
final class FfmpegReads {
    private FfmpegReads() {}

    /** Every component of a PNG, TIFF or EXR file as floats (integers scaled to 0..1). */
    static float[][] components(Path file) throws Exception {
        try (ImageDecoder d = new ImageDecoder()) {
            return all(d.decode(file));
        }
    }

    /** The R, G, B, A components of one layer of an EXR ({@code layer} = "hero" for hero.R...). */
    static float[][] exrLayer(Path file, String layer) throws Exception {
        Ffmpeg.load();
        byte[] bytes = Files.readAllBytes(file);
        AVCodec decoder = avcodec_find_decoder(AV_CODEC_ID_EXR);
        AVCodecContext c = avcodec_alloc_context3(decoder);
        AVPacket p = av_packet_alloc();
        AVFrame f = av_frame_alloc();
        try {
            av_opt_set(c.priv_data(), "layer", layer, 0);
            check(avcodec_open2(c, decoder, (AVDictionary) null));
            av_new_packet(p, bytes.length);
            p.data().put(bytes, 0, bytes.length);
            check(avcodec_send_packet(c, p));
            check(avcodec_receive_frame(c, f));
            return all(f);
        } finally {
            av_frame_free(f);
            av_packet_free(p);
            avcodec_free_context(c);
        }
    }

    /** The FFmpeg pixel format name a file decodes to. */
    static String pixelFormat(Path file) throws Exception {
        try (ImageDecoder d = new ImageDecoder()) {
            return PictureConverter.name(d.decode(file).format());
        }
    }

    private static float[][] all(AVFrame f) {
        int n = org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get(f.format()).nb_components();
        float[][] out = new float[n][];
        for (int c = 0; c < n; c++) {
            out[c] = PictureConverter.component(f, c);
        }
        return out;
    }

    private static void check(int ret) {
        if (ret < 0) {
            throw new IllegalStateException("FFmpeg: " + Ffmpeg.text(ret));
        }
    }
}
