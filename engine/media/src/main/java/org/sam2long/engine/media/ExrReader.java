package org.sam2long.engine.media;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the single-part scanline OpenEXR files that {@link ExrWriter} produces (NO_COMPRESSION,
 * ZIPS or ZIP; HALF, FLOAT or UINT channels), including alpha-only and layered mattes, which
 * FFmpeg 8.0 and OpenCV 4.13 cannot open. Plates with other compressions are read through FFmpeg
 * by {@link ImageSequenceFrameSource}.
 */
public final class ExrReader {
    /** A decoded image: every channel by full name, as floats, row-major; string attributes. */
    public record Image(int width, int height, Map<String, float[]> channels, Map<String, String> strings) {
        /** The samples of one channel; fails naming the channels present. */
        public float[] channel(String name) {
            float[] c = channels.get(name);
            if (c == null) {
                throw new IllegalArgumentException("no channel '" + name + "'; the file has " + channels.keySet());
            }
            return c;
        }
    }

    private record ChannelInfo(String name, int type) {}

    private ExrReader() {}

    public static Image read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Decodes EXR bytes; {@code name} is used in error messages. */
    public static Image decode(byte[] bytes, String name) throws IOException {
        try {
            return parse(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), name);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IOException(name + " is not a valid OpenEXR file: it ends inside its header or data.", e);
        }
    }

    private static Image parse(ByteBuffer b, String name) throws IOException {
        if (b.remaining() < 8 || b.getInt() != 20000630) {
            throw new IOException(name + " is not an OpenEXR file (wrong magic number).");
        }
        int version = b.getInt();
        if ((version & 0xff) != 2 || (version & 0x1a00) != 0) {
            throw new IOException(name + " is a tiled, deep or multi-part OpenEXR file, which this reader does not handle.");
        }
        List<ChannelInfo> channels = new ArrayList<>();
        Map<String, String> strings = new LinkedHashMap<>();
        int compression = -1;
        int[] window = null;
        while (true) {
            String attr = cString(b);
            if (attr.isEmpty()) {
                break;
            }
            String type = cString(b);
            int size = b.getInt();
            ByteBuffer value = b.slice(b.position(), size).order(ByteOrder.LITTLE_ENDIAN);
            b.position(b.position() + size);
            switch (type) {
                case "chlist" -> {
                    for (String ch = cString(value); !ch.isEmpty(); ch = cString(value)) {
                        int pixelType = value.getInt();
                        value.position(value.position() + 4);
                        if (value.getInt() != 1 | value.getInt() != 1) {
                            throw new IOException(name + ": channel " + ch + " is subsampled, which this reader does not handle.");
                        }
                        channels.add(new ChannelInfo(ch, pixelType));
                    }
                }
                case "compression" -> compression = value.get() & 0xff;
                case "box2i" -> {
                    if (attr.equals("dataWindow")) {
                        window = new int[] {value.getInt(), value.getInt(), value.getInt(), value.getInt()};
                    }
                }
                case "string" -> strings.put(attr, StandardCharsets.UTF_8.decode(value).toString());
                default -> { }
            }
        }
        if (channels.isEmpty() || window == null || compression < 0) {
            throw new IOException(name + " is not a valid OpenEXR file: its header lacks channels, dataWindow or compression.");
        }
        int lines;
        if (compression == 0 || compression == 2) {
            lines = 1;
        } else if (compression == 3) {
            lines = 16;
        } else {
            throw new IOException(name + " uses OpenEXR compression " + compression + "; this reader handles none, ZIPS and ZIP.");
        }
        int w = window[2] - window[0] + 1;
        int h = window[3] - window[1] + 1;
        if (w <= 0 || h <= 0) {
            throw new IOException(name + " has an empty data window.");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ChannelInfo c : channels) {
            out.put(c.name(), new float[w * h]);
        }
        int blocks = (h + lines - 1) / lines;
        long[] offsets = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            offsets[i] = b.getLong();
        }
        for (long offset : offsets) {
            b.position(Math.toIntExact(offset));
            int y0 = b.getInt() - window[1];
            int size = b.getInt();
            int count = Math.min(lines, h - y0);
            int raw = 0;
            for (ChannelInfo c : channels) {
                raw += w * count * (c.type() == 1 ? 2 : 4);
            }
            byte[] data = new byte[size];
            b.get(data);
            ByteBuffer px = ByteBuffer.wrap(size < raw ? unzip(data, raw, name) : data).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = y0; y < y0 + count; y++) {
                for (ChannelInfo c : channels) {
                    float[] dst = out.get(c.name());
                    for (int x = 0; x < w; x++) {
                        dst[y * w + x] = switch (c.type()) {
                            case 0 -> px.getInt() & 0xffffffffL;
                            case 1 -> Half.toFloat(px.getShort());
                            default -> px.getFloat();
                        };
                    }
                }
            }
        }
        return new Image(w, h, out, strings);
    }

    private static byte[] unzip(byte[] data, int raw, String name) throws IOException {
        byte[] t = new byte[raw];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            int n = inflater.inflate(t);
            if (n != raw) {
                throw new IOException(name + ": a ZIP block holds " + n + " bytes, expected " + raw + ".");
            }
        } catch (DataFormatException e) {
            throw new IOException(name + ": a ZIP block is corrupt (" + e.getMessage() + ").", e);
        } finally {
            inflater.end();
        }
        for (int i = 1; i < raw; i++) {
            t[i] = (byte) ((t[i - 1] & 0xff) + (t[i] & 0xff) - 128);
        }
        byte[] out = new byte[raw];
        int half = (raw + 1) / 2;
        for (int i = 0; i < raw; i++) {
            out[i] = t[(i & 1) == 0 ? i / 2 : half + i / 2];
        }
        return out;
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // scan to the terminator
        }
        byte[] s = new byte[b.position() - start - 1];
        b.get(start, s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
