import java.nio.file.Files;
import java.nio.file.Path;
import org.sam2long.engine.bench.TrackingBenchmark;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.tree.TreeSettings;

/**
 * Peak resident set of one tracking run (issue 19): loads a model directory, tracks `objects`
 * objects on the synthetic clip for `frames` frames with P pathways (1: sam2Baseline, else the
 * paper's tree with P pathways), and prints the process's peak RSS (VmHWM) with the time per frame.
 * One configuration per JVM, so each peak is its own.
 *
 *   java -cp "$(cat cp.txt):engine/bench/target/classes" engine/tooling/peak_rss/PeakRss.java MODEL_DIR OBJECTS P FRAMES [THREADS]
 */
public final class PeakRss {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        int objects = Integer.parseInt(a[1]);
        int p = Integer.parseInt(a[2]);
        int frames = Integer.parseInt(a[3]);
        int threads = a.length > 4 ? Integer.parseInt(a[4]) : 2;
        TreeSettings tree = p == 1 ? TreeSettings.sam2Baseline() : TreeSettings.paper().withPathways(p);
        String attention = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(dir.resolve("manifest.json"))).path("attention").asText("full");
        long before = hwm();
        try (Sam2Model model = Sam2Model.load(dir, new RuntimeSettings(RuntimeSettings.Provider.CPU, threads, 1))) {
            long loaded = hwm();
            long cpu0 = cpuNanos();
            TrackingBenchmark.Run r = TrackingBenchmark.run(model, frames, objects, tree, "peak-rss");
            double cpuPerFrame = (cpuNanos() - cpu0) / 1e9 / frames;
            System.out.printf("model=%s attention=%s objects=%d P=%d frames=%d: peak RSS %.0f MB (after load %.0f MB, "
                            + "JVM start %.0f MB), %.2f s/frame, memory-attention items/frame %.1f%n",
                    dir.getFileName(), attention, objects, p, r.frames(), hwm() / 1e6, loaded / 1e6, before / 1e6,
                    1.0 / r.fps(), r.attentionItemsPerFrame());
            System.out.printf("  process CPU %.2f s/frame; Java heap peak used %.0f MB, peak committed %.0f MB%n",
                    cpuPerFrame, heapPeak(false) / 1e6, heapPeak(true) / 1e6);
        }
    }

    /** CPU time of this process (all threads), in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Sum over the Java heap's memory pools of their peak used (or committed) bytes. */
    static long heapPeak(boolean committed) {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP) {
                sum += committed ? p.getPeakUsage().getCommitted() : p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM (peak resident set) of this process in bytes. */
    static long hwm() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
