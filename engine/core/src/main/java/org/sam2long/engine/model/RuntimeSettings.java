package org.sam2long.engine.model;

/**
 * How ONNX Runtime runs the model.
 *
 * @param provider       AUTO picks CUDA when the GPU build and a usable GPU are present, else CPU
 * @param intraOpThreads threads inside one operator; 0 = ONNX Runtime's default (all cores)
 * @param interOpThreads threads across operators; 0 = default
 */
public record RuntimeSettings(Provider provider, int intraOpThreads, int interOpThreads) {
    public enum Provider { AUTO, CPU, CUDA }

    public RuntimeSettings {
        if (provider == null) {
            throw new IllegalArgumentException("runtime.provider must be one of AUTO, CPU, CUDA");
        }
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("runtime thread counts must be 0 (default) or more, got "
                    + intraOpThreads + " and " + interOpThreads);
        }
    }

    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Provider.AUTO, 0, 0);
    }
}
