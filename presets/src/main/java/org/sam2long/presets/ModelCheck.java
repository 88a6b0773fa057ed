package org.sam2long.presets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Checks {@code model.name}: a known model name, or a model directory that exists and holds a
 * manifest.json. A relative directory is taken relative to the preset file that names it; the
 * value kept is the absolute, normalised path, so a resolved preset means the same model anywhere.
 */
final class ModelCheck {
    private ModelCheck() {}

    /**
     * @param baseDir          directory of the naming file, or null for the working directory
     * @param checkDirectories false when reading back a resolved preset written elsewhere
     * @return the name or absolute directory, or null after reporting a problem
     */
    static String check(String value, Path baseDir, boolean checkDirectories, Consumer<String> problem) {
        if (KnownModels.isKnown(value)) {
            return value;
        }
        Path dir;
        try {
            dir = toPath(value, baseDir);
        } catch (java.nio.file.InvalidPathException e) {
            problem.accept("'" + value + "' is neither a known model nor a valid path");
            return null;
        }
        if (!checkDirectories && looksLikePath(value)) {
            return dir.toString();
        }
        if (Files.isDirectory(dir)) {
            if (Files.isRegularFile(dir.resolve("manifest.json"))) {
                return dir.toString();
            }
            problem.accept("model directory " + dir + " has no manifest.json (see docs/model-contract.md)");
            return null;
        }
        if (looksLikePath(value)) {
            problem.accept("model directory " + dir + " does not exist");
            return null;
        }
        problem.accept("unknown model '" + value + "'" + Suggestions.didYouMean(value, KnownModels.ALL)
                + "; use one of " + String.join(", ", KnownModels.ALL) + ", or the path of a model directory");
        return null;
    }

    private static boolean looksLikePath(String value) {
        return value.contains("/") || value.contains("\\") || value.startsWith(".") || value.startsWith("~");
    }

    private static Path toPath(String value, Path baseDir) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        Path p = Path.of(expanded);
        if (!p.isAbsolute()) {
            p = baseDir != null ? baseDir.resolve(p) : p.toAbsolutePath();
        }
        return p.toAbsolutePath().normalize();
    }
}
