package org.sam2long.installer.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release built by {@code -Pdist}: the tarball's layout, {@code sam2long demo} on the jlink runtime
 * from the unpacked tree, install/doctor/uninstall from it, and the {@code .deb}'s layout. Runs in
 * {@code ./mvnw -Pdist verify}; skipped when the release was not built.
 */
class ReleaseDistIT {
    @TempDir
    static Path tmp;
    static Path dist;
    static Path release;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Path.of(System.getProperty("sam2long.dist", "target/dist"));
        assumeTrue(Files.isDirectory(dist), "no release in " + dist + " (build it with ./mvnw -Pdist package)");
        Path tarball = only(dist, "-linux-x86_64.tar.gz");
        Result r = exec(List.of("tar", "-xzf", tarball.toString(), "-C", tmp.toString()), Map.of(), 120);
        assertEquals(0, r.code, r.out);
        String name = tarball.getFileName().toString().replace("-linux-x86_64.tar.gz", "");
        release = tmp.resolve(name);
    }

    static Path only(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, l.size(), "one *" + suffix + " in " + dir + ": " + l);
            return l.get(0);
        }
    }

    record Result(int code, String out) {}

    static Result exec(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("SAM2LONG_JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Result(p.exitValue(), new String(out));
    }

    @Test
    void tarballHasTheReleaseLayoutAndATrimmedRuntime() throws Exception {
        Path bundle = release.resolve("ofx/SAM2LongRoto.ofx.bundle");
        assertTrue(Files.isExecutable(release.resolve("bin/sam2long")));
        for (String jar : List.of("installer-", "render-node-", "engine-", "presets-", "onnxruntime-", "picocli-")) {
            try (Stream<Path> s = Files.list(release.resolve("lib"))) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith(jar)), "lib/" + jar + "*.jar");
            }
        }
        assertTrue(Files.isRegularFile(bundle.resolve("Contents/Linux-x86-64/SAM2LongRoto.ofx")));
        assertTrue(Files.isRegularFile(bundle.resolve("Contents/Resources/jre/lib/server/libjvm.so")), "the bundle carries the runtime");
        assertEquals(Path.of("ofx/SAM2LongRoto.ofx.bundle/Contents/Resources/jre"), Files.readSymbolicLink(release.resolve("runtime")));
        List<String> runtimeLines = Files.readAllLines(bundle.resolve("Contents/Resources/jvm.cfg")).stream()
                .filter(l -> l.startsWith("runtime=")).toList();
        assertEquals(List.of("runtime=jre"), runtimeLines, "jvm.cfg names only the private runtime");
        String modules = Files.readAllLines(bundle.resolve("Contents/Resources/jre/release")).stream()
                .filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
        assertTrue(modules.contains("java.base") && modules.contains("jdk.unsupported") && modules.contains("jdk.crypto.ec"), modules);
        assertFalse(modules.contains("jdk.compiler") || modules.contains("jdk.jshell") || modules.contains("java.rmi"), "trimmed: " + modules);
    }

    @Test
    void demoRunsFromTheUnpackedTreeOnTheJlinkRuntime() throws Exception {
        Path out = tmp.resolve("demo-out");
        Result r = exec(List.of(release.resolve("bin/sam2long").toString(), "demo", "--out", out.toString()), Map.of(), 300);
        assertEquals(0, r.code, r.out);
        try (Stream<Path> s = Files.walk(out)) {
            long pngs = s.filter(p -> p.toString().endsWith(".png") && !p.toString().contains("previews")).count();
            assertEquals(240, pngs, "120 frames x 2 objects: " + r.out);
        }
        assertTrue(Files.isRegularFile(out.resolve("previews/contact_sheet.png")));
        Result v = exec(List.of(release.resolve("bin/sam2long").toString(), "doctor", "--ofx-dir", tmp.resolve("none").toString()),
                Map.of("SAM2LONG_MODELS", tmp.resolve("models").toString()), 120);
        assertTrue(v.out.contains("the release's private runtime"), v.out);
    }

    @Test
    void installFromTheReleaseThenDoctorFindsThePluginThenUninstall() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Result i = exec(List.of(release.resolve("bin/sam2long").toString(), "install", "--prefix", prefix.toString()), Map.of(), 120);
        assertEquals(0, i.code, i.out);
        assertTrue(i.out.contains("export OFX_PLUGIN_PATH=" + prefix.resolve("OFX/Plugins")), i.out);
        Result d = exec(List.of(prefix.resolve("bin/sam2long").toString(), "doctor", "--ofx-dir", tmp.resolve("none").toString()),
                Map.of("OFX_PLUGIN_PATH", prefix.resolve("OFX/Plugins").toString(), "SAM2LONG_MODELS", tmp.resolve("models").toString()), 120);
        assertEquals(0, d.code, d.out);
        assertTrue(d.out.contains("[OK  ] plug-in      " + prefix.resolve("OFX/Plugins/SAM2LongRoto.ofx.bundle")), d.out);
        Result u = exec(List.of(prefix.resolve("bin/sam2long").toString(), "uninstall", "--prefix", prefix.toString()), Map.of(), 120);
        assertEquals(0, u.code, u.out);
        assertFalse(Files.exists(prefix.resolve("lib/sam2long")));
        assertFalse(Files.exists(prefix.resolve("OFX/Plugins/SAM2LongRoto.ofx.bundle")));
    }

    /** The project's C OpenFX test host (built by plugin-ofx-bridge's verify) loads the release's bundle on its own runtime. */
    @Test
    void ofxTestHostRunsTheReleasedBundleOnItsPrivateRuntime() throws Exception {
        Path testhost = Path.of(System.getProperty("ofx.testhost", "../plugin-ofx-bridge/target/testhost/testhost"));
        assumeTrue(Files.isExecutable(testhost), "no OFX test host at " + testhost + " (built by ./mvnw -Pdist verify)");
        Result r = exec(List.of(testhost.toAbsolutePath().toString(), release.resolve("ofx/SAM2LongRoto.ofx.bundle").toString(),
                tmp.resolve("testhost-out").toString()), Map.of(), 300);
        assertEquals(0, r.code, r.out);
        assertTrue(r.out.contains("# 0 scenario(s) failed"), r.out);
        assertFalse(r.out.contains("not ok"), r.out);
    }

    @Test
    void debHasTheConventionalLayout() throws Exception {
        Path deb = only(dist, "_amd64.deb");
        Result f = exec(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Architecture"), Map.of(), 60);
        assertEquals("Package: sam2long\nArchitecture: amd64\n", f.out);
        Result c = exec(List.of("dpkg-deb", "-c", deb.toString()), Map.of(), 120);
        assertEquals(0, c.code, c.out);
        List<String> must = new ArrayList<>(List.of("./opt/sam2long/bin/sam2long", "./usr/bin/sam2long -> /opt/sam2long/bin/sam2long",
                "./opt/sam2long/runtime -> /usr/OFX/Plugins/SAM2LongRoto.ofx.bundle/Contents/Resources/jre",
                "./usr/OFX/Plugins/SAM2LongRoto.ofx.bundle/Contents/Linux-x86-64/SAM2LongRoto.ofx",
                "./usr/OFX/Plugins/SAM2LongRoto.ofx.bundle/Contents/Resources/jre/lib/server/libjvm.so",
                "./usr/OFX/Plugins/SAM2LongRoto.ofx.bundle/Contents/Resources/jvm.cfg"));
        for (String m : must) {
            assertTrue(c.out.lines().anyMatch(l -> l.endsWith(" " + m)), m + " in\n" + c.out.lines().limit(40).toList());
        }
        assertTrue(c.out.lines().allMatch(l -> l.contains(" root/root ")), "files owned by root");
    }
}
