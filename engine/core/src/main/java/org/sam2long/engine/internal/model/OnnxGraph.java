package org.sam2long.engine.internal.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sam2long.engine.model.ModelException;

/**
 * One ONNX graph of a model with its session, created once and reused. Inputs are copied into
 * direct buffers that are kept between calls (ONNX Runtime Java has no IO binding), so a call
 * allocates no native input memory once the largest batch has been seen. Calls are serialised.
 */
public final class OnnxGraph implements AutoCloseable {
    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<String, FloatBuffer> buffers = new HashMap<>();
    /**
     * System property: which graphs shrink ONNX Runtime's CPU arena at the end of every run: "true" (all),
     * "false" (none) or a comma-separated list of graph names (e.g. "image_encoder,mask_decoder").
     * Off by default: it costs ~10 % time per frame on SAM 2.1 tiny (docs/perf/attention-memory.md).
     */
    static final String ARENA_SHRINK_PROPERTY = "sam2long.arenaShrink";
    private final OrtSession.RunOptions runOptions;

    OnnxGraph(String name, OrtEnvironment env, OrtSession session) {
        this.name = name;
        this.env = env;
        this.session = session;
        OrtSession.RunOptions ro = null;
        if (shrinksArena(name, System.getProperty(ARENA_SHRINK_PROPERTY))) {
            try {
                ro = new OrtSession.RunOptions();
                ro.addRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
            } catch (OrtException e) {
                throw new ModelException("the " + name + " graph's run options could not be set: " + firstLine(e.getMessage()), e);
            }
        }
        this.runOptions = ro;
    }

    public String name() { return name; }

    /** Whether this graph's CPU arena is shrunk after each run (see {@value #ARENA_SHRINK_PROPERTY}). */
    boolean shrinksArena() { return runOptions != null; }

    /** Runs the graph on the given named inputs and returns every output, copied to the heap. */
    public synchronized Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, FloatTensor> e : inputs.entrySet()) {
                FloatTensor t = e.getValue();
                FloatBuffer buf = buffer(e.getKey(), t.data().length);
                buf.clear();
                buf.put(t.data());
                buf.flip();
                tensors.put(e.getKey(), OnnxTensor.createTensor(env, buf, t.shape()));
            }
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            try (OrtSession.Result result = runOptions == null ? session.run(tensors) : session.run(tensors, runOptions)) {
                for (Map.Entry<String, OnnxValue> e : result) {
                    OnnxTensor ot = (OnnxTensor) e.getValue();
                    FloatBuffer fb = ot.getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    out.put(e.getKey(), new FloatTensor(data, ot.getInfo().getShape()));
                }
            }
            return out;
        } catch (OrtException e) {
            throw new ModelException("the " + name + " graph failed: " + firstLine(e.getMessage()), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private FloatBuffer buffer(String input, int size) {
        FloatBuffer b = buffers.get(input);
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocateDirect(Math.max(size, 1) * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            buffers.put(input, b);
        }
        return b;
    }

    /** Whether the graph {@code graph} shrinks its CPU arena after each run, for the property's value (null: unset). */
    static boolean shrinksArena(String graph, String property) {
        if (property == null || property.isBlank() || "false".equals(property.trim())) {
            return false;
        }
        if ("true".equals(property.trim())) {
            return true;
        }
        for (String g : property.split(",")) {
            if (g.trim().equals(graph)) {
                return true;
            }
        }
        return false;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    @Override
    public synchronized void close() {
        try {
            if (runOptions != null) {
                runOptions.close();
            }
            session.close();
        } catch (OrtException e) {
            throw new ModelException("closing the " + name + " graph failed: " + firstLine(e.getMessage()), e);
        }
    }
}
