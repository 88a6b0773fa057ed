package org.sam2long.ofx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.Direction;
import org.sam2long.engine.track.TrackingReport;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.engine.shot.PlateFrames;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.ofx.prompt.SavedShot;
import org.sam2long.ofx.prompt.ShotEdits;
import org.sam2long.ofx.testing.DiscClip;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;

/**
 * Runs the C test host ({@code src/test/c/testhost.c}, built by Maven before this phase) against the
 * assembled bundle in a fresh process, then checks its results: every scenario line, the bundle
 * layout, and the host's mattes against the engine tracking the same clip with the same prompts.
 * The plug-in runs the real engine with the bundled demo model.
 */
class OfxTestHostIT {
    private static final Path BUNDLE = Path.of(System.getProperty("ofx.bundle", "target/bundle/SAM2LongRoto.ofx.bundle"));
    private static final Path HOST = Path.of(System.getProperty("ofx.testhost", "target/testhost/testhost"));
    /** The full mode's output (the pictures and mattes checked below); other modes write next to it. */
    private static final Path OUT = Path.of("target/testhost-out");
    /**
     * The host's modes, each a fresh process running every scenario: a full OFX 1.5 host; an OFX 1.4
     * host (no draw suite, no OverlayInteractV2, kOfxStatErrUnknown for effect properties it does not
     * know, as HostSupport); another legal action order (a Source change and a render before any edit
     * or interact); images with padded and negative row bytes.
     */
    static final List<String> MODES = List.of("full", "ofx14", "reorder", "rowbytes");

    private record Run(int exitCode, List<String> lines) {}

    private static final java.util.Map<String, Run> RUNS = new java.util.LinkedHashMap<>();

    /** Runs the host once per mode, the modes side by side (separate processes: each boots its own Java). */
    @BeforeAll
    static void runTheHost() throws Exception {
        assertTrue(Files.isExecutable(HOST), HOST + " is missing: run `mvn verify` (it is built in pre-integration-test)");
        java.util.Map<String, Process> running = new java.util.LinkedHashMap<>();
        for (String mode : MODES) {
            Path out = out(mode);
            deleteTree(out);
            Files.createDirectories(out);
            ProcessBuilder pb = new ProcessBuilder(HOST.toString(), BUNDLE.toString(), out.toString(), "--mode=" + mode)
                    .redirectErrorStream(true).redirectOutput(out.resolve("testhost.log").toFile());
            // no SAM2LONG_JAVA_HOME: the shim finds its Java through the bundle's jvm.cfg, as in a host
            pb.environment().put("XDG_CACHE_HOME", out.resolve("xdg-cache").toAbsolutePath().toString());
            running.put(mode, pb.start());
        }
        for (var e : running.entrySet()) {
            Path log = out(e.getKey()).resolve("testhost.log");
            if (!e.getValue().waitFor(420, TimeUnit.SECONDS)) {
                running.values().forEach(Process::destroyForcibly);
                throw new AssertionError("the test host hung in mode " + e.getKey() + "; see " + log);
            }
            List<String> lines = Files.readAllLines(log);
            lines.forEach(l -> System.out.println("testhost " + e.getKey() + "| " + l));
            RUNS.put(e.getKey(), new Run(e.getValue().exitValue(), lines));
        }
    }

    private static Path out(String mode) {
        return mode.equals("full") ? OUT : Path.of("target/testhost-out-" + mode);
    }

