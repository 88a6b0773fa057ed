package org.sam2long.ofx.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.sam2long.engine.matte.Matte;

/**
 * The cache's file format: a small header (magic "S2LM", format, ids, sizes, presence, pathway,
 * score) followed by the low-resolution logits, deflated. Lossless, so a cached matte is exactly the
 * engine's output.
 */
public final class MatteCodec {
    private static final int MAGIC = 0x53324C4D; // "S2LM"
    private static final int FORMAT = 1;

    private MatteCodec() {}

    public static void write(Matte m, OutputStream out) throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(m.lowRes().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(m.lowRes());
        byte[] packed = deflate(raw.array());
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(FORMAT);
        d.writeInt(m.objectId());
        d.writeInt(m.frameIndex());
        d.writeInt(m.maskSize());
        d.writeInt(m.width());
        d.writeInt(m.height());
        d.writeFloat(m.presence());
        d.writeInt(m.pathway());
        d.writeDouble(m.score());
        d.writeInt(packed.length);
        d.write(packed);
        d.flush();
    }

    public static Matte read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) {
            throw new IOException("not a SAM2Long matte file (bad magic)");
        }
        int format = d.readInt();
        if (format != FORMAT) {
            throw new IOException("matte file format " + format + " is not supported (expected " + FORMAT + ")");
        }
        int objectId = d.readInt();
        int frameIndex = d.readInt();
        int maskSize = d.readInt();
        int width = d.readInt();
        int height = d.readInt();
        float presence = d.readFloat();
        int pathway = d.readInt();
        double score = d.readDouble();
        byte[] packed = d.readNBytes(d.readInt());
        float[] logits = new float[maskSize * maskSize];
        ByteBuffer.wrap(inflate(packed, logits.length * 4)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(logits);
        return new Matte(objectId, frameIndex, maskSize, logits, width, height, presence, pathway, score);
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buf = new byte[16384];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] packed, int size) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            byte[] raw = new byte[size];
            int n = 0;
            while (n < size && !inflater.finished()) {
                int got = inflater.inflate(raw, n, size - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != size) {
                throw new IOException("matte file is truncated: " + n + " of " + size + " bytes of logits");
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IOException("matte file is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
