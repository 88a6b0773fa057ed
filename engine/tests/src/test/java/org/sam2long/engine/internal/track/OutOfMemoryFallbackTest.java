package org.sam2long.engine.internal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The out-of-memory fallback (issue 19), triggered for real: a child JVM ({@link OutOfMemoryChild})
 * lowers its own address-space limit so that ONNX Runtime's arena cannot grow for a 32-item
 * memory-attention call ("Failed to allocate memory for requested buffer"), and ModelRunner must
 * split the batch and retry. Oracle: the mattes of that run equal, bit for bit, those of the same
 * tracking without the limit (unsplit) and with one item per call. Linux with prlimit only.
 */
class OutOfMemoryFallbackTest {

    @Test
    void anAllocationFailureSplitsTheBatchAndGivesIdenticalMattes() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux (/proc/self/status)");
        assumeTrue(onPath("prlimit"), "needs prlimit (util-linux) to lower the child's address-space limit");
        String out = runChild();
        if (out.contains(THREAD_START_FAILED)) {
            // the lowered limit can also stop the JVM or ONNX Runtime from starting a thread; that is the
            // environment, not the fallback: try once more, then give up without a verdict
            out = runChild();
            assumeFalse(out.contains(THREAD_START_FAILED), "the child could not start a thread under the lowered limit twice:\n" + tail(out));
        }
        assertTrue(out.startsWith("exit 0\n"), "child failed:\n" + tail(out));
        Matcher m = Pattern.compile("RESULT retries=(\\d+) splits=(\\d+) mattes=(\\d+) a=c:(\\S+) b=c:(\\S+)").matcher(out);
        assertTrue(m.find(), "no result line:\n" + tail(out));
        assertTrue(Long.parseLong(m.group(1)) > 0, "the limit caused no allocation failure to fall back from:\n" + tail(out));
        assertTrue(out.contains("Failed to allocate memory"), "the failure was not ONNX Runtime's allocation failure");
        assertEquals(OutOfMemoryChild.OBJECTS * OutOfMemoryChild.FRAMES, Integer.parseInt(m.group(3)));
        assertEquals("true", m.group(4), "one item per call vs unsplit");
        assertEquals("true", m.group(5), "after the out-of-memory fallback vs unsplit");
    }

    private static final String THREAD_START_FAILED = "Resource temporarily unavailable";

    /** Runs the child with every JVM thread started up front (so the lowered limit meets only allocations); "exit N" first. */
    private static String runChild() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path args = Files.createTempFile("oom-child", ".args");
        try {
            Files.writeString(args, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"");
            Process p = new ProcessBuilder(java, "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:-UseDynamicNumberOfGCThreads",
                    "@" + args, OutOfMemoryChild.class.getName(), "40").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child did not finish");
            return "exit " + p.exitValue() + "\n" + out;
        } finally {
            Files.deleteIfExists(args);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
