package org.sam2long.installer.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Appends float32 initializers to a serialized ONNX {@code ModelProto} without a protobuf library.
 * Each call writes one more {@code graph} field (ModelProto field 7) holding one {@code initializer}
 * (GraphProto field 5: a TensorProto with dims = 1, data_type = 2 (FLOAT), name = 8, raw_data = 9).
 * Protobuf parsers merge repeated occurrences of an embedded message field, appending repeated
 * fields, so a weightless model's bytes followed by these records parse as the model with the
 * initializers in its graph (ONNX Runtime and the {@code onnx} Python package both read it so).
 */
public final class OnnxInitializers {
    private static final int MODEL_GRAPH = (7 << 3) | 2;
    private static final int GRAPH_INITIALIZER = (5 << 3) | 2;
    private static final int TENSOR_DIMS = 1 << 3;
    private static final int TENSOR_DATA_TYPE = 2 << 3;
    private static final int TENSOR_NAME = (8 << 3) | 2;
    private static final int TENSOR_RAW_DATA = (9 << 3) | 2;
    private static final int FLOAT = 1;

    private OnnxInitializers() {}

    /** Writes one initializer record after the model's bytes. */
    public static void write(OutputStream out, String name, long[] dims, float[] data) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long raw = 4L * data.length;
        long tensor = 0;
        for (long d : dims) {
            tensor += 1 + varintSize(d);
        }
        tensor += 2; // data_type
        tensor += 1 + varintSize(nameBytes.length) + nameBytes.length;
        tensor += 1 + varintSize(raw) + raw;
        long graph = 1 + varintSize(tensor) + tensor;
        out.write(MODEL_GRAPH);
        varint(out, graph);
        out.write(GRAPH_INITIALIZER);
        varint(out, tensor);
        for (long d : dims) {
            out.write(TENSOR_DIMS);
            varint(out, d);
        }
        out.write(TENSOR_DATA_TYPE);
        out.write(FLOAT);
        out.write(TENSOR_NAME);
        varint(out, nameBytes.length);
        out.write(nameBytes);
        out.write(TENSOR_RAW_DATA);
        varint(out, raw);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    static void varint(OutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
