package org.sam2long.rendernode.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.sam2long.engine.bench.TrackingBenchmark;
import org.sam2long.engine.model.GraphBenchmark;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.rendernode.shot.ModelResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sam2long bench}: measures and prints (never asserts) per-graph ms/call, tracking fps vs
 * objects and pathways (dedupe on/off), and heap vs clip length; writes JSON and PNG charts.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark a model: ms per graph call, fps vs objects and pathways, heap vs clip length.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, defaultValue = "sam2long-demo", description = "Model name or directory (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--frames", defaultValue = "240", description = "Frames per fps run (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--lengths", defaultValue = "1000,5000,10000", split = ",", description = "Clip lengths for the heap runs.")
    List<Integer> lengths;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads (0 = all).")
    int threads;

    @Option(names = "--threads-sweep", defaultValue = "1,2,0", split = ",",
            description = "ONNX Runtime intra-op thread counts for the thread runs (0 = all cores; default: ${DEFAULT-VALUE}).")
    List<Integer> threadSweep;

    @Option(names = "--stages-only", description = "Only one run (one object, P=3) and its ms per stage: for slow models.")
    boolean stagesOnly;

    @Option(names = "--quick", description = "Short runs: 60 frames, one 1000-frame length run, threads 1 and all.")
    boolean quick;

    @Option(names = "--memory-runs", defaultValue = "1x1,2x1,4x1,8x1,1x3,2x3,4x3,8x3", split = ",",
            description = "OBJECTSxP runs for the peak-RSS table, each on a freshly loaded model (default: ${DEFAULT-VALUE}).")
    List<String> memoryRuns;

    @Option(names = "--memory-only", description = "Only the peak-RSS runs (--memory-runs, --frames each): for slow models.")
    boolean memoryOnly;

    @Option(names = "--memory-distinct", description = "Peak-RSS runs with pathway deduplication off: every pathway distinct (the worst case).")
    boolean memoryDistinct;

    @Option(names = "--charts-from", description = "Only redraw the charts from a bench.json written earlier.")
    Path chartsFrom;

    @Option(names = "--provider", defaultValue = "auto", description = "auto, cpu or cuda.")
    String provider;

    @Option(names = {"-o", "--out"}, defaultValue = "out/bench", description = "Where the JSON and charts go.")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Every option checked before a model loads: bad values are usage errors (exit 2). */
    private RuntimeSettings.Provider checkOptions() {
        List<String> problems = new ArrayList<>();
        RuntimeSettings.Provider p = null;
        for (RuntimeSettings.Provider each : RuntimeSettings.Provider.values()) {
            if (each.name().equalsIgnoreCase(provider.strip())) {
                p = each;
            }
        }
        if (p == null) {
            problems.add("--provider '" + provider + "' is not known; use auto, cpu or cuda");
        }
        if (frames < 1) {
            problems.add("--frames must be 1 or more, got " + frames);
        }
        if (threads < 0) {
            problems.add("--threads must be 0 (all cores) or more, got " + threads);
        }
        if (lengths == null || lengths.stream().anyMatch(l -> l == null || l < 1)) {
            problems.add("--lengths must be clip lengths of 1 frame or more, got " + lengths);
        }
        if (threadSweep == null || threadSweep.stream().anyMatch(t -> t == null || t < 0)) {
            problems.add("--threads-sweep must be thread counts of 0 (all cores) or more, got " + threadSweep);
        }
        if (memoryRuns == null || memoryRuns.stream().anyMatch(r -> r == null || !r.strip().matches("[1-9][0-9]*x[1-9][0-9]*"))) {
            problems.add("--memory-runs must be OBJECTSxP pairs of whole numbers of 1 or more, e.g. 1x1,8x3; got " + memoryRuns);
        }
        if (chartsFrom != null && !Files.isRegularFile(chartsFrom)) {
            problems.add("--charts-from " + chartsFrom + " is not a file");
        }
        if (out == null || out.toString().isBlank()) {
            problems.add("--out is empty; give the folder for the JSON and charts");
        }
        if (!problems.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        ModelResolver.check(model);
        return p;
    }

    @Override
    public Integer call() throws Exception {
        RuntimeSettings rt = new RuntimeSettings(checkOptions(), threads, 0);
        Files.createDirectories(out);
        if (chartsFrom != null) {
            ObjectMapper mapper = new ObjectMapper();
            TrackingBenchmark.Run[] runs;
            try {
                com.fasterxml.jackson.databind.JsonNode saved = mapper.readTree(chartsFrom.toFile()).get("runs");
                if (saved == null || !saved.isArray()) {
                    throw new org.sam2long.rendernode.input.BadInputException(chartsFrom + " holds no \"runs\" list; is it a bench.json?");
                }
                runs = mapper.treeToValue(saved, TrackingBenchmark.Run[].class);
            } catch (java.io.IOException e) {
                throw new org.sam2long.rendernode.input.BadInputException(chartsFrom + " is not a bench.json written by sam2long bench");
            }
            charts(List.of(runs));
            System.out.println("wrote the charts of " + chartsFrom + " to " + out);
            return ExitCodes.OK;
        }
        if (memoryOnly) {
            // no model held open besides each run's own, so each peak is that run's
            List<TrackingBenchmark.Run> runs = memory(rt, frames);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model);
            json.put("cores", Runtime.getRuntime().availableProcessors());
            json.put("java", System.getProperty("java.version"));
            json.put("runs", runs);
            write(json);
            charts(runs);
            System.out.println("wrote " + out.resolve("bench.json") + " and the peak-RSS chart");
            return ExitCodes.OK;
        }
        try (Sam2Model m = ModelResolver.open(model, rt)) {
            System.out.printf("model %s on %s, %d cores, intra-op threads %s%n", m.manifest().name(), m.provider(),
                    Runtime.getRuntime().availableProcessors(), threads == 0 ? "all" : threads);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", m.manifest().name());
            json.put("provider", m.provider());
            json.put("cores", Runtime.getRuntime().availableProcessors());
            json.put("java", System.getProperty("java.version"));
            Map<String, Object> graphs = new LinkedHashMap<>();
            for (int b : stagesOnly ? new int[] {1} : new int[] {1, 4}) {
                Map<String, Double> ms = GraphBenchmark.run(m, b, stagesOnly ? 2 : 20);
                graphs.put("batch" + b, ms);
                System.out.println("graph ms/call, batch " + b + ": " + ms);
            }
            json.put("graphs", graphs);
            if (stagesOnly) {
                TrackingBenchmark.Run r = TrackingBenchmark.run(m, frames, 1, TreeSettings.paper(), "stages");
                TrackingBenchmark.printStages(r);
                json.put("runs", List.of(r));
                write(json);
                return ExitCodes.OK;
            }
            int n = quick ? Math.min(frames, 60) : frames;
            int[] lens = quick ? new int[] {1000} : lengths.stream().mapToInt(Integer::intValue).toArray();
            List<TrackingBenchmark.Run> runs = new ArrayList<>(TrackingBenchmark.standard(m, n, lens));
            List<Integer> sweep = quick ? List.of(1, 0) : threadSweep;
            for (int t : sweep) {
                RuntimeSettings swept = new RuntimeSettings(rt.provider(), t, 0);
                try (Sam2Model mt = ModelResolver.open(model, swept)) {
                    TrackingBenchmark.run(mt, 20, 1, TreeSettings.paper(), "warm-up");
                    runs.add(TrackingBenchmark.run(mt, n, 1, TreeSettings.paper(), "threads").withThreads("threads", t));
                }
            }
            runs.addAll(memory(rt, n));
            TrackingBenchmark.print(runs);
            TrackingBenchmark.printStages(runs.get(0));
            json.put("runs", runs);
            write(json);
            charts(runs);
            System.out.println("wrote " + out.resolve("bench.json") + " and charts");
        }
        return ExitCodes.OK;
    }

    /** The peak-RSS runs of --memory-runs, each on a freshly loaded model; prints their table. */
    private List<TrackingBenchmark.Run> memory(RuntimeSettings rt, int n) {
        List<int[]> configs = new ArrayList<>();
        for (String r : memoryRuns) {
            String[] op = r.strip().split("x");
            configs.add(new int[] {Integer.parseInt(op[0]), Integer.parseInt(op[1])});
        }
        List<TrackingBenchmark.Run> runs = TrackingBenchmark.memory(() -> ModelResolver.open(model, rt), n, configs, !memoryDistinct);
        System.out.println("peak process RSS per run (VmHWM, reset at each run's start; each run on a freshly loaded model):");
        TrackingBenchmark.printMemory(runs);
        return runs;
    }

    private void charts(List<TrackingBenchmark.Run> runs) throws Exception {
        Map<String, List<double[]>> peak = new LinkedHashMap<>();
        for (TrackingBenchmark.Run r : runs) {
            if (r.label().equals("memory") && r.peakRssBytes() > 0) {
                peak.computeIfAbsent("P=" + r.pathways() + (r.pathways() > 1 && !r.dedupe() ? " (distinct)" : ""),
                        k -> new ArrayList<>()).add(new double[] {r.objects(), r.peakRssBytes() / 1048576.0});
            }
        }
        if (!peak.isEmpty()) {
            chart(out.resolve("peak-rss-vs-objects.png"), "peak process RSS vs objects", "objects", "MB", peak);
        }
        if (runs.stream().noneMatch(r -> r.label().equals("objects"))) {
            return; // a --memory-only or --stages-only run: no fps or length runs to chart
        }
        chart(out.resolve("fps-vs-objects.png"), "fps vs objects (P=3)", "objects", "fps",
                series(runs, "objects", r -> (double) r.objects(), TrackingBenchmark.Run::fps, null));
        Map<String, List<double[]>> byDedupe = new LinkedHashMap<>();
        byDedupe.putAll(series(runs, "pathways", r -> (double) r.pathways(), TrackingBenchmark.Run::fps, true));
        byDedupe.putAll(series(runs, "pathways", r -> (double) r.pathways(), TrackingBenchmark.Run::fps, false));
        chart(out.resolve("fps-vs-pathways.png"), "fps vs pathways P", "P", "fps", byDedupe);
        Map<String, List<double[]>> memory = new LinkedHashMap<>();
        memory.put("heap", series(runs, "length", r -> (double) r.frames(), r -> r.heapBytes() / 1048576.0, null)
                .get("length"));
        memory.put("process RSS", series(runs, "length", r -> (double) r.frames(), r -> r.rssBytes() / 1048576.0, null)
                .get("length"));
        chart(out.resolve("memory-vs-length.png"), "memory after tracking vs clip length", "frames", "MB", memory);
    }

    private void write(Map<String, Object> json) throws java.io.IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench.json").toFile(), json);
    }

    private static Map<String, List<double[]>> series(List<TrackingBenchmark.Run> runs, String label,
            java.util.function.ToDoubleFunction<TrackingBenchmark.Run> x, java.util.function.ToDoubleFunction<TrackingBenchmark.Run> y,
            Boolean dedupe) {
        List<double[]> pts = new ArrayList<>();
        for (TrackingBenchmark.Run r : runs) {
            if (r.label().equals(label) && (dedupe == null || r.dedupe() == dedupe)) {
                pts.add(new double[] {x.applyAsDouble(r), y.applyAsDouble(r)});
            }
        }
        return Map.of(dedupe == null ? label : (dedupe ? "dedupe on" : "dedupe off"), pts);
    }

    /** A small line chart, one colour per series. */
    static void chart(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series) throws Exception {
        int w = 640;
        int h = 400;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double maxX = 0;
        double maxY = 0;
        for (List<double[]> s : series.values()) {
            for (double[] p : s) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.25; // room for the legend above the lines
        maxX = maxX <= 0 ? 1 : maxX;
        int l = 70, r = 20, t = 40, b = 50;
        g.setColor(Color.BLACK);
        g.drawString(title + " — " + yLabel + " (y) against " + xLabel + " (x)", l, 25);
        g.drawLine(l, h - b, w - r, h - b);
        g.drawLine(l, t, l, h - b);
        g.drawString(xLabel, w / 2 - 20, h - 15);
        g.drawString("0", l - 4, h - b + 15);
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        series.values().forEach(list -> list.forEach(p -> xs.add(p[0])));
        for (double x : xs) {
            int px = l + (int) ((w - l - r) * x / maxX);
            g.drawLine(px, h - b, px, h - b + 4);
            String label = fmt(x);
            int lw = g.getFontMetrics().stringWidth(label);
            g.drawString(label, Math.min(px - lw / 2, w - lw - 2), h - b + 15);
        }
        for (int i = 0; i <= 4; i++) {
            int y = h - b - (h - b - t) * i / 4;
            g.drawString(fmt(maxY * i / 4), 10, y + 4);
        }
        Color[] colours = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd)};
        int k = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            g.setColor(colours[k % colours.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1, py = -1;
            for (double[] p : e.getValue()) {
                int x = l + (int) ((w - l - r) * p[0] / maxX);
                int y = h - b - (int) ((h - b - t) * p[1] / maxY);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawString(e.getKey(), l + 12, t + 15 * (k + 1));
            k++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static String fmt(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
