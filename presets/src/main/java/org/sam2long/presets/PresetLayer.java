package org.sam2long.presets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** One level of the lookup order: the built-ins, a preset directory, or one explicit file. */
record PresetLayer(PresetSource.Kind kind, Path directory, Map<String, PresetLocation> entries) {

    static PresetLayer builtIn() {
        Map<String, PresetLocation> m = new LinkedHashMap<>();
        for (String name : BuiltInPresets.NAMES) {
            m.put(name, new PresetLocation(name, PresetSource.builtIn(name), 0, null));
        }
        return new PresetLayer(PresetSource.Kind.BUILT_IN, null, m);
    }

    /** The {@code *.json} files of {@code dir} (none if it does not exist). */
    static PresetLayer directory(PresetSource.Kind kind, Path dir, int layer) {
        Map<String, PresetLocation> m = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).map(Path::toAbsolutePath).sorted().forEach(f -> {
                    String name = nameOf(f);
                    if (name != null && PresetReader.NAME.matcher(name).matches()) {
                        m.put(name, new PresetLocation(name, new PresetSource(kind, f.toString()), layer, f));
                    }
                });
            } catch (IOException e) {
                // an unreadable directory holds no presets; lookups report the missing name
            }
        }
        return new PresetLayer(kind, dir, m);
    }

    static PresetLayer file(Path file, int layer) {
        Path abs = file.toAbsolutePath().normalize();
        String name = nameOf(abs);
        String n = name != null ? name : abs.getFileName().toString();
        return new PresetLayer(PresetSource.Kind.FILE, abs.getParent(),
                Map.of(n, new PresetLocation(n, new PresetSource(PresetSource.Kind.FILE, abs.toString()), layer, abs)));
    }

    /** The preset name of a file: its name without {@code .json}, or null for other files. */
    static String nameOf(Path file) {
        String f = file.getFileName().toString();
        return f.endsWith(".json") && f.length() > 5 ? f.substring(0, f.length() - 5) : null;
    }

    /** How a person would name this layer: "built-in", "site /studio/presets", "user ~/.config/...". */
    String describe() {
        return directory == null ? kind.label() : kind.label() + " " + directory;
    }
}
