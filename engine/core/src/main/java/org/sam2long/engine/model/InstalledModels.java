package org.sam2long.engine.model;

import java.nio.file.Path;

/**
 * Where installed models live, one folder per model name, for every entry point (the command line,
 * the farm worker, the plug-in) and the installer's documentation alike.
 */
public final class InstalledModels {
    private InstalledModels() {}

    /** {@code $SAM2LONG_MODELS}, else {@code $XDG_DATA_HOME/sam2long/models}, else {@code ~/.local/share/sam2long/models}. */
    public static Path root() {
        String env = System.getenv("SAM2LONG_MODELS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("sam2long").resolve("models");
    }
}
