package org.sam2long.engine.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Encodes a single-part scanline OpenEXR file (version 2) in plain Java: any number of HALF or
 * FLOAT channels, NO_COMPRESSION or ZIP_COMPRESSION (16 lines per block, zlib after the OpenEXR
 * byte interleave and delta predictor). Channel names may carry a layer prefix ("hero.A").
 * Written from the published file layout; no OpenEXR library involved.
 */
public final class ExrWriter {
    /** Sample type of every channel in the file. */
    public enum PixelType { HALF(1, 2), FLOAT(2, 4);
        final int code;
        final int bytes;
        PixelType(int code, int bytes) { this.code = code; this.bytes = bytes; }
    }

    /** Block compression. */
    public enum Compression { NONE(0, 1), ZIP(3, 16);
        final int code;
        final int linesPerBlock;
        Compression(int code, int linesPerBlock) { this.code = code; this.linesPerBlock = linesPerBlock; }
    }

    /** One channel: its full name and width x height samples, row-major, top row first. */
    public record Channel(String name, float[] samples) {}

    private static final int MAGIC = 20000630;
    private static final int LONG_NAMES = 0x400;

    private ExrWriter() {}

    /**
     * The bytes of an EXR file holding {@code channels} (sorted by name as the format requires).
     * {@code comments} become string attributes (e.g. "sam2long.object" = "hero"); may be empty.
     */
    public static byte[] encode(int width, int height, List<Channel> channels, PixelType type,
                                Compression compression, Map<String, String> comments) {
        if (width <= 0 || height <= 0 || channels.isEmpty()) {
            throw new IllegalArgumentException("an EXR image needs a size and at least one channel");
        }
        List<Channel> sorted = new ArrayList<>(channels);
        sorted.sort(Comparator.comparing(c -> c.name().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        boolean longNames = false;
        for (Channel c : sorted) {
            int len = c.name().getBytes(StandardCharsets.UTF_8).length;
            if (len == 0 || len > 255 || c.name().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("EXR channel name must be 1..255 bytes without NUL: '" + c.name() + "'");
            }
            if (c.samples().length != width * height) {
                throw new IllegalArgumentException("EXR channel " + c.name() + " has " + c.samples().length
                        + " samples, expected " + width + "x" + height);
            }
            longNames |= len > 31;
        }
        for (String key : comments.keySet()) {
            longNames |= key.length() > 31;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height * sorted.size() * type.bytes / 2 + 4096);
        writeHeader(out, width, height, sorted, type, compression, comments, longNames);
        int blocks = (height + compression.linesPerBlock - 1) / compression.linesPerBlock;
        List<byte[]> chunks = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            int y0 = b * compression.linesPerBlock;
            int lines = Math.min(compression.linesPerBlock, height - y0);
            chunks.add(chunk(y0, pack(width, y0, lines, sorted, type), compression));
        }
        long offset = out.size() + 8L * blocks;
        ByteBuffer table = le(8 * blocks);
        for (byte[] chunk : chunks) {
            table.putLong(offset);
            offset += chunk.length;
        }
        out.writeBytes(table.array());
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static void writeHeader(ByteArrayOutputStream out, int width, int height, List<Channel> channels,
                                    PixelType type, Compression compression, Map<String, String> comments,
                                    boolean longNames) {
        ByteBuffer start = le(8).putInt(MAGIC).putInt(2 | (longNames ? LONG_NAMES : 0));
        out.writeBytes(start.array());
        ByteArrayOutputStream chlist = new ByteArrayOutputStream();
        for (Channel c : channels) {
            chlist.writeBytes(c.name().getBytes(StandardCharsets.UTF_8));
            chlist.write(0);
            chlist.writeBytes(le(16).putInt(type.code).put((byte) 0).put(new byte[3]).putInt(1).putInt(1).array());
        }
        chlist.write(0);
        Map<String, Object[]> attrs = new LinkedHashMap<>();
        attrs.put("channels", new Object[] {"chlist", chlist.toByteArray()});
        attrs.put("compression", new Object[] {"compression", new byte[] {(byte) compression.code}});
        byte[] window = le(16).putInt(0).putInt(0).putInt(width - 1).putInt(height - 1).array();
        attrs.put("dataWindow", new Object[] {"box2i", window});
        attrs.put("displayWindow", new Object[] {"box2i", window});
        attrs.put("lineOrder", new Object[] {"lineOrder", new byte[] {0}});
        attrs.put("pixelAspectRatio", new Object[] {"float", le(4).putFloat(1f).array()});
        attrs.put("screenWindowCenter", new Object[] {"v2f", le(8).putFloat(0f).putFloat(0f).array()});
        attrs.put("screenWindowWidth", new Object[] {"float", le(4).putFloat(1f).array()});
        comments.forEach((k, v) -> attrs.put(k, new Object[] {"string", v.getBytes(StandardCharsets.UTF_8)}));
        for (Map.Entry<String, Object[]> a : attrs.entrySet()) {
            byte[] value = (byte[]) a.getValue()[1];
            out.writeBytes(a.getKey().getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.writeBytes(((String) a.getValue()[0]).getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.writeBytes(le(4).putInt(value.length).array());
            out.writeBytes(value);
        }
        out.write(0);
    }

    /** Uncompressed block: per line, per channel, width little-endian samples. */
    private static byte[] pack(int width, int y0, int lines, List<Channel> channels, PixelType type) {
        ByteBuffer buf = le(lines * channels.size() * width * type.bytes);
        for (int y = y0; y < y0 + lines; y++) {
            for (Channel c : channels) {
                float[] s = c.samples();
                int row = y * width;
                if (type == PixelType.HALF) {
                    for (int x = 0; x < width; x++) {
                        buf.putShort(Half.fromFloat(s[row + x]));
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        buf.putFloat(s[row + x]);
                    }
                }
            }
        }
        return buf.array();
    }

    private static byte[] chunk(int y, byte[] raw, Compression compression) {
        byte[] data = compression == Compression.ZIP ? zip(raw) : raw;
        return le(8 + data.length).putInt(y).putInt(data.length).put(data).array();
    }

    /** OpenEXR ZIP: interleave even/odd bytes, delta-predict, zlib; raw when that is not smaller. */
    private static byte[] zip(byte[] raw) {
        int n = raw.length;
        byte[] t = new byte[n];
        int half = (n + 1) / 2;
        for (int i = 0; i < n; i++) {
            t[(i & 1) == 0 ? i / 2 : half + i / 2] = raw[i];
        }
        int prev = t[0] & 0xff;
        for (int i = 1; i < n; i++) {
            int cur = t[i] & 0xff;
            t[i] = (byte) (cur - prev + 128 + 256);
            prev = cur;
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(t);
            deflater.finish();
            byte[] out = new byte[n];
            int len = 0;
            while (!deflater.finished() && len < n) {
                len += deflater.deflate(out, len, n - len);
            }
            return deflater.finished() && len < n ? Arrays.copyOf(out, len) : raw;
        } finally {
            deflater.end();
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
