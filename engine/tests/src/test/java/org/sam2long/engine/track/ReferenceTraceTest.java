package org.sam2long.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.media.ImageSequenceFrameSource;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.tree.TreeSettings;

/**
 * End to end against golden traces of the reference predictors (issue 13, part 3, test (b)).
 *
 * <p>{@code engine/tooling/reference_traces/} built a downscaled official SAM 2.1 (random perturbed
 * weights, 256 px, exported with the project's exporter into {@code reference/model}), a clip of
 * its own ({@code reference/clip}, 80 PNG frames of 160x120 with a long occlusion and a
 * look-alike) and ran the official SAM 2.1 video predictor and the SAM2Long reference predictor
 * (3 pathways, its default thresholds) on CPU with one click on frame 0, and again with a mask
 * prompt on frame 0 ({@code add_new_mask}, the reference's evaluation protocol). The traces hold, per
 * frame, the output mask (bits at clip resolution) and the low-resolution logits (every
 * second row and column, quantised to 1e-3), besides the decisions. Here the engine tracks the
 * same frames with the same prompt through its public entry point and must give mask IoU >= 0.999
 * and logits within 1e-2 of the reference on every frame (also: presence logit within 1e-2 and,
 * for SAM2Long, the winning pathway's cumulative score within 1e-3). No torch is needed. The
 * traces hold the decisions too (candidates, kept pathways, memory frames, modulation weights) for
 * a replay test of the policy with a stub runner.
 *
 * <p>The model, clip and traces default to the committed resources; the system properties
 * {@code reference.model}, {@code reference.clip} and {@code reference.traces} (folders) point the
 * test at others, e.g. the full-size tiny comparison run outside CI (see
 * {@code engine/tooling/reference_traces/README.md}).
 */
public class ReferenceTraceTest {
    private static final String BASE = "/org/sam2long/engine/track/reference/";
    private static final double MIN_IOU = 0.999;
    private static final double MAX_LOGIT_DIFF = 1e-2;
    private static final double MAX_PRESENCE_DIFF = 1e-2;
    private static final double MAX_SCORE_DIFF = 1e-3;

    private static Sam2Model model;

    @BeforeAll
    static void load() {
        model = Sam2Model.load(configured("reference.model", "model"), new RuntimeSettings(RuntimeSettings.Provider.CPU, 2, 1));
    }

    @AfterAll
    static void close() throws Exception {
        if (model != null) {
            model.close();
        }
    }

    /** The official SAM 2.1 predictor: plain SAM 2.1 settings, memories in bfloat16, PIL's bicubic resize, no hole filling (the official code skips it without its CUDA extension). */
    @Test
    void sam21BaselineMatchesTheOfficialPredictorOnEveryFrame() throws Exception {
        Comparison c = compare("sam2.1.trace.json", TreeSettings.sam2Baseline());
        c.print("SAM 2.1 (sam2Baseline) vs official predictor");
        c.assertMatches(false);
    }

    /** The SAM2Long reference predictor: the tree with the reference script's settings and quirks. */
    @Test
    void sam2longReferenceParityMatchesTheReferenceOnEveryFrame() throws Exception {
        Comparison c = compare("sam2long.trace.json", TreeSettings.referenceScript());
        c.print("SAM2Long (referenceScript) vs reference predictor");
        c.assertMatches(true);
    }

    /**
     * The official SAM 2.1 predictor with a mask prompt on frame 0 ({@code add_new_mask}, the
     * reference's evaluation protocol): the model's mask_prompt graph gives the reference's path.
     */
    @Test
    void sam21BaselineWithAMaskPromptMatchesTheOfficialPredictorOnEveryFrame() throws Exception {
        Comparison c = compare("sam2.1-mask.trace.json", TreeSettings.sam2Baseline());
        c.print("SAM 2.1 (sam2Baseline) with a mask prompt vs official predictor");
        c.assertMatches(false);
    }

    /** The SAM2Long reference predictor with the same mask prompt on frame 0. */
    @Test
    void sam2longReferenceParityWithAMaskPromptMatchesTheReferenceOnEveryFrame() throws Exception {
        Comparison c = compare("sam2long-mask.trace.json", TreeSettings.referenceScript());
        c.print("SAM2Long (referenceScript) with a mask prompt vs reference predictor");
        c.assertMatches(true);
    }

    // ------------------------------------------------------------------------------------------

