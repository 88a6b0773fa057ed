package org.sam2long.engine.matte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The matte package is pure Java: the OpenFX bundle leaves out JavaCV/JavaCPP and the OpenCV
 * natives and runs {@link MatteCleanup} at render, so nothing here may reach {@code org.bytedeco}.
 */
class NoNativesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/sam2long/engine/matte");

    @Test
    void noMatteSourceImportsBytedeco() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), SOURCES.toAbsolutePath() + " not found (tests run from the engine module)");
        List<String> offenders = offenders(SOURCES, ".java", text -> text.lines().map(String::strip)
                .anyMatch(l -> l.startsWith("import org.bytedeco") || l.startsWith("import static org.bytedeco")));
        assertEquals(List.of(), offenders);
    }

    /** Also catches fully qualified uses: no compiled class of the package refers to an org.bytedeco class. */
    @Test
    void noMatteClassRefersToBytedeco() throws IOException, URISyntaxException {
        Path classes = Path.of(MatteCleanup.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/sam2long/engine/matte");
        List<String> offenders = offenders(classes, ".class", text -> text.contains("org/bytedeco"));
        assertEquals(List.of(), offenders);
    }

    private static List<String> offenders(Path dir, String suffix, java.util.function.Predicate<String> bad) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertTrue(found.size() >= 5, "found only " + found + " in " + dir);
            return found.stream().filter(p -> bad.test(read(p))).map(Path::toString).toList();
        }
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
