package org.sam2long.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.track.TrackingSession;

/**
 * The engine core is the part the plug-in and the farm hold: model, track, tree, matte, prompt, shot
 * and the frame interfaces, on ONNX Runtime alone. Its compiled classes must not refer to FFmpeg/OpenCV
 * (org.bytedeco), to the media, eval or bench packages, to the benchmark programs or to the generated
 * clips, which live in engine-media, engine-bench and engine-fixtures. The class files are read as
 * bytes, so fully qualified uses, string constants and nested classes are caught as well as imports.
 * Each domain package has an internal twin, org.sam2long.engine.internal.&lt;domain&gt; (see
 * {@link EngineApiTest} for the API/internal split itself).
 */
class ArchitectureTest {
    /** The API packages of engine-core; anything else belongs in another module. */
    private static final Set<String> CORE_PACKAGES = Set.of("frame", "matte", "model", "prompt", "shot", "track", "tree");

    /** The internal packages of engine-core, org.sam2long.engine.internal.&lt;name&gt;. */
    private static final Set<String> INTERNAL_PACKAGES = Set.of("matte", "model", "prompt", "track", "tree");

    /** Names (in class-file and in source form) that no core class may mention. */
    private static final List<String> FORBIDDEN = List.of(
            "org/bytedeco", "org.bytedeco",
            "org/sam2long/engine/media/", "org.sam2long.engine.media.",
            "org/sam2long/engine/eval/", "org.sam2long.engine.eval.",
            "org/sam2long/engine/bench/", "org.sam2long.engine.bench.",
            "org/sam2long/engine/model/GraphBenchmark", "org.sam2long.engine.model.GraphBenchmark",
            "org/sam2long/engine/frame/SyntheticClip", "org/sam2long/engine/frame/DistractorClip",
            "org/sam2long/engine/frame/GeneratedClip");

    private static Path coreClasses() throws URISyntaxException {
        return Path.of(TrackingSession.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    @Test
    void coreClassesReferNeitherToNativesNorToMediaEvalBenchOrFixtures() throws Exception {
        Path root = coreClasses();
        List<Path> classes = classFiles(root);
        assertTrue(classes.size() >= 80, "found only " + classes.size() + " classes under " + root);
        List<String> offenders = new ArrayList<>();
        for (Path c : classes) {
            String bytes = read(c);
            for (String bad : FORBIDDEN) {
                if (bytes.contains(bad)) {
                    offenders.add(root.relativize(c) + " mentions " + bad);
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void coreHoldsOnlyItsOwnPackages() throws Exception {
        Path root = coreClasses();
        Path engine = root.resolve("org/sam2long/engine");
        Set<String> found = new TreeSet<>();
        Set<String> foundInternal = new TreeSet<>();
        for (Path c : classFiles(root)) {
            Path rel = engine.relativize(c);
            boolean api = c.startsWith(engine) && rel.getNameCount() == 2;
            boolean internal = c.startsWith(engine.resolve("internal")) && rel.getNameCount() == 3;
            assertTrue(api || internal, root.relativize(c) + " is outside org.sam2long.engine's core packages "
                    + CORE_PACKAGES + " and internal packages internal." + INTERNAL_PACKAGES);
            if (api) {
                found.add(rel.getName(0).toString());
            } else {
                foundInternal.add(rel.getName(1).toString());
            }
        }
        assertEquals(new TreeSet<>(CORE_PACKAGES), found);
        assertEquals(new TreeSet<>(INTERNAL_PACKAGES), foundInternal);
    }

    /** The dependency tree, not only the code: nothing of JavaCV/JavaCPP/FFmpeg/OpenCV/OpenBLAS on the class path. */
    @Test
    void noNativeMediaLibraryIsOnTheClassPath() {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString())
                .filter(n -> n.matches("(javacv|javacpp|ffmpeg|opencv|openblas)-.*")).toList();
        assertEquals(List.of(), jars);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.bytedeco.javacpp.Loader"));
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
