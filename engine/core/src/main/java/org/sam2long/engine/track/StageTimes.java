package org.sam2long.engine.track;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time spent per stage, for progress reports and benchmarks: decode, preprocess, the four graph
 * stages (each including its tensor packing), tree, sink (clean-up and writing in the matte sink),
 * and {@link #INSIDE_ONNX_RUNTIME}, the part of the graph stages spent inside ONNX Runtime's run
 * calls, so that the rest of a frame's time is the Java side.
 */
public final class StageTimes {
    public static final String INSIDE_ONNX_RUNTIME = "inside_onnx_runtime";

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final Map<String, Long> items = new LinkedHashMap<>();

    public synchronized void add(String stage, long n) {
        nanos.merge(stage, n, Long::sum);
    }

    public synchronized void count(String stage, int batchItems) {
        items.merge(stage, (long) batchItems, Long::sum);
    }

    /** Batch items (object x distinct pathway entries) sent through each graph so far. */
    public synchronized Map<String, Long> items() {
        return new LinkedHashMap<>(items);
    }

    /** Milliseconds per stage so far. */
    public synchronized Map<String, Double> millis() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e6));
        return out;
    }

    public synchronized void reset() {
        nanos.clear();
        items.clear();
    }
}
