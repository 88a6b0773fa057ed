import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one ONNX graph with ONNX Runtime (Java) on float32 tensors kept in raw little-endian files,
 * so that a Python script can compare the results with PyTorch. Single file, no build step:
 *
 * <pre>
 *   java -cp onnxruntime-1.29.0.jar OrtHarness.java run GRAPH.onnx IN_DIR OUT_DIR [threads]
 *   java -cp onnxruntime-1.29.0.jar OrtHarness.java serve [threads]     (commands on stdin)
 *   java -cp onnxruntime-1.29.0.jar OrtHarness.java info GRAPH.onnx
 * </pre>
 *
 * IN_DIR holds {@code tensors.txt} (one line per input: {@code name dim0 dim1 ...}) and
 * {@code <name>.bin}; OUT_DIR receives the same for every output. In serve mode each stdin line
 * {@code run GRAPH IN_DIR OUT_DIR} is answered by one stdout line {@code ok <milliseconds>} or
 * {@code error <message>}; sessions stay open between commands.
 */
public final class OrtHarness {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final Map<String, OrtSession> SESSIONS = new HashMap<>();
    private static int threads = 2;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: run GRAPH IN OUT [threads] | serve [threads] | info GRAPH");
            System.exit(2);
        }
        switch (args[0]) {
            case "run" -> {
                if (args.length > 4) threads = Integer.parseInt(args[4]);
                long ms = run(args[1], Path.of(args[2]), Path.of(args[3]));
                System.out.println("ok " + ms);
            }
            case "serve" -> {
                if (args.length > 1) threads = Integer.parseInt(args[1]);
                serve();
            }
            case "info" -> info(args[1]);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
        for (OrtSession s : SESSIONS.values()) s.close();
    }

    private static void serve() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(System.out, true);
        out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 0 || p[0].isEmpty()) continue;
            if (p[0].equals("quit")) break;
            try {
                if (!p[0].equals("run") || p.length != 4) throw new IllegalArgumentException("bad command: " + line);
                out.println("ok " + run(p[1], Path.of(p[2]), Path.of(p[3])));
            } catch (Exception e) {
                out.println("error " + e.toString().replace('\n', ' '));
            }
        }
    }

    private static OrtSession session(String graph) throws Exception {
        OrtSession s = SESSIONS.get(graph);
        if (s == null) {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            s = ENV.createSession(graph, o);
            SESSIONS.put(graph, s);
        }
        return s;
    }

    private static long run(String graph, Path inDir, Path outDir) throws Exception {
        OrtSession s = session(graph);
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(inDir.resolve("tensors.txt"))) {
                String[] p = line.trim().split("\\s+");
                if (p.length == 0 || p[0].isEmpty()) continue;
                long[] shape = new long[p.length - 1];
                long n = 1;
                for (int i = 1; i < p.length; i++) {
                    shape[i - 1] = Long.parseLong(p[i]);
                    n *= shape[i - 1];
                }
                byte[] bytes = Files.readAllBytes(inDir.resolve(p[0] + ".bin"));
                if (bytes.length != n * 4) {
                    throw new IllegalArgumentException(p[0] + ".bin has " + bytes.length + " bytes, shape needs " + n * 4);
                }
                FloatBuffer fb = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
                fb.put(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()).rewind();
                inputs.put(p[0], OnnxTensor.createTensor(ENV, fb, shape));
            }
            long t0 = System.nanoTime();
            try (OrtSession.Result r = s.run(inputs)) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                Files.createDirectories(outDir);
                List<String> lines = new ArrayList<>();
                for (Map.Entry<String, OnnxValue> e : r) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    long[] shape = t.getInfo().getShape();
                    FloatBuffer fb = t.getFloatBuffer();
                    ByteBuffer bb = ByteBuffer.allocate(fb.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
                    bb.asFloatBuffer().put(fb);
                    Files.write(outDir.resolve(e.getKey() + ".bin"), bb.array());
                    StringBuilder sb = new StringBuilder(e.getKey());
                    for (long d : shape) sb.append(' ').append(d);
                    lines.add(sb.toString());
                }
                Files.write(outDir.resolve("tensors.txt"), lines);
                return ms;
            }
        } finally {
            for (OnnxTensor t : inputs.values()) t.close();
        }
    }

    private static void info(String graph) throws Exception {
        OrtSession s = session(graph);
        for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
            System.out.println("in  " + e.getKey() + " " + describe(e.getValue()));
        }
        for (Map.Entry<String, NodeInfo> e : s.getOutputInfo().entrySet()) {
            System.out.println("out " + e.getKey() + " " + describe(e.getValue()));
        }
    }

    private static String describe(NodeInfo n) {
        if (n.getInfo() instanceof TensorInfo t) {
            return t.type + " " + java.util.Arrays.toString(t.getShape());
        }
        return n.getInfo().toString();
    }
}
