package org.sam2long.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static boolean importsJna(Path p) {
        try {
            return Files.readString(p).contains("import com.sun.jna");
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
