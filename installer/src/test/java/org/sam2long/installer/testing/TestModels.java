package org.sam2long.installer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test material: the bundled demo model as a folder and as archives, and a small PyTorch-style checkpoint. */
public final class TestModels {
    public static final List<String> FILES = List.of("manifest.json", "host_tensors.json", "image_encoder.onnx",
            "memory_attention.onnx", "mask_decoder.onnx", "memory_encoder.onnx");

    private TestModels() {}

    /** Copies the engine's bundled demo model from the class path into {@code dir}. */
    public static Path demoFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : FILES) {
            try (InputStream in = TestModels.class.getClassLoader().getResourceAsStream("models/sam2long-demo/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }

    /** A zip with the demo model inside one top folder {@code top/}. */
    public static byte[] demoZip(String top) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String f : FILES) {
                zip.putNextEntry(new ZipEntry(top + "/" + f));
                try (InputStream in = TestModels.class.getClassLoader().getResourceAsStream("models/sam2long-demo/" + f)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A tar.gz of the demo model's files at the archive's top, made by the system's tar. */
    public static byte[] demoTarGz(Path work) throws IOException, InterruptedException {
        Path dir = demoFolder(work.resolve("tar-src"));
        Path out = work.resolve("demo.tar.gz");
        Process p = new ProcessBuilder("tar", "-czf", out.toString(), "-C", dir.toString(), ".").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("tar failed: " + log);
        }
        return Files.readAllBytes(out);
    }

    /** A zip laid out as torch.save writes it: {@code archive/data.pkl} plus tensor storages. */
    public static byte[] fakeCheckpoint(int storageBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Random r = new Random(17);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'}); // pickle: an empty dict
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("archive/data/0"));
            byte[] data = new byte[storageBytes];
            r.nextBytes(data);
            zip.write(data);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
