package org.sam2long.engine.model;

import java.nio.file.Path;
import org.sam2long.engine.internal.model.ModelLoader;

/**
 * A loaded, validated SAM 2 model: its manifest, host tensors and its ONNX graphs (four, five with the
 * optional mask-prompt graph) with their sessions. Holds native memory: close it when done. Thread-safe: each graph serialises its calls.
 * The graphs and tensors are engine-internal; callers hand the model to a
 * {@link org.sam2long.engine.track.TrackingSession}.
 */
public interface Sam2Model extends AutoCloseable {
    /** Loads and validates a model directory; throws {@link ModelException} with one clear sentence. */
    static Sam2Model load(Path directory, RuntimeSettings runtime) {
        return ModelLoader.load(directory, runtime);
    }

    /** Loads a model shipped inside the engine jar, e.g. "sam2long-demo". */
    static Sam2Model loadBundled(String name, RuntimeSettings runtime) {
        return ModelLoader.load(BundledModels.extract(name), runtime);
    }

    /** The model directory. */
    Path directory();

    /** The validated manifest. */
    ModelManifest manifest();

    /** "CPU" or "CUDA". */
    String provider();

    /** The runtime settings the model was loaded with. */
    RuntimeSettings runtime();

    /** Releases the ONNX sessions. */
    @Override
    void close();
}
