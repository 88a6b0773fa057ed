package org.sam2long.engine.model;

import java.util.List;

/** One ONNX graph of a model: its file, checksum and declared inputs and outputs. */
public record GraphSpec(String file, String sha256, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public TensorSpec input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    public TensorSpec output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
