package org.sam2long.installer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a checkpoint the way {@code torch.save({"model": state_dict}, f)} does (zip with
 * {@code archive/data.pkl}, {@code archive/data/<key>}, {@code archive/version}), pickle protocol 2
 * with the same opcodes torch emits: {@code _rebuild_tensor_v2} calls whose storages are persistent ids
 * {@code ('storage', torch.FloatStorage, key, 'cpu', numel)}.
 */
public final class TorchCheckpointWriter {
    /** A tensor to write: dtype float32, float16 or bfloat16; data in storage order. */
    public record T(String dtype, long[] shape, long[] stride, int offset, String storage) {}

    private final Map<String, T> tensors = new LinkedHashMap<>();
    private final Map<String, byte[]> storages = new LinkedHashMap<>();

    public TorchCheckpointWriter storage(String key, String dtype, float[] values) {
        int bytes = dtype.equals("float32") ? 4 : 2;
        ByteBuffer b = ByteBuffer.allocate(values.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case "float32" -> b.putFloat(v);
                case "bfloat16" -> b.putShort((short) (Float.floatToIntBits(v) >>> 16));
                case "float16" -> b.putShort(half(v));
                default -> throw new IllegalArgumentException(dtype);
            }
        }
        storages.put(key, b.array());
        return this;
    }

    /** A contiguous tensor over the whole of a new storage. */
    public TorchCheckpointWriter tensor(String name, String dtype, long[] shape, float[] values) {
        String key = String.valueOf(storages.size());
        storage(key, dtype, values);
        long[] stride = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= shape[d];
        }
        tensors.put(name, new T(dtype, shape, stride, 0, key));
        return this;
    }

    /** A view on an existing storage. */
    public TorchCheckpointWriter view(String name, String dtype, long[] shape, long[] stride, int offset, String storage) {
        tensors.put(name, new T(dtype, shape, stride, offset, storage));
        return this;
    }

    public Path write(Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle());
            zip.closeEntry();
            for (Map.Entry<String, byte[]> s : storages.entrySet()) {
                zip.putNextEntry(new ZipEntry("archive/data/" + s.getKey()));
                zip.write(s.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("archive/version"));
            zip.write("3\n".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return file;
    }

    byte[] pickle() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);                                   // PROTO 2
        p.write('}');                                 // EMPTY_DICT
        str(p, "model");
        global(p, "collections", "OrderedDict");
        p.write(')');                                 // EMPTY_TUPLE
        p.write('R');                                 // REDUCE -> OrderedDict()
        p.write('(');                                 // MARK
        for (Map.Entry<String, T> e : tensors.entrySet()) {
            T t = e.getValue();
            str(p, e.getKey());
            global(p, "torch._utils", "_rebuild_tensor_v2");
            p.write('(');
            p.write('(');                             // persistent id tuple
            str(p, "storage");
            global(p, "torch", switch (t.dtype()) {
                case "float32" -> "FloatStorage";
                case "float16" -> "HalfStorage";
                default -> "BFloat16Storage";
            });
            str(p, t.storage());
            str(p, "cpu");
            binint(p, storages.get(t.storage()).length / (t.dtype().equals("float32") ? 4 : 2));
            p.write('t');                             // TUPLE
            p.write('Q');                             // BINPERSID
            binint(p, t.offset());
            tuple(p, t.shape());
            tuple(p, t.stride());
            p.write(0x89);                            // NEWFALSE (requires_grad)
            global(p, "collections", "OrderedDict");
            p.write(')');
            p.write('R');                             // backward hooks
            p.write('t');
            p.write('R');                             // _rebuild_tensor_v2(...)
        }
        p.write('u');                                 // SETITEMS
        p.write('s');                                 // SETITEM: {"model": state}
        p.write('.');                                 // STOP
        return p.toByteArray();
    }

    /** float32 to float16 for normal values (the test's values are exact in half precision). */
    static short half(float v) {
        int bits = Float.floatToIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        if ((bits & 0x7fffffff) == 0) {
            return (short) sign;
        }
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        return (short) (sign | (exp << 10) | ((bits >>> 13) & 0x3ff));
    }

    private static void str(ByteArrayOutputStream p, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p.write('X');
        p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        p.writeBytes(b);
    }

    private static void global(ByteArrayOutputStream p, String module, String name) {
        p.write('c');
        p.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void binint(ByteArrayOutputStream p, long v) {
        p.write('J');
        p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Math.toIntExact(v)).array());
    }

    private static void tuple(ByteArrayOutputStream p, long[] v) {
        p.write('(');
        for (long x : v) {
            binint(p, x);
        }
        p.write('t');
    }
}
