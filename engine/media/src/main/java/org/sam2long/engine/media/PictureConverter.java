package org.sam2long.engine.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_FCC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_FLOAT;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_FCC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_SMPTE240M;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVComponentDescriptor;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Turns decoded pictures into display-referred 8-bit RGB. YUV sources go through swscale with the
 * stream's own matrix (BT.601/709/2020, guessed from the height when unspecified: 720 lines and up
 * means BT.709) and range (limited or full), so 10/12-bit and HD material keep their colours. Float
 * pictures (OpenEXR) are read in Java and encoded with {@link Srgb}. Not thread-safe.
 */
final class PictureConverter implements AutoCloseable {
    private SwsContext sws;
    private int format = -1;
    private int width;
    private int height;
    private int matrix = -1;
    private int range = -1;
    private BytePointer buffer;
    private int stride;

    /** RGB bytes (width x height x 3) of a decoded picture. */
    byte[] toRgb(AVFrame f) {
        AVPixFmtDescriptor desc = av_pix_fmt_desc_get(f.format());
        if (desc != null && (desc.flags() & AV_PIX_FMT_FLAG_FLOAT) != 0) {
            return floatToRgb(f, desc);
        }
        prepare(f);
        PointerPointer<?> dst = new PointerPointer<>(4).put(0, buffer);
        IntPointer dstLines = new IntPointer(4).put(0, stride);
        try {
            sws_scale(sws, f.data(), f.linesize(), 0, f.height(), dst, dstLines);
        } finally {
            dst.close();
            dstLines.close();
        }
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            buffer.position((long) y * stride).get(rgb, y * width * 3, width * 3);
        }
        buffer.position(0);
        return rgb;
    }

    private void prepare(AVFrame f) {
        int m = matrixOf(f);
        int r = f.color_range() == AVCOL_RANGE_JPEG || name(f.format()).startsWith("yuvj") ? 1 : 0;
        if (sws != null && f.format() == format && f.width() == width && f.height() == height && m == matrix && r == range) {
            return;
        }
        release();
        format = f.format();
        width = f.width();
        height = f.height();
        matrix = m;
        range = r;
        sws = sws_getContext(width, height, format, width, height, AV_PIX_FMT_RGB24,
                SWS_BICUBIC, null, null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new IllegalStateException("FFmpeg cannot convert pixel format " + name(format) + " to RGB");
        }
        sws_setColorspaceDetails(sws, sws_getCoefficients(m), r, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        stride = (width * 3 + 63) & ~63;
        buffer = new BytePointer(av_malloc((long) stride * height + 64)).capacity((long) stride * height + 64);
    }

    private static int matrixOf(AVFrame f) {
        int cs = f.colorspace();
        if (cs == AVCOL_SPC_BT709) {
            return SWS_CS_ITU709;
        } else if (cs == AVCOL_SPC_BT470BG || cs == AVCOL_SPC_SMPTE170M) {
            return SWS_CS_ITU601;
        } else if (cs == AVCOL_SPC_BT2020_NCL || cs == AVCOL_SPC_BT2020_CL) {
            return SWS_CS_BT2020;
        } else if (cs == AVCOL_SPC_SMPTE240M) {
            return SWS_CS_SMPTE240M;
        } else if (cs == AVCOL_SPC_FCC) {
            return SWS_CS_FCC;
        }
        return f.height() >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
    }

    private static byte[] floatToRgb(AVFrame f, AVPixFmtDescriptor desc) {
        boolean rgb = (desc.flags() & AV_PIX_FMT_FLAG_RGB) != 0;
        float[][] comps = new float[3][];
        for (int c = 0; c < 3; c++) {
            comps[c] = rgb || c == 0 ? component(f, c) : comps[0];
        }
        byte[] out = new byte[f.width() * f.height() * 3];
        for (int i = 0, n = f.width() * f.height(); i < n; i++) {
            out[i * 3] = (byte) Srgb.encode8(comps[0][i]);
            out[i * 3 + 1] = (byte) Srgb.encode8(comps[1][i]);
            out[i * 3 + 2] = (byte) Srgb.encode8(comps[2][i]);
        }
        return out;
    }

    /**
     * One component of a packed or planar RGB/gray picture as floats: integer formats scaled to
     * 0..1 by their bit depth, float formats as stored (half widened). Component order is the
     * pixel format's (R, G, B, A or Y, A).
     */
    static float[] component(AVFrame f, int c) {
        AVPixFmtDescriptor desc = av_pix_fmt_desc_get(f.format());
        if (desc == null || c >= desc.nb_components()) {
            throw new IllegalArgumentException("pixel format " + name(f.format()) + " has no component " + c);
        }
        AVComponentDescriptor comp = desc.comp(c);
        boolean isFloat = (desc.flags() & AV_PIX_FMT_FLAG_FLOAT) != 0;
        ByteOrder order = (desc.flags() & AV_PIX_FMT_FLAG_BE) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int w = f.width();
        int h = f.height();
        int plane = comp.plane();
        int step = comp.step();
        int depth = comp.depth();
        int lines = f.linesize(plane);
        ByteBuffer bytes = f.data(plane).capacity((long) lines * (h - 1) + (long) step * w + 8).asBuffer().order(order);
        float scale = isFloat ? 1f : 1f / ((1 << depth) - 1);
        int mask = (1 << depth) - 1;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int row = y * lines + comp.offset();
            for (int x = 0; x < w; x++) {
                int at = row + x * step;
                float v;
                if (isFloat) {
                    v = depth == 16 ? Half.toFloat(bytes.getShort(at)) : bytes.getFloat(at);
                } else if (step >= 2 && depth > 8) {
                    v = ((bytes.getShort(at) & 0xffff) >> comp.shift() & mask) * scale;
                } else {
                    v = ((bytes.get(at) & 0xff) >> comp.shift() & mask) * scale;
                }
                out[y * w + x] = v;
            }
        }
        return out;
    }

    static String name(int pixelFormat) {
        BytePointer p = av_get_pix_fmt_name(pixelFormat);
        return p == null || p.isNull() ? "unknown(" + pixelFormat + ")" : p.getString();
    }

    private void release() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (buffer != null) {
            av_free(buffer.position(0));
            buffer = null;
        }
    }

    @Override
    public void close() {
        release();
    }
}
