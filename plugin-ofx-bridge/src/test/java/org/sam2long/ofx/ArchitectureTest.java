package org.sam2long.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/sam2long/ofx");

    @Test
    void onlyTheBindingsPackageTalksJna() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(MAIN.resolve("bindings")))
                    .filter(ArchitectureTest::importsJna)
                    .map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }

    /** Guice wires objects at the entry point; every other class has plain constructors. */
    @Test
    void onlyTheEntryPointKnowsGuice() throws IOException {
        Path effect = MAIN.resolve("effect");
        List<Path> wiring = List.of(effect.resolve("OfxEntry.java"), effect.resolve("PluginModule.java"),
                effect.resolve("HostModule.java"));
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !wiring.contains(p))
                    .filter(p -> mentions(p, "com.google.inject") || mentions(p, "jakarta.inject") || mentions(p, "@Inject"))
                    .map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
        for (Path p : wiring) {
            assertTrue(mentions(p, "import com.google.inject"), p + " no longer uses Guice");
        }
    }

    private static boolean importsJna(Path p) {
        return mentions(p, "import com.sun.jna");
    }

    private static boolean mentions(Path p, String text) {
        try {
            return Files.readString(p).contains(text);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
