package org.sam2long.presets;

/**
 * One thing wrong with a preset, e.g. {@code tracking.pathways: must be at least 1, got 0 (in /path/my.json)}.
 *
 * @param path    JSON path of the value ({@code section.key}), or empty for the document as a whole
 * @param message what is wrong and what was found
 * @param source  the document or override it is in, or null when it belongs to none
 */
public record Problem(String path, String message, PresetSource source) {

    @Override
    public String toString() {
        String where = source == null ? "" : " (in " + source.describe() + ")";
        return (path == null || path.isEmpty() ? "" : path + ": ") + message + where;
    }
}
