package org.sam2long.ofx.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim's own jvm.cfg parser (built by {@code compile} into target/native), called through its
 * exported test entry {@code s2l_parse_jvm_cfg}: inline comments, blank lines and values, long lines.
 */
class JvmCfgTest {
    private static final Path SHIM = Path.of("target/native/SAM2LongRoto.ofx");

    @TempDir
    Path dir;

    private List<String> parse(String cfg) throws IOException {
        Path file = dir.resolve("jvm.cfg");
        Files.writeString(file, cfg);
        Function f = NativeLibrary.getInstance(SHIM.toAbsolutePath().toString()).getFunction("s2l_parse_jvm_cfg");
        byte[] out = new byte[64 * 1024];
        int ok = f.invokeInt(new Object[] {file.toString(), dir.toString(), out, (long) out.length});
        assertEquals(1, ok, "s2l_parse_jvm_cfg failed");
        int end = 0;
        while (out[end] != 0) {
            end++;
        }
        return Arrays.asList(new String(out, 0, end, StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void inlineCommentsBlankLinesAndBlankOptionsAreSkipped() throws IOException {
        String javaHome = System.getProperty("java.home");
        List<String> r = parse("""
                # Which Java runtime
                runtime=jre                                   # a private runtime inside the bundle (absent here)
                runtime=%s    # the build machine's JDK

                \t
                option=-Xmx2g                                 # extra JVM options, one per line
                option=
                option=   # nothing but a comment
                option=-Dfile.encoding=UTF-8
                """.formatted(javaHome));
        assertEquals("home=" + javaHome, r.get(0));
        assertEquals(List.of("option=-Xmx2g", "option=-Dfile.encoding=UTF-8"), r.subList(1, r.size() - 1));
        assertEquals("warnings=", r.get(r.size() - 1));
    }

    @Test
    void aRelativeRuntimeIsFoundInResources() throws IOException {
        Path jvm = dir.resolve("jre/lib/server/libjvm.so");
        Files.createDirectories(jvm.getParent());
        Files.createFile(jvm);
        List<String> r = parse("runtime=jre # bundled\nruntime=/usr/lib/jvm/elsewhere\n");
        assertEquals("home=" + dir.resolve("jre"), r.get(0));
    }

    @Test
    void aLongLineIsSkippedWholeNotSplitAndTheNextLineStillCounts() throws IOException {
        String huge = "option=-Dhuge=" + "x".repeat(10_000);
        List<String> r = parse("option=-Da=1\n" + huge + "\noption=-Db=2\nmystery=3\n");
        assertEquals("home=", r.get(0));
        assertEquals(List.of("option=-Da=1", "option=-Db=2"), r.subList(1, 3));
        String warnings = r.get(3);
        assertTrue(warnings.contains("line 2 is longer than"), warnings);
        assertTrue(warnings.contains("line 4: unknown setting \"mystery=3\""), warnings);
    }

    @Test
    void windowsLineEndsAndTabsAreTrimmed() throws IOException {
        List<String> r = parse("option=\t-Xss4m \t\r\noption=-Xrs#comment\r\n");
        assertEquals(List.of("option=-Xss4m", "option=-Xrs"), r.subList(1, 3));
    }
}
