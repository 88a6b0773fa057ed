package org.sam2long.installer.util;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the installer reads from the process: environment variables and the home folder. Tests pass
 * their own map instead of changing the real environment.
 */
public record InstallerEnvironment(Map<String, String> env, Path home) {

    public static InstallerEnvironment fromSystem() {
        return new InstallerEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The variable's value, or null when unset or blank. */
    public String get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /**
     * The shared models folder: {@code $SAM2LONG_MODELS}, else {@code $XDG_DATA_HOME/sam2long/models},
     * else {@code ~/.local/share/sam2long/models} — the same rule as render-node's ModelResolver, so
     * the command line, the render node and the plug-in find what {@code models fetch} installs.
     */
    public Path modelsRoot() {
        String dir = get("SAM2LONG_MODELS");
        if (dir != null) {
            return Path.of(dir);
        }
        String xdg = get("XDG_DATA_HOME");
        Path base = xdg != null ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("sam2long").resolve("models");
    }

    /** {@code $XDG_CONFIG_HOME/sam2long} or {@code ~/.config/sam2long}. */
    public Path userConfigDir() {
        String xdg = get("XDG_CONFIG_HOME");
        Path base = xdg != null ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("sam2long");
    }
}
