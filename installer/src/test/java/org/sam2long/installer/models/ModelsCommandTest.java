package org.sam2long.installer.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.installer.testing.CliRun;
import org.sam2long.installer.testing.FileServer;
import org.sam2long.installer.testing.TestModels;
import org.sam2long.installer.util.InstallerEnvironment;
import org.sam2long.installer.util.Sha256;

/** {@code sam2long models ...} against a real HTTP server on 127.0.0.1 started by the test. */
class ModelsCommandTest {
    @TempDir
    Path tmp;
    FileServer server;
    Path models;
    InstallerEnvironment env;

    @BeforeEach
    void start() throws IOException {
        server = new FileServer();
        models = tmp.resolve("models");
        env = CliRun.env(tmp.resolve("home"), Map.of("SAM2LONG_MODELS", models.toString()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Writes a registry listing {@code name -> (kind, path on the server, bytes whose SHA-256 it states)}. */
    private Path registry(String name, String kind, String path, byte[] bytes) throws IOException {
        Path f = tmp.resolve("registry-" + name + ".json");
        Files.writeString(f, "{\"format\":\"sam2long-registry/1\",\"models\":[{\"name\":\"" + name + "\",\"kind\":\"" + kind
                + "\",\"url\":\"" + server.url(path) + "\",\"sha256\":\"" + sha(bytes) + "\",\"sizeBytes\":" + bytes.length + "}]}");
        return f;
    }

    private static String sha(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> leftovers() throws IOException {
        if (!Files.exists(models)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(models)) {
            return s.filter(Files::isRegularFile).map(p -> models.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void fetchZipArchiveInstallsTheModelWithProgressAndItVerifies() throws Exception {
        byte[] zip = TestModels.demoZip("exported");
        server.put("/m/demo.zip", zip);
        Path reg = registry("studio-demo", "model-archive", "/m/demo.zip", zip);

        CliRun r = CliRun.run(env, "models", "fetch", "studio-demo", "--registry", reg.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.err.contains("100%"), r.toString());
        for (String f : TestModels.FILES) {
            assertTrue(Files.isRegularFile(models.resolve("studio-demo").resolve(f)), f);
        }
        assertEquals(List.of(), leftovers().stream().filter(p -> !p.startsWith("studio-demo/")).toList(), "no temp files left");

        CliRun v = CliRun.run(env, "models", "verify");
        assertEquals(0, v.code, v.toString());
        assertTrue(v.out.contains("OK      studio-demo"), v.toString());
        CliRun l = CliRun.run(env, "models", "list", "--registry", reg.toString());
        assertTrue(l.out.lines().anyMatch(x -> x.startsWith("studio-demo") && x.endsWith("installed")), l.toString());
        assertTrue(l.out.contains("sam2.1_hiera_tiny"), l.toString());
    }

    @Test
    void fetchingAnInstalledModelAgainIsANoOpUnlessForced() throws Exception {
        byte[] zip = TestModels.demoZip("exported");
        server.put("/m/demo.zip", zip);
        Path reg = registry("demo", "model-archive", "/m/demo.zip", zip);
        assertEquals(0, CliRun.run(env, "models", "fetch", "demo", "--registry", reg.toString()).code);
        CliRun again = CliRun.run(env, "models", "fetch", "demo", "--registry", reg.toString());
        assertEquals(0, again.code, again.toString());
        assertTrue(again.out.contains("demo is already installed"), again.toString());
        assertEquals(1, server.requests.size());
        assertEquals(0, CliRun.run(env, "models", "fetch", "demo", "--registry", reg.toString(), "--force").code);
        assertEquals(2, server.requests.size());
    }

    @Test
    void aSecondFetchOfTheSameFileWhileOneRunsIsRefused() throws Exception {
        byte[] zip = TestModels.demoZip("exported");
        server.put("/m/demo.zip", zip);
        Path reg = registry("demo", "model-archive", "/m/demo.zip", zip);
        Path lockFile = models.resolve(".downloads/demo.zip.lock");
        Files.createDirectories(lockFile.getParent());
        try (var ch = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = ch.lock()) {
            CliRun r = CliRun.run(env, "models", "fetch", "demo", "--registry", reg.toString());
            assertEquals(1, r.code, r.toString());
            assertTrue(r.err.contains("another `sam2long models fetch demo` is downloading into this models folder"), r.toString());
        }
        assertEquals(List.of(), server.requests);
    }

    @Test
    void fetchTarGzArchive() throws Exception {
        byte[] tgz = TestModels.demoTarGz(tmp);
        server.put("/m/demo.tar.gz", tgz);
        Path reg = registry("demo-tgz", "model-archive", "/m/demo.tar.gz", tgz);
        CliRun r = CliRun.run(env, "models", "fetch", "demo-tgz", "--registry", reg.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(Files.isRegularFile(models.resolve("demo-tgz/image_encoder.onnx")));
        assertEquals(0, CliRun.run(env, "models", "verify", "demo-tgz").code);
    }

    @Test
    void cutConnectionIsResumedWithARangeRequestOnTheNextRun() throws Exception {
        byte[] ckpt = TestModels.fakeCheckpoint(3 << 20);
        server.put("/ckpt/tiny.pt", ckpt);
        server.cut("/ckpt/tiny.pt", 1 << 20, 1);
        Path reg = registry("tiny-test", "official-checkpoint", "/ckpt/tiny.pt", ckpt);

        CliRun first = CliRun.run(env, "models", "fetch", "tiny-test", "--registry", reg.toString(), "--retries", "0");
        assertEquals(1, first.code, first.toString());
        assertTrue(first.err.contains("interrupted") && first.err.contains("run the same command again to resume"), first.toString());
        assertFalse(first.err.contains("\tat "), "no stack trace");
        Path part = models.resolve(".downloads/tiny.pt.part");
        long have = Files.size(part);
        assertTrue(have > 0 && have < ckpt.length, "partial download kept: " + have);

        CliRun second = CliRun.run(env, "models", "fetch", "tiny-test", "--registry", reg.toString(), "--retries", "0");
        assertEquals(0, second.code, second.toString());
        assertTrue(server.requests.contains("/ckpt/tiny.pt bytes=" + have + "-"), server.requests.toString());
        assertTrue(second.err.contains("resuming at"), second.toString());
        Path saved = models.resolve(".checkpoints/tiny.pt");
        assertTrue(Arrays.equals(ckpt, Files.readAllBytes(saved)));
        assertFalse(Files.exists(part));
        assertTrue(second.out.contains("export_sam2.py --checkpoint " + saved), second.toString());
        CliRun l = CliRun.run(env, "models", "list", "--registry", reg.toString());
        assertTrue(l.out.contains("checkpoint downloaded, not converted"), l.toString());
    }

    @Test
    void fetchedCheckpointIsReadInJava() throws Exception {
        Path written = new org.sam2long.installer.testing.TorchCheckpointWriter()
                .tensor("image_encoder.trunk.pos_embed", "float32", new long[] {1, 96, 7, 7}, new float[96 * 49])
                .tensor("no_mem_embed", "float32", new long[] {1, 1, 256}, new float[256])
                .write(tmp.resolve("written.pt"));
        byte[] ckpt = Files.readAllBytes(written);
        server.put("/ckpt/small.pt", ckpt);
        Path reg = registry("small-test", "official-checkpoint", "/ckpt/small.pt", ckpt);
        CliRun r = CliRun.run(env, "models", "fetch", "small-test", "--registry", reg.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("state dict: 2 tensors, 0.0 M parameters (read in Java)"), r.toString());
    }

    @Test
    void cutConnectionIsResumedWithinOneRunWhenRetriesAreAllowed() throws Exception {
        byte[] zip = TestModels.demoZip("x");
        server.put("/m/demo.zip", zip);
        server.cut("/m/demo.zip", zip.length / 3, 2);
        Path reg = registry("demo", "model-archive", "/m/demo.zip", zip);
        CliRun r = CliRun.run(env, "models", "fetch", "demo", "--registry", reg.toString(), "--retries", "3");
        assertEquals(0, r.code, r.toString());
        assertEquals(3, server.requests.size(), server.requests.toString());
        assertTrue(server.requests.get(1).contains("bytes="), server.requests.toString());
        assertTrue(Files.isRegularFile(models.resolve("demo/manifest.json")));
    }

    @Test
    void checksumMismatchFromAMirrorDiscardsTheDownloadAndInstallsNothing() throws Exception {
        server.put("/mirror/sam2.1_hiera_tiny.pt", TestModels.fakeCheckpoint(1000));
        CliRun r = CliRun.run(env, "models", "fetch", "sam2.1_hiera_tiny", "--base-url", server.url("/mirror/"));
        assertEquals(1, r.code, r.toString());
        assertTrue(server.requests.get(0).startsWith("/mirror/sam2.1_hiera_tiny.pt"), server.requests.toString());
        assertTrue(r.err.contains("checksum mismatch") && r.err.contains("nothing was installed"), r.toString());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void mirrorFromTheEnvironment() throws Exception {
        server.put("/env-mirror/sam2.1_hiera_small.pt", new byte[10]);
        InstallerEnvironment e = CliRun.env(tmp.resolve("home"), Map.of("SAM2LONG_MODELS", models.toString(),
                "SAM2LONG_MODEL_BASE_URL", server.url("/env-mirror")));
        CliRun r = CliRun.run(e, "models", "fetch", "sam2.1_hiera_small");
        assertEquals(1, r.code, r.toString());
        assertTrue(server.requests.get(0).startsWith("/env-mirror/sam2.1_hiera_small.pt"), server.requests.toString());
    }

    @Test
    void mirrorFromTheConfigFile() throws Exception {
        Path cfg = tmp.resolve("home/config/sam2long/installer.json");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, "{\"modelBaseUrl\": \"" + server.url("/cfg-mirror/") + "\"}");
        CliRun r = CliRun.run(env, "models", "fetch", "sam2.1_hiera_base_plus");
        assertEquals(1, r.code, r.toString());
        assertTrue(server.requests.get(0).startsWith("/cfg-mirror/sam2.1_hiera_base_plus.pt"), server.requests.toString());
        Files.writeString(cfg, "{\"modelBaseURL\": \"x\"}");
        CliRun bad = CliRun.run(env, "models", "list");
        assertEquals(1, bad.code);
        assertTrue(bad.err.contains(cfg.toString()) && bad.err.contains("unknown field 'modelBaseURL'"), bad.toString());
    }

    @Test
    void notFoundSaysSoInOneSentence() throws Exception {
        Path reg = registry("gone", "model-archive", "/m/missing.zip", new byte[1]);
        CliRun r = CliRun.run(env, "models", "fetch", "gone", "--registry", reg.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("was not found (HTTP 404)"), r.toString());
        assertEquals(1, r.err.trim().lines().count(), r.toString());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void corruptArchiveWithTheRightChecksumInstallsNothing() throws Exception {
        byte[] zip = TestModels.demoZip("x");
        byte[] broken = Arrays.copyOf(zip, zip.length / 2);
        server.put("/m/broken.zip", broken);
        Path reg = registry("broken", "model-archive", "/m/broken.zip", broken);
        CliRun r = CliRun.run(env, "models", "fetch", "broken", "--registry", reg.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("broken.zip is corrupt"), r.toString());
        assertEquals(List.of(), leftovers());
        try (Stream<Path> s = Files.list(models)) {
            assertEquals(List.of(".downloads"), s.map(p -> p.getFileName().toString()).toList(), "no staging folder left");
        }
    }

    @Test
    void archiveWithoutAModelIsRefused() throws Exception {
        byte[] ckpt = TestModels.fakeCheckpoint(10);
        server.put("/m/notamodel.zip", ckpt);
        Path reg = registry("nm", "model-archive", "/m/notamodel.zip", ckpt);
        CliRun r = CliRun.run(env, "models", "fetch", "nm", "--registry", reg.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("holds no manifest.json"), r.toString());
        assertFalse(Files.exists(models.resolve("nm")));
    }

    @Test
    void corruptCheckpointIsDiscarded() throws Exception {
        byte[] junk = "not a zip at all".getBytes();
        server.put("/c/junk.pt", junk);
        Path reg = registry("junk", "official-checkpoint", "/c/junk.pt", junk);
        CliRun r = CliRun.run(env, "models", "fetch", "junk", "--registry", reg.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("the checkpoint junk.pt is corrupt"), r.toString());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void unknownNameListsTheKnownNames() {
        CliRun r = CliRun.run(env, "models", "fetch", "sam2.1_hiera_huge");
        assertEquals(1, r.code);
        assertTrue(r.err.contains("unknown model 'sam2.1_hiera_huge'; known models: sam2long-demo, sam2.1_hiera_tiny, "
                + "sam2.1_hiera_small, sam2.1_hiera_base_plus, sam2.1_hiera_large"), r.toString());
    }

    @Test
    void badRegistryNamesTheFileAndField() throws Exception {
        Path reg = tmp.resolve("bad.json");
        Files.writeString(reg, "{\"models\":[{\"name\":\"a\",\"kind\":\"model-archive\",\"url\":\"http://127.0.0.1/a.zip\"}]}");
        CliRun r = CliRun.run(env, "models", "list", "--registry", reg.toString());
        assertEquals(1, r.code);
        assertTrue(r.err.contains(reg.toString()) && r.err.contains("'a' needs a 'sha256'"), r.toString());
        Files.writeString(reg, "{\"models\": [");
        r = CliRun.run(env, "models", "list", "--registry", reg.toString());
        assertTrue(r.err.contains("is not valid JSON (line 1)"), r.toString());
    }

    @Test
    void importFolderAndArchiveThenVerifyCatchesDamageThenRemove() throws Exception {
        Path folder = TestModels.demoFolder(tmp.resolve("exported/sam2long-demo"));
        CliRun a = CliRun.run(env, "models", "import", folder.toString(), "--name", "from-folder");
        assertEquals(0, a.code, a.toString());
        Path zip = tmp.resolve("m.zip");
        Files.write(zip, TestModels.demoZip("top"));
        CliRun b = CliRun.run(env, "models", "import", zip.toString());
        assertEquals(0, b.code, b.toString());
        assertTrue(Files.isRegularFile(models.resolve("sam2long-demo/manifest.json")), "named after the manifest");

        assertEquals(0, CliRun.run(env, "models", "verify").code);
        Path damaged = models.resolve("from-folder/mask_decoder.onnx");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 1;
        Files.write(damaged, bytes);
        CliRun v = CliRun.run(env, "models", "verify", "--quick");
        assertEquals(1, v.code, v.toString());
        assertTrue(v.out.contains("BAD     from-folder: " + damaged + " has SHA-256"), v.toString());
        assertTrue(v.out.contains("OK      sam2long-demo"), v.toString());

        CliRun rm = CliRun.run(env, "models", "remove", "from-folder");
        assertEquals(0, rm.code, rm.toString());
        assertFalse(Files.exists(models.resolve("from-folder")));
        CliRun again = CliRun.run(env, "models", "remove", "from-folder");
        assertEquals(1, again.code);
        assertTrue(again.err.contains("is not installed") && again.err.contains("installed: sam2long-demo"), again.toString());
    }

    @Test
    void importOfAFolderWithAWrongChecksumInstallsNothing() throws Exception {
        Path folder = TestModels.demoFolder(tmp.resolve("exported/bad"));
        Files.writeString(folder.resolve("host_tensors.json"), "{}");
        CliRun r = CliRun.run(env, "models", "import", folder.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("host_tensors.json has SHA-256"), r.toString());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void sha256HelperMatchesTheJdk() throws Exception {
        Path f = tmp.resolve("x");
        Files.write(f, new byte[] {1, 2, 3});
        assertEquals(sha(new byte[] {1, 2, 3}), Sha256.of(f));
    }
}
