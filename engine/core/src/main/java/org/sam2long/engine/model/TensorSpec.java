package org.sam2long.engine.model;

import java.util.List;

/**
 * One graph input or output as the manifest declares it. A dimension is an integer or a symbol
 * ("B", "N", "P", "K") for a dimension that varies between calls.
 */
public record TensorSpec(String name, List<Object> shape, String dtype) {

    /** The shape as ONNX Runtime reports it: symbols become -1. */
    public long[] ortShape() {
        long[] s = new long[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i) instanceof Number n ? n.longValue() : -1L;
        }
        return s;
    }

    public String shapeText() {
        return shape.toString().replace(" ", "");
    }
}
