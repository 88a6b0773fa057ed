package org.sam2long.engine.internal.model;

import java.nio.file.Path;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;

/**
 * The engine's one {@link Sam2Model}: the manifest, host tensors and the four ONNX graphs (and the optional
 * mask-prompt graph) with their sessions, built by {@link ModelLoader}. The graphs are internal: the tracking loop, the white-box
 * benchmarks and tests reach them through {@link #of}. Thread-safe: each graph serialises its calls.
 */
public final class LoadedModel implements Sam2Model {
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

    LoadedModel(Path directory, ModelManifest manifest, HostTensors hostTensors, OnnxGraph imageEncoder,
                OnnxGraph memoryAttention, OnnxGraph maskDecoder, OnnxGraph memoryEncoder, OnnxGraph maskPrompt, String provider,
                RuntimeSettings runtime) {
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

    /** The graphs behind a model the engine loaded; one clear sentence for any other implementation. */
    public static LoadedModel of(Sam2Model model) {
        if (model instanceof LoadedModel m) {
            return m;
        }
        throw new IllegalArgumentException("model " + model + " was not loaded by Sam2Model.load or Sam2Model.loadBundled");
    }

    @Override
    public Path directory() { return directory; }
    @Override
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
    @Override
    public String provider() { return provider; }
    @Override
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
