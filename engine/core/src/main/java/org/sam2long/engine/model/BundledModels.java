package org.sam2long.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Models shipped inside the engine jar under {@code models/<name>/}. ONNX Runtime and the loader
 * want files, so a bundled model is copied once into a cache directory
 * ({@code $XDG_CACHE_HOME/sam2long/models} or {@code ~/.cache/sam2long/models}) and reused.
 */
public final class BundledModels {
    public static final String DEMO = "sam2long-demo";
    private static final List<String> FILES = List.of("manifest.json", "host_tensors.json", "image_encoder.onnx",
            "memory_attention.onnx", "mask_decoder.onnx", "memory_encoder.onnx");

    private BundledModels() {}

    public static boolean exists(String name) {
        return BundledModels.class.getClassLoader().getResource("models/" + name + "/manifest.json") != null;
    }

    /** Copies the bundled model to the cache (if not there already with the same bytes) and returns its directory. */
    public static synchronized Path extract(String name) {
        if (!exists(name)) {
            throw new ModelException("there is no bundled model named '" + name + "' (bundled: " + DEMO + ")");
        }
        Path dir = cacheRoot().resolve(name);
        try {
            Files.createDirectories(dir);
            for (String f : FILES) {
                byte[] bytes;
                try (InputStream in = BundledModels.class.getClassLoader().getResourceAsStream("models/" + name + "/" + f)) {
                    if (in == null) {
                        throw new ModelException("the bundled model '" + name + "' lacks " + f + " inside the engine jar");
                    }
                    bytes = in.readAllBytes();
                }
                Path target = dir.resolve(f);
                if (Files.exists(target) && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                    continue;
                }
                Path tmp = Files.createTempFile(dir, f, ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return dir;
        } catch (IOException e) {
            throw new ModelException("cannot copy the bundled model '" + name + "' to " + dir + ": " + e.getMessage(), e);
        }
    }

    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sam2long").resolve("models");
    }
}
