package org.sam2long.engine.model;

import java.util.List;

/** One ONNX graph of a model: its file, checksum and declared inputs and outputs. */
public record GraphSpec(String file, String sha256, List<TensorSpec> inputs, List<TensorSpec> outputs) {
}
