package org.sam2long.ofx.track;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;

/**
 * Loaded models, one per model directory or bundled name. The plug-in's Guice module makes one pool
 * for the life of the host process (loading takes seconds and a host may track many shots, and
 * reload the plug-in); models are thread-safe, so instances share them.
 */
public final class ModelPool {
    private final Map<String, Sam2Model> models = new ConcurrentHashMap<>();

    /** The model in {@code dir}, or the bundled model {@code bundled} when {@code dir} is null, with default runtime settings. */
    public Sam2Model get(Path dir, String bundled) {
        return get(dir, bundled, RuntimeSettings.defaults());
    }

    /**
     * The model in {@code dir} (or the bundled {@code bundled}) run as {@code runtime} says: one
     * loaded model per (model, runtime settings), as {@code sam2long track} loads it for a preset.
     */
    public Sam2Model get(Path dir, String bundled, RuntimeSettings runtime) {
        String key = (dir != null ? "dir:" + dir.toAbsolutePath().normalize() : "bundled:" + bundled) + " " + runtime;
        return models.computeIfAbsent(key, k -> dir != null ? Sam2Model.load(dir, runtime) : Sam2Model.loadBundled(bundled, runtime));
    }
}