    static Path resource(String name) {
        try {
            return Path.of(ReferenceTraceTest.class.getResource(BASE + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + BASE + name + " missing", e);
        }
    }

    /** The folder named by system property {@code property}, or the committed resource {@code name}. */
    static Path configured(String property, String name) {
        String dir = System.getProperty(property);
        if (dir == null || dir.isBlank()) {
            return resource(name);
        }
        Path p = Path.of(dir);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("system property " + property + " names " + p + ", which is not a folder");
        }
        return p;
    }

    static JsonNode trace(String name) throws IOException {
        String dir = System.getProperty("reference.traces");
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir, name);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("trace " + p + " (from system property reference.traces) missing");
            }
            return new ObjectMapper().readTree(p.toFile());
        }
        try (InputStream in = ReferenceTraceTest.class.getResourceAsStream(BASE + "traces/" + name)) {
            if (in == null) {
                throw new IllegalStateException("trace " + name + " missing");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    static Comparison compare(String traceName, TreeSettings tree) throws Exception {
        return compare(model, traceName, tree);
    }

    static Comparison compare(Sam2Model model, String traceName, TreeSettings tree) throws Exception {
        JsonNode t = trace(traceName);
        int promptFrame = t.get("prompt").get("frame").asInt();
        TrackingSettings parity = TrackingSettings.builder().direction(Direction.FORWARD).fillHoleArea(0).bfloat16Memory(true).bicubicResize(true).build();
        TrackFixture.Collect out = new TrackFixture.Collect();
        long t0 = System.nanoTime();
        try (ImageSequenceFrameSource clip = ImageSequenceFrameSource.open(configured("reference.clip", "clip") + "/frame.####.png");
             TrackingSession s = new TrackingSession(model, clip, parity, tree)) {
            assertEquals(t.get("clip").get("frames").asInt(), clip.frameCount(), "clip length");
            s.addPrompt(prompt(t.get("prompt"), promptFrame));
            s.track(out, Progress.none(), CancelToken.none());
            Comparison c = new Comparison(traceName, clip.width(), clip.height(), (System.nanoTime() - t0) / 1e9);
            int m = t.get("mask_size").asInt();
            int stride = t.get("logits_stride").asInt();
            double quantum = t.get("logits_quantum").asDouble();
            Map<Integer, Matte> mattes = out.object(1);
            for (JsonNode fr : t.get("frames")) {
                int f = fr.get("frame").asInt();
                JsonNode o = fr.get("output");
                Matte mt = mattes.get(f);
                assertTrue(mt != null, "no matte for frame " + f);
                int[] q = ints(o.get("low_res_q").asText());
                int side = (m + stride - 1) / stride;
                double maxDiff = 0;
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        double ref = q[y * side + x] * quantum;
                        maxDiff = Math.max(maxDiff, Math.abs(mt.lowRes()[(y * stride) * m + x * stride] - ref));
                    }
                }
                boolean[] refMask = bits(o.get("mask_bits").asText(), clip.width() * clip.height());
                byte[] mine = mt.binary();
                long inter = 0;
                long union = 0;
                for (int i = 0; i < mine.length; i++) {
                    boolean a = mine[i] != 0;
                    inter += a && refMask[i] ? 1 : 0;
                    union += a || refMask[i] ? 1 : 0;
                }
                double iou = union == 0 ? 1.0 : (double) inter / union;
                c.add(new FrameFigures(f, iou, maxDiff, mt.presence(), o.get("presence").asDouble(), mt.score(),
                        o.get("score").asDouble(), o.get("mask_area").asLong(), mt.area()));
            }
            return c;
        }
    }

    /** The trace's prompt: one positive click, or a mask at clip resolution (trace.py --mask). */
    static Prompt prompt(JsonNode p, int frame) throws DataFormatException {
        JsonNode mask = p.get("mask");
        if (mask != null) {
            int w = mask.get("width").asInt();
            int h = mask.get("height").asInt();
            boolean[] inside = bits(mask.get("bits").asText(), w * h);
            int area = 0;
            for (boolean b : inside) {
                area += b ? 1 : 0;
            }
            assertEquals(mask.get("area").asInt(), area, "prompt mask area");
            return Prompt.mask(1, frame, new Prompt.MaskPrompt(w, h, inside));
        }
        JsonNode click = p.get("clicks").get(0);
        return Prompt.clicks(1, frame, Prompt.Click.positive(click.get(0).asDouble(), click.get(1).asDouble()));
    }

    static int[] ints(String b64) throws DataFormatException {
        ByteBuffer bb = ByteBuffer.wrap(inflate(b64)).order(ByteOrder.LITTLE_ENDIAN);
        int[] v = new int[bb.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = bb.getInt();
        }
        return v;
    }

    /** Row-major mask bits, most significant bit first (numpy's packbits), zlib, base64. */
    public static boolean[] bits(String b64, int n) throws DataFormatException {
        byte[] b = inflate(b64);
        assertEquals((n + 7) / 8, b.length, "mask bits cover the clip");
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = (b[i >> 3] & (0x80 >> (i & 7))) != 0;
        }
        return m;
    }

    public static byte[] inflate(String b64) throws DataFormatException {
        byte[] z = Base64.getDecoder().decode(b64);
        Inflater inf = new Inflater();
        inf.setInput(z);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!inf.finished()) {
            int n = inf.inflate(buf);
            if (n == 0 && inf.needsInput()) {
                break;
            }
            bytes.write(buf, 0, n);
        }
        inf.end();
        return bytes.toByteArray();
    }

    record FrameFigures(int frame, double iou, double maxLogitDiff, double presence, double refPresence,
                        double score, double refScore, long refArea, long area) {}

    static final class Comparison {
        final String trace;
        final int width;
        final int height;
        final double seconds;
        final List<FrameFigures> frames = new ArrayList<>();

        Comparison(String trace, int width, int height, double seconds) {
            this.trace = trace;
            this.width = width;
            this.height = height;
            this.seconds = seconds;
        }

        void add(FrameFigures f) {
            frames.add(f);
        }

        FrameFigures worstIou() {
            return frames.stream().min((a, b) -> Double.compare(a.iou(), b.iou())).orElseThrow();
        }

        FrameFigures worstLogits() {
            return frames.stream().max((a, b) -> Double.compare(a.maxLogitDiff(), b.maxLogitDiff())).orElseThrow();
        }

        FrameFigures firstBad(boolean scores) {
            return frames.stream().filter(f -> f.iou() < MIN_IOU || f.maxLogitDiff() > MAX_LOGIT_DIFF
                    || Math.abs(f.presence() - f.refPresence()) > MAX_PRESENCE_DIFF
                    || scores && Math.abs(f.score() - f.refScore()) > MAX_SCORE_DIFF).findFirst().orElse(null);
        }

        double maxPresenceDiff() {
            return frames.stream().mapToDouble(f -> Math.abs(f.presence() - f.refPresence())).max().orElse(0);
        }

        double maxScoreDiff() {
            return frames.stream().mapToDouble(f -> Math.abs(f.score() - f.refScore())).max().orElse(0);
        }

        void print(String title) {
            System.out.printf("%s (%s, %d frames, %.1f s)%n", title, trace, frames.size(), seconds);
            System.out.println(" frame    IoU  max|dlogit|  presence (ref)        score (ref)    area (ref)");
            for (FrameFigures f : frames) {
                System.out.printf("%6d %.5f %11.2e  %8.3f (%8.3f) %8.3f (%8.3f) %5d (%5d)%n", f.frame(), f.iou(),
                        f.maxLogitDiff(), f.presence(), f.refPresence(), f.score(), f.refScore(), f.area(), f.refArea());
            }
            System.out.printf("min IoU %.5f (frame %d), max logit diff %.2e (frame %d), max presence diff %.2e, "
                            + "max cumulative-score diff %.2e%n", worstIou().iou(), worstIou().frame(),
                    worstLogits().maxLogitDiff(), worstLogits().frame(), maxPresenceDiff(), maxScoreDiff());
        }

        /** IoU and logits on every frame, the presence logit, and with {@code scores} the winner's cumulative score. */
        void assertMatches(boolean scores) {
            FrameFigures bad = firstBad(scores);
            assertTrue(bad == null, () -> String.format("%s: first divergent frame %d: IoU %.5f, max logit diff %.3g, "
                            + "presence %.3f vs %.3f, score %.3f vs %.3f; over all frames min IoU %.5f, max logit diff %.3g",
                    trace, bad.frame(), bad.iou(), bad.maxLogitDiff(), bad.presence(), bad.refPresence(), bad.score(),
                    bad.refScore(), worstIou().iou(), worstLogits().maxLogitDiff()));
        }
    }
}
