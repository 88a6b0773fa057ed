package org.sam2long.installer.install;

import java.nio.file.Path;

/**
 * Where an installation goes. System-wide: {@code /opt/sam2long}, {@code /usr/bin/sam2long},
 * {@code /usr/OFX/Plugins}, {@code /etc/systemd/system}. Under {@code --prefix P}: {@code P/lib/sam2long},
 * {@code P/bin/sam2long}, {@code P/OFX/Plugins}, {@code P/lib/systemd/system}.
 */
public record InstallLayout(Path app, Path binLink, Path ofxDir, Path unitDir, boolean system) {
    public static final String BUNDLE = "SAM2LongRoto.ofx.bundle";
    public static final String UNIT = "sam2long-worker.service";
    public static final Path SYSTEM_OFX = Path.of("/usr/OFX/Plugins");

    public static InstallLayout systemWide() {
        return new InstallLayout(Path.of("/opt/sam2long"), Path.of("/usr/bin/sam2long"), SYSTEM_OFX,
                Path.of("/etc/systemd/system"), true);
    }

    public static InstallLayout prefix(Path prefix) {
        Path p = prefix.toAbsolutePath().normalize();
        return new InstallLayout(p.resolve("lib/sam2long"), p.resolve("bin/sam2long"), p.resolve("OFX/Plugins"),
                p.resolve("lib/systemd/system"), false);
    }

    public Path bundle() {
        return ofxDir.resolve(BUNDLE);
    }

    public Path unit() {
        return unitDir.resolve(UNIT);
    }

    /** The record of installed files, inside the application folder. */
    public Path manifest() {
        return app.resolve(".installed-files");
    }
}
