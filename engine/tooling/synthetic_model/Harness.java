import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs ONNX graphs with ONNX Runtime (Java, CPU) on float32 tensors kept in raw little-endian files,
 * for check_model.py. Single file, no build step:
 *
 * <pre>
 *   java -cp onnxruntime-1.29.0.jar Harness.java JOBS.txt
 *   java -cp onnxruntime-1.29.0.jar Harness.java info GRAPH.onnx     (input/output shapes as ORT sees them)
 * </pre>
 *
 * Each line of JOBS.txt is {@code GRAPH.onnx IN_DIR OUT_DIR}. IN_DIR holds {@code tensors.txt} (one line
 * per input: {@code name dim0 dim1 ...}) and {@code <name>.bin}; OUT_DIR receives the same for every
 * output. Sessions stay open across lines.
 */
public final class Harness {
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        if (args.length == 2 && args[0].equals("info")) {
            info(env, args[1]);
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: java -cp onnxruntime.jar Harness.java JOBS.txt | info GRAPH.onnx");
            System.exit(2);
        }
        Map<String, OrtSession> sessions = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(args[0]))) {
                String[] p = line.trim().split("\\s+");
                if (p.length != 3) {
                    continue;
                }
                OrtSession s = sessions.get(p[0]);
                if (s == null) {
                    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                    o.setIntraOpNumThreads(2);
                    s = env.createSession(p[0], o);
                    sessions.put(p[0], s);
                }
                run(env, s, Path.of(p[1]), Path.of(p[2]));
            }
        } finally {
            for (OrtSession s : sessions.values()) {
                s.close();
            }
        }
    }

    private static void run(OrtEnvironment env, OrtSession s, Path in, Path out) throws Exception {
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(in.resolve("tensors.txt"))) {
                String[] p = line.trim().split("\\s+");
                if (p.length < 1 || p[0].isEmpty()) {
                    continue;
                }
                long[] shape = new long[p.length - 1];
                long n = 1;
                for (int i = 1; i < p.length; i++) {
                    shape[i - 1] = Long.parseLong(p[i]);
                    n *= shape[i - 1];
                }
                FloatBuffer fb = read(in.resolve(p[0] + ".bin"), n);
                inputs.put(p[0], OnnxTensor.createTensor(env, fb, shape));
            }
            for (String name : s.getInputNames()) {
                if (!inputs.containsKey(name)) {
                    throw new IllegalArgumentException("missing input " + name + " in " + in);
                }
            }
            try (OrtSession.Result r = s.run(inputs)) {
                List<String> lines = new ArrayList<>();
                for (Map.Entry<String, OnnxValue> e : r) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    long[] shape = t.getInfo().getShape();
                    StringBuilder sb = new StringBuilder(e.getKey());
                    for (long d : shape) {
                        sb.append(' ').append(d);
                    }
                    lines.add(sb.toString());
                    write(out.resolve(e.getKey() + ".bin"), t.getFloatBuffer());
                }
                Files.write(out.resolve("tensors.txt"), lines);
            }
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    private static FloatBuffer read(Path file, long n) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length != n * 4) {
            throw new IOException(file + " has " + b.length + " bytes, expected " + n * 4);
        }
        FloatBuffer fb = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        fb.put(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
        fb.rewind();
        return fb;
    }

    private static void write(Path file, FloatBuffer fb) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(fb.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(fb);
        Files.write(file, bb.array());
    }

    private static void info(OrtEnvironment env, String graph) throws Exception {
        try (OrtSession s = env.createSession(graph, new OrtSession.SessionOptions())) {
            for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
                System.out.println("in  " + e.getKey() + " " + java.util.Arrays.toString(((TensorInfo) e.getValue().getInfo()).getShape()));
            }
            for (Map.Entry<String, NodeInfo> e : s.getOutputInfo().entrySet()) {
                System.out.println("out " + e.getKey() + " " + java.util.Arrays.toString(((TensorInfo) e.getValue().getInfo()).getShape()));
            }
        }
    }
}
