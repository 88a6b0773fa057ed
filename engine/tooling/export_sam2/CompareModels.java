import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Runs the four graphs of two model folders on the same random inputs with ONNX Runtime (CPU) and
 * prints, per graph output, the largest absolute difference (used to compare the installer's Java
 * converter with export_sam2.py on the same checkpoint). Single file, no build step:
 *
 * <pre>
 *   java -cp onnxruntime-1.29.0.jar CompareModels.java MODEL_A MODEL_B [B N P K]
 * </pre>
 *
 * Symbolic sizes default to B=2, N=2 frames of the feature grid, P=8, K=3; inputs are drawn in each
 * input's meaningful range (labels -1..3, coordinates inside the image, both presence signs).
 */
public final class CompareModels {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CompareModels MODEL_A MODEL_B [B N P K]");
            System.exit(2);
        }
        Path a = Path.of(args[0]);
        Path b = Path.of(args[1]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double worst = 0;
        long seed = 7;
        for (String g : new String[] {"image_encoder", "memory_attention", "mask_decoder", "memory_encoder"}) {
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setIntraOpNumThreads(2);
                try (OrtSession sa = env.createSession(a.resolve(g + ".onnx").toString(), o);
                     OrtSession sb = env.createSession(b.resolve(g + ".onnx").toString(), o)) {
                    Map<String, OnnxTensor> in = inputs(env, sa, args, seed++);
                    try (OrtSession.Result ra = sa.run(in); OrtSession.Result rb = sb.run(in)) {
                        for (String out : sa.getOutputNames()) {
                            float[] x = flat((OnnxTensor) ra.get(out).orElseThrow());
                            float[] y = flat((OnnxTensor) rb.get(out).orElseThrow());
                            if (x.length != y.length) {
                                throw new IllegalStateException(g + "." + out + ": sizes differ");
                            }
                            double diff = 0;
                            double ref = 0;
                            for (int i = 0; i < x.length; i++) {
                                diff = Math.max(diff, Math.abs((double) x[i] - y[i]));
                                ref = Math.max(ref, Math.abs(y[i]));
                            }
                            worst = Math.max(worst, diff);
                            System.out.printf("%-17s %-13s %9d values  max abs diff %.3g  (max |value| %.3g)%n", g, out, x.length, diff, ref);
                        }
                    } finally {
                        in.values().forEach(OnnxTensor::close);
                    }
                }
            }
        }
        System.out.printf("largest difference over all outputs: %.3g%n", worst);
    }

    private static Map<String, OnnxTensor> inputs(OrtEnvironment env, OrtSession s, String[] args, long seed) throws Exception {
        Random r = new Random(seed);
        long b = args.length > 2 ? Long.parseLong(args[2]) : 2;
        long p = args.length > 4 ? Long.parseLong(args[4]) : 8;
        long k = args.length > 5 ? Long.parseLong(args[5]) : 3;
        Map<String, OnnxTensor> out = new LinkedHashMap<>();
        long grid = 0;
        long image = 0;
        for (NodeInfo n : s.getInputInfo().values()) {
            long[] shape = ((TensorInfo) n.getInfo()).getShape();
            if (n.getName().equals("features")) {
                grid = shape[2] * shape[3];
            }
            if (n.getName().equals("image") || n.getName().equals("mask_for_memory")) {
                image = shape[3];
            }
            if (n.getName().equals("conditioned")) {
                image = 16 * shape[2]; // backbone stride 16
            }
        }
        long nTokens = args.length > 3 ? Long.parseLong(args[3]) : 2 * grid;
        for (NodeInfo n : s.getInputInfo().values()) {
            String name = n.getName();
            long[] shape = ((TensorInfo) n.getInfo()).getShape().clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = i == 0 ? b
                            : name.startsWith("point_") ? k
                            : name.startsWith("pointer") ? p : nTokens;
                }
            }
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            float[] v = new float[(int) count];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (name) {
                    case "point_labels" -> r.nextInt(5) - 1;
                    case "point_coords" -> r.nextFloat() * (image > 0 ? image : 1024);
                    case "memory_key_scale", "pointer_key_scale" -> 0.95f + 0.1f * r.nextFloat();
                    case "has_mask_input" -> i % 2;
                    case "object_score" -> i % 2 == 0 ? 3f : -2f;
                    case "mask_for_memory" -> r.nextFloat() * 20 - 10;
                    default -> (float) r.nextGaussian();
                };
            }
            out.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape));
        }
        return out;
    }

    private static float[] flat(OnnxTensor t) {
        FloatBuffer fb = t.getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }
}