    @TestFactory
    Stream<DynamicTest> everyHostScenarioPassesInEveryMode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String mode : MODES) {
            Run run = RUNS.get(mode);
            List<String> results = run.lines().stream().filter(l -> l.startsWith("ok - ") || l.startsWith("not ok - ")).toList();
            tests.add(DynamicTest.dynamicTest("[" + mode + "] host exits 0 after at least 16 scenarios", () -> {
                assertTrue(results.size() >= 16, "only " + results.size() + " scenario lines");
                assertEquals(0, run.exitCode(), "test host exit status");
            }));
            for (String r : results) {
                String name = r.replaceFirst("^(not )?ok - ", "");
                tests.add(DynamicTest.dynamicTest("[" + mode + "] " + name,
                        () -> assertTrue(r.startsWith("ok - "), r + failureDetail(run.lines(), name))));
            }
        }
        return tests.stream();
    }

    /**
     * Java cannot start (no runtime where SAM2LONG_JAVA_HOME points): describe still works, the rest
     * fails with kOfxStatFailed, the reason reaches the host's message suite and the boot log in the
     * user's cache folder, and the host process ends normally.
     */
    @Test
    void aJavaThatCannotStartIsReportedNotCrashed() throws Exception {
        Path out = Path.of("target/testhost-out-bootfail");
        deleteTree(out);
        Files.createDirectories(out);
        Path log = out.resolve("testhost.log");
        ProcessBuilder pb = new ProcessBuilder(HOST.toString(), BUNDLE.toString(), out.toString(), "--mode=bootfail")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SAM2LONG_JAVA_HOME", out.resolve("no-such-jdk").toAbsolutePath().toString());
        pb.environment().put("XDG_CACHE_HOME", out.resolve("xdg-cache").toAbsolutePath().toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the test host hung");
        List<String> lines = Files.readAllLines(log);
        lines.forEach(l -> System.out.println("testhost bootfail| " + l));
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ok - Java cannot start")), String.join("\n", lines));
        String bootLog = Files.readString(out.resolve("xdg-cache/sam2long/ofx-boot.log"));
        assertTrue(bootLog.contains("has no lib/server/libjvm.so"), bootLog);
    }

    /** Every mode runs the same scenarios, including describe with every optional property refused. */
    @Test
    void everyModeRunsTheSameScenarios() {
        List<String> full = scenarios(RUNS.get("full"));
        assertTrue(full.contains("describe succeeds when every optional property is refused"), full.toString());
        for (String mode : MODES) {
            assertEquals(full, scenarios(RUNS.get(mode)), mode);
        }
    }

    private static List<String> scenarios(Run run) {
        return run.lines().stream().filter(l -> l.startsWith("ok - ") || l.startsWith("not ok - "))
                .map(l -> l.replaceFirst("^(not )?ok - ", "")).toList();
    }

    @Test
    void bundleHasTheOfxLayout() {
        Path contents = BUNDLE.resolve("Contents");
        assertTrue(Files.isRegularFile(contents.resolve("Linux-x86-64/SAM2LongRoto.ofx")));
        assertTrue(Files.isRegularFile(contents.resolve("Resources/jvm.cfg")));
        assertTrue(Files.isRegularFile(contents.resolve("Resources/org.sam2long.roto.SAM2LongRoto.png")));
        assertTrue(Files.isRegularFile(contents.resolve("Resources/licenses/openfx-LICENSE.md")));
        List<String> jars = Arrays.asList(contents.resolve("Resources/lib").toFile().list());
        assertTrue(jars.stream().anyMatch(n -> n.startsWith("plugin-ofx-bridge-")), jars.toString());
        assertTrue(jars.stream().anyMatch(n -> n.startsWith("engine-")), jars.toString());
        assertTrue(jars.stream().anyMatch(n -> n.startsWith("onnxruntime")), jars.toString());
        // the plug-in decodes no video and cleans up at render in plain Java: no JavaCPP natives
        assertEquals(List.of(), jars.stream().filter(n -> n.matches("(javacv|javacpp|ffmpeg|opencv|openblas)-.*")).toList());
    }

    /**
     * The engine's own API on the same clip with the host's prompts and the plug-in's defaults: one
     * session, track both ways, then add the correction and track again; then a fresh session with
     * both prompts. The host's mattes after each track must be the engine's, pixel for pixel.
     */
    @Test
    void hostMattesEqualTheEngineTrackingTheSameClipWithTheSamePrompts() throws Exception {
        List<Prompt> first = prompts("prompts_A.json");
        List<Prompt> corrected = prompts("prompts_B.json");
        // the default preset as the command line resolves it: its runtime, tracking and memory-tree settings
        ResolvedPreset preset = PresetLibrary.builtInOnly().resolve("default");
        Sam2Model model = Sam2Model.loadBundled(BundledModels.DEMO, preset.runtime());
        Matte[] engine = new Matte[DiscClip.FRAMES];
        try (TrackingSession session = new TrackingSession(model, new DiscClip(),
                preset.tracking().withDirection(Direction.BOTH), preset.tree())) {
            first.forEach(session::addPrompt);
            session.track(m -> engine[m.frameIndex()] = m, (done, total, fps) -> {}, new CancelToken());
            assertHostMattes("A", engine);
            List<Prompt> correction = corrected.stream().filter(p -> !first.contains(p)).toList();
            assertEquals(1, correction.size(), "the host adds one correction: " + correction);
            session.addPrompt(correction.get(0));
            TrackingReport again = session.track(m -> engine[m.frameIndex()] = m, (done, total, fps) -> {}, new CancelToken());
            assertEquals(DiscClip.FRAMES, again.frameSteps(),
                    "the engine re-tracks the edited object on every frame (each attends to every conditioning frame)");
            assertHostMattes("B", engine);
        }
        Matte[] fresh = new Matte[DiscClip.FRAMES];
        try (TrackingSession session = new TrackingSession(model, new DiscClip(),
                preset.tracking().withDirection(Direction.BOTH), preset.tree())) {
            corrected.forEach(session::addPrompt);
            session.track(m -> fresh[m.frameIndex()] = m, (done, total, fps) -> {}, new CancelToken());
            assertHostMattes("B", fresh);
        }
    }

    private static List<Prompt> prompts(String file) throws IOException {
        ShotDocument doc = SavedShot.parse(Files.readString(OUT.resolve(file)));
        return ShotEdits.enginePrompts(doc, ShotEdits.objectIds(doc), PlateFrames.consecutive(0, DiscClip.FRAMES, "the disc clip"));
    }

    private static void assertHostMattes(String tag, Matte[] engine) throws IOException {
        for (int t = 0; t < DiscClip.FRAMES; t++) {
            byte[] fromHost = readPgm(OUT.resolve(String.format("%s_%02d.pgm", tag, t)));
            for (int i = 0; i < fromHost.length; i++) {
                fromHost[i] = (byte) ((fromHost[i] & 0xff) > 127 ? 1 : 0);
            }
            assertArrayEquals(engine[t].binary(), fromHost, tag + " frame " + t);
        }
    }

    @Test
    void overlayPictureIsWrittenForTheDocs() throws IOException {
        Path ppm = OUT.resolve("overlay_12.ppm");
        assertTrue(Files.isRegularFile(ppm));
        byte[] data = Files.readAllBytes(ppm);
        int w = DiscClip.W, h = DiscClip.H, off = data.length - w * h * 3;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < w * h; i++) {
            img.setRGB(i % w, i / w, (data[off + i * 3] & 0xff) << 16 | (data[off + i * 3 + 1] & 0xff) << 8 | data[off + i * 3 + 2] & 0xff);
        }
        assertTrue(ImageIO.write(img, "png", OUT.resolve("overlay_12.png").toFile()));
    }

    /**
     * The overlay interact as a host would show it: frame 3 of the clip (4x) with what the plug-in drew
     * through the draw suite after Track (the host logged every call): the matte outline, the positive
     * and negative clicks and the box. Written to target/testhost-out/interact_03.png for the docs.
     */
    @Test
    void interactPictureIsWrittenForTheDocs() throws Exception {
        List<String> calls = Files.readAllLines(OUT.resolve("interact_03.txt"));
        int k = 4;
        int w = DiscClip.W * k, h = DiscClip.H * k;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        byte[] rgb = new DiscClip().read(3).rgb();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = ((y / k) * DiscClip.W + x / k) * 3;
                img.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | rgb[i + 2] & 0xff);
            }
        }
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new java.awt.BasicStroke(2f));
        int outlinePoints = 0, dots = 0, loops = 0;
        for (String call : calls) {
            String[] f = call.trim().split(" ");
            if (f[0].equals("colour")) {
                g.setColor(new java.awt.Color(Float.parseFloat(f[1]), Float.parseFloat(f[2]), Float.parseFloat(f[3]),
                        Float.parseFloat(f[4])));
                continue;
            }
            int prim = Integer.parseInt(f[1]);
            int n = Integer.parseInt(f[2]);
            int[] xs = new int[n], ys = new int[n];
            for (int p = 0; p < n; p++) { // canonical (bottom-up) to image pixels
                xs[p] = (int) Math.round(Double.parseDouble(f[3 + 2 * p]) * k);
                ys[p] = (int) Math.round((DiscClip.H - Double.parseDouble(f[4 + 2 * p])) * k);
            }
            switch (prim) {
                case 0 -> { // lines
                    for (int p = 0; p + 1 < n; p += 2) {
                        g.drawLine(xs[p], ys[p], xs[p + 1], ys[p + 1]);
                    }
                    outlinePoints += n;
                }
                case 2 -> { g.drawPolygon(xs, ys, n); loops++; } // line loop
                case 5 -> { // ellipse in its bounding box
                    g.fillOval(Math.min(xs[0], xs[1]), Math.min(ys[0], ys[1]), Math.abs(xs[1] - xs[0]), Math.abs(ys[1] - ys[0]));
                    dots++;
                }
                default -> fail("unexpected primitive " + prim + " in " + call);
            }
        }
        g.dispose();
        assertTrue(outlinePoints >= 16 && dots == 2 && loops == 1, outlinePoints + " outline points, " + dots + " dots, " + loops + " loops");
        assertTrue(ImageIO.write(img, "png", OUT.resolve("interact_03.png").toFile()));
    }

    private static String failureDetail(List<String> lines, String scenario) {
        int start = lines.indexOf("# --- " + scenario);
        if (start < 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("# ---"); i++) {
            if (lines.get(i).contains("FAILED")) {
                b.append('\n').append(lines.get(i));
            }
        }
        return b.toString();
    }

    private static byte[] readPgm(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        return Arrays.copyOfRange(all, all.length - DiscClip.W * DiscClip.H, all.length);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
