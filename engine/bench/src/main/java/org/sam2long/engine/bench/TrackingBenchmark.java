package org.sam2long.engine.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.Progress;
import org.sam2long.engine.track.StageTimes;
import org.sam2long.engine.track.TrackingReport;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * Measures end-to-end tracking on the synthetic clip (frames generated on the fly): fps and
 * per-stage milliseconds per frame, for a number of objects and a tree setting; heap after tracking
 * clips of growing length. A benchmark program, not a test: it prints figures.
 */
public final class TrackingBenchmark {
    private TrackingBenchmark() {}

    /**
     * One measured run. {@code javaShare}: the part of the frame time spent neither inside ONNX
     * Runtime's run calls nor decoding frames; {@code rssBytes}: the process's resident set after
     * the run (0 where /proc is missing); {@code intraOpThreads}: ONNX Runtime threads (0 = all cores);
     * {@code peakRssBytes}: the process's peak resident set during the run (VmHWM, reset at the start
     * of the run through /proc/self/clear_refs; 0 where /proc is missing); {@code startRssBytes}: the
     * resident set when the run started.
     */
    public record Run(String label, int objects, int pathways, boolean dedupe, int frames, double fps,
                      Map<String, Double> msPerFrame, double attentionItemsPerFrame, long heapBytes, int maxLag,
                      double javaShare, long rssBytes, int intraOpThreads, long peakRssBytes, long startRssBytes) {
        public Run withThreads(String newLabel, int threads) {
            return new Run(newLabel, objects, pathways, dedupe, frames, fps, msPerFrame, attentionItemsPerFrame,
                    heapBytes, maxLag, javaShare, rssBytes, threads, peakRssBytes, startRssBytes);
        }
    }

    /** Tracks {@code objects} objects (clicks on the disc, the square and background spots) forward. */
    public static Run run(Sam2Model model, int frames, int objects, TreeSettings tree, String label) {
        SyntheticClip clip = new SyntheticClip(frames);
        try (TrackingSession s = new TrackingSession(model, clip, TrackingSettings.defaults().withDirection(Direction.FORWARD), tree)) {
            for (int o = 0; o < objects; o++) {
                s.addPrompt(prompt(clip, o));
            }
            long[] peak = {0};
            Runtime rt = Runtime.getRuntime();
            long start = resetPeakRss();
            TrackingReport r = s.track(m -> { }, (done, total, fps) -> {
                if (done % 200 == 0) {
                    System.gc();
                    peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                }
            }, CancelToken.none());
            System.gc();
            long heap = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
            Map<String, Double> per = perFrame(s, r);
            double frameMs = r.seconds() * 1000 / Math.max(1, r.frameSteps());
            double outside = frameMs - per.getOrDefault(StageTimes.INSIDE_ONNX_RUNTIME, 0.0) - per.getOrDefault("decode", 0.0);
            return summary(label, objects, tree, s, r, heap, frameMs > 0 ? Math.max(0, outside) / frameMs : 0, start);
        }
    }

    /** Milliseconds per frame step of each stage. */
    private static Map<String, Double> perFrame(TrackingSession s, TrackingReport r) {
        Map<String, Double> per = new LinkedHashMap<>();
        s.stageTimes().millis().forEach((k, v) -> per.put(k, v / r.frameSteps()));
        return per;
    }

    private static Run summary(String label, int objects, TreeSettings tree, TrackingSession s, TrackingReport r,
                               long heap, double javaShare, long startRss) {
        double items = s.stageTimes().items().getOrDefault("memory_attention", 0L) / (double) r.frameSteps();
        return new Run(label, objects, tree.pathways(), tree.deduplicate(), r.frameSteps(), r.framesPerSecond(),
                perFrame(s, r), items, heap, r.maxFinalisationLag(), javaShare, rss(), -1, status("VmHWM"), startRss);
    }

    /**
     * One object on the distractor clip (a look-alike appears while the object is hidden): the
     * model is uncertain on some frames, so the pathways really diverge there.
     */
    public static Run uncertain(Sam2Model model, int frames, TreeSettings tree, String label) {
        org.sam2long.engine.frame.DistractorClip clip = new org.sam2long.engine.frame.DistractorClip(frames);
        try (TrackingSession s = new TrackingSession(model, clip, TrackingSettings.defaults().withDirection(Direction.FORWARD), tree)) {
            double[] c = clip.discCentre(0);
            s.addPrompt(Prompt.clicks(org.sam2long.engine.frame.DistractorClip.DISC, 0, Prompt.Click.positive(c[0], c[1])));
            long start = resetPeakRss();
            TrackingReport r = s.track(m -> { }, Progress.none(), CancelToken.none());
            return summary(label, 1, tree, s, r, 0, 0, start);
        }
    }

    /** VmRSS of this process from /proc/self/status, in bytes; 0 where that file does not exist. */
    public static long rss() {
        return status("VmRSS");
    }

