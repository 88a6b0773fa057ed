package org.sam2long.presets;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The model a resolved preset names: a known model name (bundled or official) or an absolute model
 * directory that held a manifest.json when the preset was resolved.
 *
 * @param name the known name, or the directory path as text
 */
public record ModelReference(String name) {

    /** True for a model shipped inside the engine jar (open it with {@code Sam2Model.loadBundled}). */
    public boolean isBundled() {
        return KnownModels.BUNDLED.contains(name);
    }

    /** True for one of the official SAM 2.1 checkpoint names. */
    public boolean isOfficial() {
        return KnownModels.OFFICIAL.contains(name);
    }

    /** The model directory when the preset named one by path (open it with {@code Sam2Model.load}). */
    public Optional<Path> directory() {
        return KnownModels.isKnown(name) ? Optional.empty() : Optional.of(Path.of(name));
    }
}
