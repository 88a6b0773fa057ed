package org.sam2long.engine.model;

import java.nio.file.Path;

/**
 * A loaded, validated SAM 2 model: its manifest, host tensors and the four ONNX graphs (five with
 * the optional mask-prompt graph) with their sessions. Holds native memory: close it when done. Thread-safe: each graph serialises its calls.
 */
public final class Sam2Model implements AutoCloseable {
    private final Path directory;
    private final ModelManifest manifest;
    private final HostTensors hostTensors;
    private final OnnxGraph imageEncoder;
    private final OnnxGraph memoryAttention;
    private final OnnxGraph maskDecoder;
    private final OnnxGraph memoryEncoder;
    private final OnnxGraph maskPrompt;
    private final String provider;
    private final RuntimeSettings runtime;

    Sam2Model(Path directory, ModelManifest manifest, HostTensors hostTensors, OnnxGraph imageEncoder,
              OnnxGraph memoryAttention, OnnxGraph maskDecoder, OnnxGraph memoryEncoder, OnnxGraph maskPrompt,
              String provider, RuntimeSettings runtime) {
        this.directory = directory;
        this.manifest = manifest;
        this.hostTensors = hostTensors;
        this.imageEncoder = imageEncoder;
        this.memoryAttention = memoryAttention;
        this.maskDecoder = maskDecoder;
        this.memoryEncoder = memoryEncoder;
        this.maskPrompt = maskPrompt;
        this.provider = provider;
        this.runtime = runtime;
    }

    /** Loads and validates a model directory; throws {@link ModelException} with one clear sentence. */
    public static Sam2Model load(Path directory, RuntimeSettings runtime) {
        return ModelLoader.load(directory, runtime);
    }

    /** Loads a model shipped inside the engine jar, e.g. "sam2long-demo". */
    public static Sam2Model loadBundled(String name, RuntimeSettings runtime) {
        return ModelLoader.load(BundledModels.extract(name), runtime);
    }

    public Path directory() { return directory; }
    public ModelManifest manifest() { return manifest; }
    public HostTensors hostTensors() { return hostTensors; }
    public OnnxGraph imageEncoder() { return imageEncoder; }
    public OnnxGraph memoryAttention() { return memoryAttention; }
    public OnnxGraph maskDecoder() { return maskDecoder; }
    public OnnxGraph memoryEncoder() { return memoryEncoder; }
    /**
     * The optional mask-prompt graph (mask_downsample and the no-object pointer), or null when the
     * model lacks the reference's mask-prompt path ({@link ModelManifest#hasMaskPrompt()}).
     */
    public OnnxGraph maskPrompt() { return maskPrompt; }
    /** "CPU" or "CUDA". */
    public String provider() { return provider; }
    /** The runtime settings the model was loaded with. */
    public RuntimeSettings runtime() { return runtime; }

    @Override
    public void close() {
        imageEncoder.close();
        memoryAttention.close();
        maskDecoder.close();
        memoryEncoder.close();
        if (maskPrompt != null) {
            maskPrompt.close();
        }
    }
}
