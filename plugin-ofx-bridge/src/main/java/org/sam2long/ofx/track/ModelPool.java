package org.sam2long.ofx.track;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.InstalledModels;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;

/**
 * The plug-in's view of the engine's {@link org.sam2long.engine.model.ModelPool}: one loaded model
 * per (model, runtime settings) for the life of the host process (loading takes seconds and a host
 * may track many shots); models are thread-safe, so instances share them.
 *
 * <p>A model is named as a preset names it, and found where {@code sam2long track} finds it: a
 * bundled model's name, a model folder, or the name of a model installed in {@code $SAM2LONG_MODELS}
 * (else {@code $XDG_DATA_HOME/sam2long/models}, else {@code ~/.local/share/sam2long/models}).
 */
public final class ModelPool {
    private final org.sam2long.engine.model.ModelPool pool = new org.sam2long.engine.model.ModelPool();

    /** The model in {@code dir}, or the bundled model {@code bundled} when {@code dir} is null, with default runtime settings. */
    public Sam2Model get(Path dir, String bundled) {
        return get(dir, bundled, RuntimeSettings.defaults());
    }

    /**
     * The model in {@code dir}, or when {@code dir} is null the model {@code name} (bundled, a folder,
     * or installed), run as {@code runtime} says, as {@code sam2long track} loads it for a preset.
     *
     * @throws IllegalArgumentException naming the model and where it was looked for, when it is nowhere
     */
    public Sam2Model get(Path dir, String name, RuntimeSettings runtime) {
        return pool.get(key(dir, name, runtime));
    }

    /** The engine pool's key for a model folder or a model name; see {@link #get(Path, String, RuntimeSettings)}. */
    public static org.sam2long.engine.model.ModelPool.Key key(Path dir, String name, RuntimeSettings runtime) {
        if (dir != null) {
            return org.sam2long.engine.model.ModelPool.Key.directory(dir, runtime);
        }
        if (BundledModels.exists(name)) {
            return org.sam2long.engine.model.ModelPool.Key.bundled(name, runtime);
        }
        if (Files.isDirectory(Path.of(name))) {
            return org.sam2long.engine.model.ModelPool.Key.directory(Path.of(name), runtime);
        }
        Path installed = InstalledModels.root().resolve(name);
        if (Files.isDirectory(installed)) {
            return org.sam2long.engine.model.ModelPool.Key.directory(installed, runtime);
        }
        throw new IllegalArgumentException("the preset's model '" + name + "' is not installed (looked in "
                + InstalledModels.root() + "; bundled: " + BundledModels.DEMO + "): install it with 'sam2long models fetch " + name + "', "
                + "or set Model folder to an exported model folder");
    }
}
