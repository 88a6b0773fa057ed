package org.sam2long.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.engine.model.Sam2Model;

/**
 * Everything outside the engine uses only the engine's API (docs/architecture.md, "Engine API"):
 * the compiled main and test classes of engine-media, engine-fixtures, presets, render-node, the
 * plug-in and the installer never mention org.sam2long.engine.internal. The installer is the last
 * module of the reactor, so this one test sees every other module's target folder. Class files are
 * read as bytes, so imports, fully qualified uses and string constants are all caught.
 */
class EngineApiUseTest {
    /** Modules that must be built before the installer (its dependencies); their classes must be there. */
    private static final List<String> REQUIRED = List.of("engine/media", "presets", "render-node", "plugin-ofx-bridge", "installer");
    /** Modules checked when they have been built. */
    private static final List<String> OPTIONAL = List.of("engine/fixtures");

    /** Built at run time, so that this test's own class file does not contain it. */
    private static final String SLASHES = String.join("/", "org", "sam2long", "engine", "internal") + "/";
    private static final String DOTS = SLASHES.replace('/', '.');

    private static Path projectRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw")) && Files.isDirectory(d.resolve("engine/core"))) {
                return d;
            }
        }
        throw new IllegalStateException("no project root (a folder with mvnw and engine/core) above " + Path.of("").toAbsolutePath());
    }

    /** Class files under {@code root} that mention an engine-internal package, relative to {@code root}. */
    static List<String> offenders(Path root, int[] count) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path c : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                count[0]++;
                String bytes = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
                if (bytes.contains(SLASHES) || bytes.contains(DOTS)) {
                    out.add(root.relativize(c).toString());
                }
            }
        }
        return out;
    }

    @Test
    void modulesOutsideTheEngineUseOnlyItsApi() throws IOException {
        Path root = projectRoot();
        List<String> bad = new ArrayList<>();
        int[] count = {0};
        for (String module : Stream.concat(REQUIRED.stream(), OPTIONAL.stream()).toList()) {
            Path main = root.resolve(module).resolve("target/classes");
            if (REQUIRED.contains(module)) {
                assertTrue(Files.isDirectory(main), main + " is missing: build the reactor first (./mvnw -B verify)");
            }
            for (Path dir : List.of(main, root.resolve(module).resolve("target/test-classes"))) {
                if (Files.isDirectory(dir)) {
                    offenders(dir, count).forEach(c -> bad.add(module + ": " + c));
                }
            }
        }
        assertTrue(count[0] > 300, "read only " + count[0] + " class files");
        assertEquals(List.of(), bad, "classes outside the engine that use " + DOTS + "* (use the engine's API, "
                + "or promote the type or add an API method: docs/architecture.md, \"Engine API\")");
    }

    /** The check's oracle: a class compiled here against the real engine-core, naming an internal type, is found. */
    @Test
    void aPlantedClassThatNamesAnInternalTypeIsFound(@TempDir Path dir) throws IOException, URISyntaxException {
        Path src = dir.resolve("src/planted/Uses.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package planted;\n"
                + "public class Uses {\n"
                + "    public static Object graphs(org.sam2long.engine.model.Sam2Model m) {\n"
                + "        return " + DOTS + "model.LoadedModel.of(m).imageEncoder();\n"
                + "    }\n"
                + "}\n");
        Files.writeString(dir.resolve("src/planted/Clean.java"),
                "package planted;\npublic class Clean { public static int frames(org.sam2long.engine.frame.FrameSource s) { return s.frameCount(); } }\n");
        Path out = Files.createDirectories(dir.resolve("classes"));
        String core = Path.of(Sam2Model.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", out.toString(), "-cp", core, src.toString(),
                dir.resolve("src/planted/Clean.java").toString());
        assertEquals(0, rc, "the planted classes did not compile");
        int[] count = {0};
        assertEquals(List.of(Path.of("planted", "Uses.class").toString()), offenders(out, count));
        assertEquals(2, count[0]);
    }
}
