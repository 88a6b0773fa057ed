package org.sam2long.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.installer.testing.CliRun;
import org.sam2long.installer.testing.FakeRelease;
import org.sam2long.installer.util.InstallerEnvironment;

/** {@code sam2long install / uninstall} into a temporary prefix. */
class InstallCommandTest {
    @TempDir
    Path tmp;

    private InstallerEnvironment env() {
        return CliRun.env(tmp.resolve("home"), Map.of());
    }

    private List<String> tree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void installIntoAPrefixThenUninstallRemovesExactlyThoseFiles() throws Exception {
        Path release = FakeRelease.make(tmp.resolve("sam2long-1"), "1");
        Path prefix = tmp.resolve("prefix");
        Path others = prefix.resolve("OFX/Plugins/Other.ofx.bundle/Contents/x");
        FakeRelease.write(others, "someone else's plug-in");

        CliRun r = CliRun.run(env(), "install", "--from", release.toString(), "--prefix", prefix.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("export OFX_PLUGIN_PATH=" + prefix.resolve("OFX/Plugins") + "${OFX_PLUGIN_PATH:+:$OFX_PLUGIN_PATH}"), r.toString());
        assertTrue(r.out.contains("export PATH=" + prefix.resolve("bin") + ":$PATH"), r.toString());

        Path app = prefix.resolve("lib/sam2long");
        Path bundle = prefix.resolve("OFX/Plugins/SAM2LongRoto.ofx.bundle");
        assertEquals("jvm", Files.readString(bundle.resolve("Contents/Resources/jre/lib/server/libjvm.so")));
        assertFalse(Files.isSymbolicLink(bundle.resolve("Contents/Resources/jre")), "the bundle carries its runtime");
        assertEquals(bundle.resolve("Contents/Resources/jre"), Files.readSymbolicLink(app.resolve("runtime")));
        assertEquals("java", Files.readString(app.resolve("runtime/bin/java")), "the command line uses the bundle's runtime");
        assertEquals(app.resolve("bin/sam2long"), Files.readSymbolicLink(prefix.resolve("bin/sam2long")));
        assertTrue(Files.isExecutable(prefix.resolve("bin/sam2long")));
        List<String> recorded = Files.readAllLines(app.resolve(".installed-files"));
        assertTrue(recorded.contains(prefix.resolve("bin/sam2long").toString()));
        assertTrue(recorded.contains(bundle.resolve("Contents/Linux-x86-64/SAM2LongRoto.ofx").toString()));
        assertEquals(12, recorded.size(), recorded.toString());
        assertEquals(List.of(), tree(prefix).stream().filter(p -> p.contains(".stage-") || p.contains(".old-")).toList());

        CliRun u = CliRun.run(env(), "uninstall", "--prefix", prefix.toString());
        assertEquals(0, u.code, u.toString());
        assertEquals(List.of("OFX/Plugins/Other.ofx.bundle/Contents/x"), tree(prefix), "only the other plug-in remains");
        assertFalse(Files.exists(app));
        assertFalse(Files.exists(bundle));

        CliRun again = CliRun.run(env(), "uninstall", "--prefix", prefix.toString());
        assertEquals(1, again.code);
        assertTrue(again.err.contains("no sam2long installation recorded in " + app.resolve(".installed-files")), again.toString());
    }

    @Test
    void upgradeInPlaceKeepsUserFilesAndDropsRemovedReleaseFiles() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Path app = prefix.resolve("lib/sam2long");
        Path bundle = prefix.resolve("OFX/Plugins/SAM2LongRoto.ofx.bundle");
        assertEquals(0, CliRun.run(env(), "install", "--from", FakeRelease.make(tmp.resolve("r1"), "1").toString(),
                "--prefix", prefix.toString()).code);
        FakeRelease.write(app.resolve("presets/site-look.json"), "{\"name\":\"site-look\"}");
        FakeRelease.write(app.resolve("models/studio-model/manifest.json"), "{}");
        FakeRelease.write(bundle.resolve("Contents/Resources/cache/x.s2lm"), "cache");

