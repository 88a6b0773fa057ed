package org.sam2long.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/sam2long/ofx");
    private static final Path SHIM = Path.of("src/main/c/sam2long_ofx.c");

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

    /** A host scan (Load, Describe) must never start Java: those two actions are the shim's, not the action table's. */
    @Test
    void loadAndDescribeAreAnsweredByTheShimNotByJava() throws IOException {
        String plugin = Files.readString(MAIN.resolve("effect/RotoPlugin.java"));
        assertTrue(!Pattern.compile("\\btable\\.put\\(Action\\.(DESCRIBE|LOAD),").matcher(plugin).find(),
                "RotoPlugin's main table handles Load or Describe; the shim answers them");
        String shim = Files.readString(SHIM);
        assertTrue(shim.contains("if (!strcmp(action, kOfxActionDescribe)) return describe(handle);"), "the shim no longer describes");
        assertTrue(!shim.matches("(?s).*static void set_host\\([^)]*\\) \\{[^}]*current_env.*"), "setHost starts Java again");
    }

    /** Clip and parameter properties are optional in some hosts: describe-in-context sets them leniently. */
    @Test
    void describeInContextSetsItsPropertiesLeniently() throws IOException {
        String declarer = Files.readString(MAIN.resolve("effect/ParamDeclarer.java"));
        assertTrue(declarer.contains(".lenient(refused)"), "ParamDeclarer sets parameter properties strictly");
        String factory = Files.readString(MAIN.resolve("effect/RotoFactory.java"));
        assertTrue(factory.contains("source.lenient(refused)") && factory.contains("output.lenient(refused)"),
                "RotoFactory sets optional clip properties strictly");
    }

    /** The shim exports the OFX entry points and s2l_* helpers only; everything else is static. */
    @Test
    void theShimExportsOnlyOfxEntryPointsAndHelpers() throws IOException {
        Pattern definition = Pattern.compile("^(?!static)(?:const )?[A-Za-z_][\\w ]*?[ *]+(\\w+)\\([^;]*\\)\\s*\\{", Pattern.MULTILINE);
        Matcher m = definition.matcher(Files.readString(SHIM));
        List<String> offenders = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).startsWith("Ofx") && !m.group(1).startsWith("s2l_")) {
                offenders.add(m.group(1));
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** Every allocation in the shim is checked before use; every pthread call that can fail has its result used. */
    @Test
    void theShimChecksEveryAllocationAndPthreadCall() throws IOException {
        List<String> lines = Files.readAllLines(SHIM);
        Pattern alloc = Pattern.compile("(\\w+(?:\\[\\w+\\])?)\\s*=\\s*(?:malloc|calloc|strdup|realloc)\\(");
        Pattern bareCall = Pattern.compile("^\\s*pthread_(create|join|key_create|setspecific|attr_init|attr_setstacksize)\\(");
        List<String> offenders = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher a = alloc.matcher(lines.get(i));
            while (a.find()) {
                String v = Pattern.quote(a.group(1));
                String window = String.join("\n", lines.subList(i, Math.min(lines.size(), i + 3)));
                if (!Pattern.compile("!\\(?" + v + "(?!\\w)|" + v + "\\s*==\\s*NULL").matcher(window).find()) {
                    offenders.add((i + 1) + ": " + lines.get(i).trim());
                }
            }
            if (bareCall.matcher(lines.get(i)).find()) {
                offenders.add((i + 1) + ": result ignored: " + lines.get(i).trim());
            }
        }
        assertEquals(List.of(), offenders);
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(!pom.contains("-Wno-"), "the C build silences a warning again");
    }

    /** EngineTracker (tracks) and ClickPreview (click previews) are the only doors to the engine's tracking session. */
    @Test
    void onlyTheTrackPackageOpensTrackingSessions() throws IOException {
        assertEquals(List.of(), javaFilesOutside("track").filter(p -> mentions(p, "TrackingSession")).map(Path::toString).toList());
    }

    /** The saved prompts are read and written in one place, through the engine's shot document reader and writer. */
    @Test
    void onlyThePromptPackageReadsOrWritesTheSavedPrompts() throws IOException {
        assertEquals(List.of(), javaFilesOutside("prompt")
                .filter(p -> mentions(p, "ShotDocumentReader") || mentions(p, "ShotDocumentWriter") || mentions(p, "ObjectMapper"))
                .filter(p -> !p.startsWith(MAIN.resolve("presets")))
                .map(Path::toString).toList());
        String saved = Files.readString(MAIN.resolve("prompt/SavedShot.java"));
        assertTrue(saved.contains("ShotDocumentReader.parse(") && saved.contains("ShotDocumentWriter.toTree("),
                "SavedShot no longer goes through the engine's reader and writer");
        try (Stream<Path> files = Files.walk(MAIN)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().matches("Prompt(Document|Json)\\.java"))
                    .map(Path::toString).toList(), "the plug-in's own prompt format is back");
        }
    }

    /** Only the cache deletes files: no other code can trim another instance's mattes. */
    @Test
    void onlyTheCacheDeletesFiles() throws IOException {
        assertEquals(List.of(), javaFilesOutside("cache")
                .filter(p -> mentions(p, "Files.delete") || mentions(p, "deleteIfExists") || mentions(p, ".delete()"))
                .map(Path::toString).toList());
        String cache = Files.readString(MAIN.resolve("cache/MatteCache.java"));
        assertTrue(cache.contains("InstanceLease.deleteIfUnclaimed(p, () -> deleteTree(p))"),
                "the trim deletes instance folders without checking that no live instance claims them");
    }

    /**
     * The click preview's worker thread never calls the host itself: the host frame is read on the host's
     * thread, and the worker's only host call is the redraw request it is handed.
     */
    @Test
    void theClickPreviewWorkerHoldsNoHostSuites() throws IOException {
        for (Path p : List.of(MAIN.resolve("effect/PreviewOutlines.java"), MAIN.resolve("track/ClickPreview.java"))) {
            assertTrue(!mentions(p, "org.sam2long.ofx.bindings") && !mentions(p, "Suites") && !mentions(p, "ClipFrameSource"),
                    p + " reaches the host");
        }
    }

    private static Stream<Path> javaFilesOutside(String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> !p.startsWith(MAIN.resolve(pkg))).toList().stream();
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
