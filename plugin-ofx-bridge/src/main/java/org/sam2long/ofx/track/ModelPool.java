package org.sam2long.ofx.track;

import java.nio.file.Path;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;

/**
 * The plug-in's view of the engine's {@link org.sam2long.engine.model.ModelPool}: one loaded model
 * per (model, runtime settings) for the life of the host process (loading takes seconds and a host
 * may track many shots); models are thread-safe, so instances share them.
 */
public final class ModelPool {
    private final org.sam2long.engine.model.ModelPool pool = new org.sam2long.engine.model.ModelPool();

    /** The model in {@code dir}, or the bundled model {@code bundled} when {@code dir} is null, with default runtime settings. */
    public Sam2Model get(Path dir, String bundled) {
        return get(dir, bundled, RuntimeSettings.defaults());
    }

    /**
     * The model in {@code dir} (or the bundled {@code bundled}) run as {@code runtime} says, as
     * {@code sam2long track} loads it for a preset.
     */
    public Sam2Model get(Path dir, String bundled, RuntimeSettings runtime) {
        return pool.get(dir != null ? org.sam2long.engine.model.ModelPool.Key.directory(dir, runtime)
                : org.sam2long.engine.model.ModelPool.Key.bundled(bundled, runtime));
    }
}
