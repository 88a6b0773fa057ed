package org.sam2long.installer.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.installer.testing.CliRun;
import org.sam2long.installer.testing.FakeRelease;
import org.sam2long.installer.testing.TestModels;
import org.sam2long.installer.util.InstallerEnvironment;

/** {@code sam2long doctor} on folders the test sets up, with a real TCP listener as the farm database. */
class DoctorCommandTest {
    @TempDir
    Path tmp;

    private InstallerEnvironment env(Path ofx) {
        return CliRun.env(tmp.resolve("home"), Map.of("OFX_PLUGIN_PATH", ofx.toString(), "PATH", "/usr/bin:/bin"));
    }

    private Path installedPlugin() throws Exception {
        Path release = FakeRelease.make(tmp.resolve("release"), "1");
        Path prefix = tmp.resolve("prefix");
        assertEquals(0, CliRun.run(env(tmp), "install", "--from", release.toString(), "--prefix", prefix.toString()).code);
        return prefix.resolve("OFX/Plugins");
    }

    private Path models() throws Exception {
        Path models = tmp.resolve("models");
        assertEquals(0, CliRun.run(env(tmp), "models", "import", TestModels.demoFolder(tmp.resolve("demo")).toString(),
                "--name", "studio-demo", "--models-dir", models.toString()).code);
        return models;
    }

    @Test
    void everythingInPlaceExitsZeroAndSaysWhatItFound() throws Exception {
        Path ofx = installedPlugin();
        Path models = models();
        Path libs = Files.createDirectories(tmp.resolve("libs"));
        Files.writeString(libs.resolve("libcudnn.so.9"), "");
        try (ServerSocket db = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.run(env(ofx), "doctor", "--models-dir", models.toString(), "--ofx-dir", tmp.resolve("no-system-ofx").toString(),
                    "--lib-dir", libs.toString(), "--db", "jdbc:postgresql://127.0.0.1:" + db.getLocalPort() + "/farm");
            assertEquals(0, r.code, r.toString());
            assertTrue(r.out.contains("[OK  ] os"), r.out);
            assertTrue(r.out.contains("[OK  ] java         OpenJDK"), r.out);
            assertTrue(r.out.matches("(?s).*\\[OK  ] onnxruntime  1\\.\\d+\\.\\d+ \\(CPU build\\), providers \\[CPU].*"), r.out);
            assertTrue(r.out.contains("found " + libs.resolve("libcudnn.so.9") + "; missing libcudart.so.12, libcublas.so.12, "
                    + "libcublasLt.so.12, libcufft.so.11, libcurand.so.10"), r.out);
            assertTrue(r.out.contains("[OK  ] plug-in      " + ofx.resolve("SAM2LongRoto.ofx.bundle") + " (Java runtime "), r.out);
            assertTrue(r.out.contains("[OK  ] models       studio-demo"), r.out);
            assertTrue(r.out.contains("[OK  ] farm         database 127.0.0.1:" + db.getLocalPort() + " reachable"), r.out);
            assertTrue(r.out.contains("[OK  ] gpu") || r.out.contains("[WARN] gpu"), r.out);
        }
    }

    @Test
    void missingAndBrokenThingsFailNamingThem() throws Exception {
        Path ofx = installedPlugin();
        Path bundle = ofx.resolve("SAM2LongRoto.ofx.bundle");
        Files.delete(bundle.resolve("Contents/Resources/jre/lib/server/libjvm.so"));
        Path models = models();
        Files.writeString(models.resolve("studio-demo/host_tensors.json"), "{}");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CliRun r = CliRun.run(env(ofx), "doctor", "--models-dir", models.toString(), "--ofx-dir", tmp.resolve("none").toString(),
                "--lib-dir", tmp.toString(), "--db", "jdbc:postgresql://127.0.0.1:" + closedPort + "/farm");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("[FAIL] plug-in      " + bundle + " has no usable Java runtime: none of [" + bundle.resolve("Contents/Resources/jre") + "]"), r.out);
        assertTrue(r.out.contains("[FAIL] models       studio-demo: " + models.resolve("studio-demo/host_tensors.json") + " has SHA-256"), r.out);
        assertTrue(r.out.contains("[FAIL] farm         database 127.0.0.1:" + closedPort + " is unreachable"), r.out);
        assertTrue(r.out.contains("3 problems to fix"), r.out);
    }

    @Test
    void nothingInstalledIsOnlyWarnings() throws Exception {
        CliRun r = CliRun.run(env(tmp.resolve("empty-ofx")), "doctor", "--models-dir", tmp.resolve("no-models").toString(),
                "--ofx-dir", tmp.resolve("none").toString(), "--lib-dir", tmp.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("[WARN] plug-in      SAM2LongRoto.ofx.bundle is not in any folder hosts search"), r.out);
        assertTrue(r.out.contains("[WARN] models       only the bundled demo model"), r.out);
        assertTrue(r.out.contains("[OK  ] farm         no farm database configured"), r.out);
    }
}