    /**
     * Resets the process's peak resident set (VmHWM) to the current one by writing 5 to
     * /proc/self/clear_refs (Linux 4.0 and later), so the next VmHWM is the peak of what follows;
     * returns the resident set now. Where that fails the peak stays the process's peak so far.
     */
    public static long resetPeakRss() {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/self/clear_refs"), "5");
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or not allowed: VmHWM keeps the peak since the process started
        }
        return rss();
    }

    /**
     * The memory runs: peak RSS for each (objects, P) of {@code configs}, each on a model freshly
     * loaded by {@code loader} (closed after), so no ONNX Runtime arena carries over from a larger
     * run. P=1 is SAM 2's baseline; P>1 the paper's tree with P pathways, with pathway deduplication
     * as {@code dedupe} says (off: every pathway distinct, the worst case). A 3-frame warm-up on its
     * own model comes first.
     */
    public static List<Run> memory(java.util.function.Supplier<Sam2Model> loader, int frames, List<int[]> configs,
                                   boolean dedupe) {
        List<Run> runs = new ArrayList<>();
        try (Sam2Model m = loader.get()) {
            run(m, 3, 1, TreeSettings.paper(), "warm-up"); // class loading and JIT, so the first run's peak is its own
        }
        for (int[] c : configs) {
            TreeSettings tree = c[1] == 1 ? TreeSettings.sam2Baseline()
                    : TreeSettings.paper().toBuilder().pathways(c[1]).deduplicate(dedupe).build();
            try (Sam2Model m = loader.get()) {
                runs.add(run(m, frames, c[0], tree, "memory"));
            }
        }
        return runs;
    }

    /** The memory runs as a table: objects, P, memory-attention items per frame, peak RSS, its growth over the start. */
    public static void printMemory(List<Run> runs) {
        System.out.printf("%7s %2s %6s %6s %11s %12s %12s %10s%n", "objects", "P", "dedupe", "frames", "items/frame",
                "peak RSS MB", "start RSS MB", "s/frame");
        for (Run r : runs) {
            if (r.label().equals("memory")) {
                System.out.printf("%7d %2d %6s %6d %11.2f %12.0f %12.0f %10.3f%n", r.objects(), r.pathways(),
                        r.dedupe() ? "on" : "off", r.frames(), r.attentionItemsPerFrame(), r.peakRssBytes() / 1048576.0,
                        r.startRssBytes() / 1048576.0, 1 / Math.max(1e-9, r.fps()));
            }
        }
    }

    /** A numeric field of /proc/self/status ("VmRSS", "VmHWM") in bytes; 0 where that file does not exist. */
    static long status(String key) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static Prompt prompt(SyntheticClip clip, int o) {
        if (o % 2 == 0) {
            double[] c = clip.discCentre(0);
            return Prompt.clicks(100 + o, 0, Prompt.Click.positive(c[0] + (o / 2) * 3, c[1]));
        }
        double[] c = clip.squareCentre(0);
        return Prompt.clicks(100 + o, 0, Prompt.Click.positive(c[0] + (o / 2) * 3, c[1]));
    }

    /** The standard table: objects 1/2/4/8, P 1..4 with dedupe on and off, heap vs length. */
    public static List<Run> standard(Sam2Model model, int frames, int[] lengths) {
        List<Run> runs = new ArrayList<>();
        run(model, 30, 1, TreeSettings.sam2Baseline(), "warm-up");
        for (int objects : new int[] {1, 2, 4, 8}) {
            runs.add(run(model, frames, objects, TreeSettings.paper(), "objects"));
        }
        for (int p = 1; p <= 4; p++) {
            for (boolean dedupe : new boolean[] {true, false}) {
                TreeSettings t = TreeSettings.builder().pathways(p).deduplicate(dedupe).build();
                runs.add(run(model, frames, 1, t, "pathways"));
            }
        }
        for (int len : lengths) {
            runs.add(run(model, len, 1, TreeSettings.paper(), "length"));
        }
        for (int p : new int[] {1, 3, 1, 3}) {
            runs.add(uncertain(model, frames, TreeSettings.paper().withPathways(p), "uncertain"));
        }
        return runs;
    }

    public static void print(List<Run> runs) {
        System.out.printf("%-9s %7s %2s %6s %7s %7s %8s %11s %8s %8s %5s %6s%n", "run", "objects", "P", "dedupe", "threads",
                "frames", "fps", "items/frame", "heap MB", "RSS MB", "lag", "java %");
        for (Run r : runs) {
            System.out.printf("%-9s %7d %2d %6s %7s %7d %8.1f %11.2f %8.1f %8.1f %5d %6.1f%n", r.label(), r.objects(), r.pathways(),
                    r.dedupe() ? "on" : "off", r.intraOpThreads() < 0 ? "-" : r.intraOpThreads() == 0 ? "all" : "" + r.intraOpThreads(),
                    r.frames(), r.fps(), r.attentionItemsPerFrame(), r.heapBytes() / 1048576.0, r.rssBytes() / 1048576.0,
                    r.maxLag(), 100 * r.javaShare());
        }
    }

    /** Milliseconds per frame by stage of one run, with each stage's share of the frame time. */
    public static void printStages(Run r) {
        double frameMs = 1000 / Math.max(1e-9, r.fps());
        System.out.printf("ms per frame by stage (%d object(s), P=%d, %d frames; frame time %.2f ms):%n", r.objects(),
                r.pathways(), r.frames(), frameMs);
        r.msPerFrame().forEach((k, v) -> System.out.printf("  %-22s %8.3f  %5.1f %%%n", k, v, 100 * v / frameMs));
        System.out.printf("  %-22s %8s  %5.1f %%%n", "java side", "", 100 * r.javaShare());
    }

    /** Usage: TrackingBenchmark [frames] [lengths comma-separated]. */
    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 240;
        String lens = args.length > 1 ? args[1] : "1000,5000,10000";
        int[] lengths = java.util.Arrays.stream(lens.split(",")).mapToInt(Integer::parseInt).toArray();
        try (Sam2Model model = Sam2Model.loadBundled("sam2long-demo", org.sam2long.engine.model.RuntimeSettings.defaults())) {
            print(standard(model, frames, lengths));
        }
    }
}
