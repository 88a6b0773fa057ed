package org.sam2long.installer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A small unpacked release with the real layout (bin/sam2long, lib/, ofx/SAM2LongRoto.ofx.bundle with
 * a jre inside, runtime linking to it) whose files are short texts: enough for install/uninstall.
 */
public final class FakeRelease {
    private FakeRelease() {}

    public static Path make(Path dir, String version) throws IOException {
        Path bundle = dir.resolve("ofx/SAM2LongRoto.ofx.bundle/Contents");
        write(dir.resolve("bin/sam2long"), "#!/bin/sh\necho sam2long " + version + "\n");
        Files.setPosixFilePermissions(dir.resolve("bin/sam2long"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write(dir.resolve("lib/engine-" + version + ".jar"), "jar " + version);
        write(dir.resolve("lib/picocli.jar"), "picocli");
        write(dir.resolve("VERSION"), version);
        write(bundle.resolve("Linux-x86-64/SAM2LongRoto.ofx"), "shim " + version);
        write(bundle.resolve("Resources/jvm.cfg"), "runtime=jre\n");
        write(bundle.resolve("Resources/lib/engine-" + version + ".jar"), "jar " + version);
        write(bundle.resolve("Resources/jre/lib/server/libjvm.so"), "jvm");
        write(bundle.resolve("Resources/jre/bin/java"), "java");
        Files.createSymbolicLink(dir.resolve("runtime"), Path.of("ofx/SAM2LongRoto.ofx.bundle/Contents/Resources/jre"));
        return dir;
    }

    public static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