        CliRun r = CliRun.run(env(), "install", "--from", FakeRelease.make(tmp.resolve("r2"), "2").toString(), "--prefix", prefix.toString());
        assertEquals(0, r.code, r.toString());
        assertEquals("2", Files.readString(app.resolve("VERSION")));
        assertFalse(Files.exists(app.resolve("lib/engine-1.jar")), "files of the old version are gone");
        assertTrue(Files.exists(app.resolve("lib/engine-2.jar")));
        assertEquals("{\"name\":\"site-look\"}", Files.readString(app.resolve("presets/site-look.json")));
        assertTrue(Files.exists(app.resolve("models/studio-model/manifest.json")));
        assertEquals("cache", Files.readString(bundle.resolve("Contents/Resources/cache/x.s2lm")));
        List<String> recorded = Files.readAllLines(app.resolve(".installed-files"));
        assertFalse(recorded.stream().anyMatch(l -> l.contains("presets/") || l.contains("cache/") || l.contains("models/")), recorded.toString());

        assertEquals(0, CliRun.run(env(), "uninstall", "--prefix", prefix.toString()).code);
        assertEquals(List.of("OFX/Plugins/SAM2LongRoto.ofx.bundle/Contents/Resources/cache/x.s2lm",
                "lib/sam2long/models/studio-model/manifest.json", "lib/sam2long/presets/site-look.json"), tree(prefix));
    }

    @Test
    void workerUnitIsWrittenAndRemoved() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Path release = FakeRelease.make(tmp.resolve("r"), "1");
        CliRun noDb = CliRun.run(env(), "install", "--from", release.toString(), "--prefix", prefix.toString(), "--worker");
        assertEquals(1, noDb.code);
        assertTrue(noDb.err.contains("--worker needs --db"), noDb.toString());
        assertEquals(List.of(), tree(prefix), "nothing half-installed");

        CliRun r = CliRun.run(env(), "install", "--from", release.toString(), "--prefix", prefix.toString(),
                "--worker", "--db", "jdbc:postgresql://farmdb:5432/sam2long");
        assertEquals(0, r.code, r.toString());
        String unit = Files.readString(prefix.resolve("lib/systemd/system/sam2long-worker.service"));
        assertTrue(unit.contains("ExecStart=" + prefix.resolve("lib/sam2long/bin/sam2long") + " farm work --db jdbc:postgresql://farmdb:5432/sam2long"), unit);
        assertTrue(unit.contains("[Install]\nWantedBy=multi-user.target"), unit);
        assertEquals(0, CliRun.run(env(), "uninstall", "--prefix", prefix.toString()).code);
        assertEquals(List.of(), tree(prefix));
    }

    @Test
    void noPermissionSaysPrefixOrSudo() throws Exception {
        Path release = FakeRelease.make(tmp.resolve("r"), "1");
        CliRun r = CliRun.run(env(), "install", "--from", release.toString(), "--prefix", "/sys/sam2long-install-test");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("cannot write /sys/sam2long-install-test"), r.toString());
        assertTrue(r.err.contains("choose a --prefix you can write to, or run it with sudo"), r.toString());
        assertEquals(1, r.err.trim().lines().count(), r.toString());
    }

    @Test
    void aFailureHalfwayLeavesNothingInstalled() throws Exception {
        Path release = FakeRelease.make(tmp.resolve("r"), "1");
        Path prefix = tmp.resolve("prefix");
        FakeRelease.write(prefix.resolve("OFX"), "a file where the plug-in folder should go");
        CliRun r = CliRun.run(env(), "install", "--from", release.toString(), "--prefix", prefix.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("nothing was changed"), r.toString());
        assertEquals(List.of("OFX"), tree(prefix), "no application folder, no staging folder, no link");
    }

    @Test
    void somethingThatIsNotAReleaseIsRefused() throws Exception {
        Path notRelease = Files.createDirectories(tmp.resolve("empty"));
        CliRun r = CliRun.run(env(), "install", "--from", notRelease.toString(), "--prefix", tmp.resolve("p").toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains("is not an unpacked sam2long release: bin/sam2long is missing"), r.toString());
    }
}
