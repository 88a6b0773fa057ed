package org.sam2long.presets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The presets shipped in this module, as JSON resources under {@code presets/builtin/}. */
public final class BuiltInPresets {
    /** Every built-in preset; {@code default} is complete and the root every other preset extends. */
    public static final List<String> NAMES = List.of(
            "default", "fast-preview", "production", "sam2-baseline", "reference-parity",
            "nuke-exr-layers", "editor-png16");
    /** Classpath folder of the built-in preset files. */
    public static final String RESOURCE_DIR = "presets/builtin/";
    /** Classpath location of the published JSON Schema. */
    public static final String SCHEMA_RESOURCE = "presets/preset.schema.json";

    private BuiltInPresets() {}

    /** The raw JSON of a built-in preset. */
    public static String text(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no built-in preset named '" + name + "'");
        }
        return resource(RESOURCE_DIR + name + ".json");
    }

    /** The published JSON Schema of version-{@value Migrations#CURRENT} presets. */
    public static String schema() {
        return resource(SCHEMA_RESOURCE);
    }

    static PresetDocument read(String name) {
        return PresetReader.read(name, PresetSource.builtIn(name), text(name), null, true);
    }

    private static String resource(String path) {
        try (InputStream in = BuiltInPresets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the presets jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the presets jar", e);
        }
    }
}
