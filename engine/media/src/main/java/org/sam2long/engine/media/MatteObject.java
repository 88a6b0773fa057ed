package org.sam2long.engine.media;

/**
 * An object as the output side knows it: its stable id and the name used in file names and EXR
 * layer names.
 *
 * @param id   the engine's object id
 * @param name a human name, e.g. "hero"; characters other than letters, digits, '-' and '_' are
 *             replaced by '_' in files and layers
 */
public record MatteObject(int id, String name) {
    public MatteObject {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("object " + id + " needs a name for its output files");
        }
    }

    /** The name made safe for file names and EXR layer names ("my hero.v2" becomes "my_hero_v2"). */
    public String safeName() {
        return name.strip().replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
