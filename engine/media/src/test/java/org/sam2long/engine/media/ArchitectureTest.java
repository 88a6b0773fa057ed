package org.sam2long.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * engine-media sits between the core and the tools: its compiled classes use the core and FFmpeg/OpenCV,
 * never evaluation, benchmarks or the generated clips (engine-bench, engine-fixtures), and it holds
 * only the media package.
 */
class ArchitectureTest {
    private static final List<String> FORBIDDEN = List.of(
            "org/sam2long/engine/eval/", "org.sam2long.engine.eval.",
            "org/sam2long/engine/bench/", "org.sam2long.engine.bench.",
            "org/sam2long/engine/model/GraphBenchmark", "org.sam2long.engine.model.GraphBenchmark",
            "org/sam2long/engine/frame/SyntheticClip", "org/sam2long/engine/frame/DistractorClip",
            "org/sam2long/engine/frame/GeneratedClip");

    @Test
    void mediaClassesReferNeitherToEvalNorBenchNorFixtures() throws Exception {
        Path root = Path.of(MatteWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path media = root.resolve("org/sam2long/engine/media");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        assertTrue(classes.size() >= 30, "found only " + classes.size() + " classes under " + root);
        List<String> offenders = new ArrayList<>();
        for (Path c : classes) {
            if (!c.startsWith(media)) {
                offenders.add(root.relativize(c) + " is outside org.sam2long.engine.media");
            }
            String bytes = read(c);
            FORBIDDEN.stream().filter(bytes::contains).forEach(bad -> offenders.add(root.relativize(c) + " mentions " + bad));
        }
        assertEquals(List.of(), offenders);
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
