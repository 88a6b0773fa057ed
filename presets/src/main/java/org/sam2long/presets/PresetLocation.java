package org.sam2long.presets;

import java.nio.file.Path;

/**
 * Where one named preset lives: built-in (no file) or a JSON file, and in which lookup layer.
 *
 * @param layer index in the lookup order, 0 = built-in; higher wins a lookup by name
 */
record PresetLocation(String name, PresetSource source, int layer, Path file) {

    PresetDocument read() {
        return file == null ? BuiltInPresets.read(name) : PresetReader.read(name, source, file);
    }

    /** The built-in default: the only preset that extends nothing. */
    boolean isRoot() {
        return layer == 0 && file == null && name.equals(PresetLibrary.DEFAULT_PRESET);
    }
}
