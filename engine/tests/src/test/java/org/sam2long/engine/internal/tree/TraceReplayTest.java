package org.sam2long.engine.internal.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.tree.TreeSettings;

/**
 * Trace test (a) of issue 13: the reference predictors' own model outputs, replayed through the
 * memory policy with no model at all, must give the reference's decisions on every frame.
 *
 * <p>The committed traces ({@code engine/tooling/reference_traces}) record, per frame and per
 * pathway, the three multimask IoUs and the presence logit the reference's decoder produced, and
 * what the reference decided with them. Here a stub stands in for the model runner: each plan's
 * decoder output is the recorded IoUs and presence (masks and pointers are distinct placeholders,
 * memories empty), and the policy must reproduce, frame by frame: the memory frames and pointer
 * frames each pathway attended to (and their counts, conditioning frame included), each pathway's
 * cumulative score before the frame (to 1e-12), the modulation weights (to 1e-6: float32 there), the kept (pathway, candidate) with
 * their cumulative scores, the bootstrap frame, and, once final, the output of every frame (the
 * pathway slot, presence and score of the node the winning history holds there). The oracle is
 * the reference's record, which the engine did not produce.
 *
 * <p>System properties {@code reference.traces} and {@code reference.model} (folders) replace the
 * committed traces and model manifest, as for {@code ReferenceTraceTest}; CI sets neither.
 */
class TraceReplayTest {
    private static final String BASE = "/org/sam2long/engine/track/reference/";
    /** The reference computes modulation weights in float32 (torch); the engine in double, rounded to float. */
    private static final double WEIGHT_TOLERANCE = 1e-6;
    /**
     * Cumulative scores are sums of ln(IoU + 1e-5) in double on both sides; Java's and numpy's log
     * may differ in the last bit, so scores are held to 1e-12 (decisions themselves are compared exactly).
     */
    private static final double SCORE_TOLERANCE = 1e-12;

    @Test
    void sam21GreedyPolicyMakesTheOfficialPredictorsDecisionsOnEveryFrame() throws IOException {
        PolicySettings s = PolicySettings.of(TreeSettings.sam2Baseline());
        assertTrue(s instanceof GreedySettings, "sam2Baseline is the SAM 2.1 greedy policy: " + s);
        Replay r = replay("sam2.1.trace.json", s);
        System.out.printf("SAM 2.1 replay: %d frames, %d decisions, %d memory lists compared%n",
                r.frames, r.decisions, r.memoryLists);
    }

    @Test
    void sam2LongTreePolicyMakesTheReferencesDecisionsOnEveryFrame() throws IOException {
        PolicySettings s = PolicySettings.of(TreeSettings.referenceScript());
        assertTrue(s instanceof Sam2LongSettings, "referenceScript is the SAM2Long tree: " + s);
        Replay r = replay("sam2long.trace.json", s);
        System.out.printf("SAM2Long replay: %d frames, %d decisions, %d memory lists, %d weights compared;"
                + " %d uncertain frames, %d frames with pathways on distinct histories%n",
                r.frames, r.decisions, r.memoryLists, r.weights, r.uncertain, r.diverse);
        String other = System.getProperty("reference.traces");
        if (other == null || other.isBlank()) { // a floor for the committed trace; a trace of one's own may be short
            assertTrue(r.uncertain > 5 && r.diverse > 5,
                    "the trace exercises uncertain frames and diverse pathways: " + r.uncertain + ", " + r.diverse);
        }
    }

    private static final class Replay {
        int frames;
        int decisions;
        int memoryLists;
        int weights;
        int uncertain;
        int diverse;
    }

    private static Replay replay(String name, PolicySettings settings) throws IOException {
        JsonNode t = read("traces/" + name);
        ModelManifest mf = manifest();
        JsonNode frames = t.get("frames");
        int clipFrames = t.get("clip").get("frames").asInt();
        int promptFrame = t.get("prompt").get("frame").asInt();
        assertEquals(0, promptFrame, "the replay starts at a prompt on frame 0");
        MemoryPolicy policy = settings.policy(mf, clipFrames, false);
        int p = settings.pathways();
        JsonNode first = frames.get(0).get("calls").get(0);
        float condIou = (float) first.get("iou").get(first.get("chosen").asInt()).asDouble();
        FrameMemory cond = FrameMemory.conditioning(0, new float[0], new float[0], new float[0], condIou,
                (float) first.get("presence").asDouble(), new float[0]);
        Branches b = policy.start(cond, List.of());
        cond.markEmitted(); // as the tracking loop does with a conditioning frame
        List<FrameMemory> finals = new ArrayList<>();
        java.util.function.Consumer<FrameMemory> emit = n -> {
            n.markEmitted();
            finals.add(n);
        };
        Replay r = new Replay();
        for (int f = 1; f < clipFrames; f++) {
            JsonNode entry = frames.get(f);
            String at = name + " frame " + f;
            assertEquals(f, entry.get("frame").asInt(), at);
            JsonNode calls = entry.get("calls");
            boolean bootstrap = entry.path("bootstrap").asBoolean(false);
            // one decoder call per pathway; on the bootstrap frame the reference runs once for all
            assertEquals(bootstrap ? 1 : p, calls.size(), at + ": decoder calls");
            List<MemoryPlan> plans = policy.plan(b, List.of(cond), f, false);
            DecoderOutput[] outs = new DecoderOutput[plans.size()];
            float maxAbsPresence = 0;
            for (int k = 0; k < p; k++) {
                JsonNode call = calls.get(bootstrap ? 0 : k);
                String ctx = at + " pathway " + k;
                assertEquals(bootstrap ? 0 : k, call.get("pathway").asInt(), ctx);
                if (call.has("score_before")) {
                    assertEquals(call.get("score_before").asDouble(), b.pathways().get(k).score(), SCORE_TOLERANCE, ctx + " score");
                }
                MemoryPlan plan = b.planOf(k);
                assertEquals(ints(call.get("memory_frames")), sorted(frames(nonConditioning(plan.spatial()))),
                        ctx + " memory frames");
                assertEquals(ints(call.get("pointer_frames")), frames(nonConditioning(plan.pointers())),
                        ctx + " pointer frames");
                assertEquals(call.get("memory_tokens").get("frames").asInt(), plan.spatial().size(), ctx + " memories");
                assertEquals(call.get("memory_tokens").get("pointers").asInt(), plan.pointers().size(), ctx + " pointers");
                r.memoryLists++;
                if (call.has("frame_weights")) {
                    r.weights += weights(call.get("frame_scores"), call.get("frame_weights"), plan.spatial(),
                            plan.spatialWeights(), ctx + " memory");
                    r.weights += weights(call.get("pointer_scores"), call.get("pointer_weights"), plan.pointers(),
                            plan.pointerWeights(), ctx + " pointer");
                }
                DecoderOutput out = stub(call, f, k);
                int g = plans.indexOf(plan);
                if (outs[g] == null) {
                    outs[g] = out;
                } else {
                    assertTrue(java.util.Arrays.equals(outs[g].iou(), out.iou()) && outs[g].presence() == out.presence(),
                            ctx + ": pathways sharing a history get the same decoder output");
                }
                maxAbsPresence = Math.max(maxAbsPresence, Math.abs(out.presence()));
            }
            r.diverse += plans.size() > 1 ? 1 : 0;
            r.uncertain += maxAbsPresence <= 2.0 ? 1 : 0;
            List<MemoryPolicy.MemoryInput> inputs = policy.choose(b, List.of(outs));
            List<Candidate> kept = b.kept();
            if (entry.has("kept")) {
                JsonNode want = entry.get("kept");
                assertEquals(want.size(), kept.size(), at + " kept count");
                for (int i = 0; i < kept.size(); i++) {
                    JsonNode w = want.get(i);
                    Candidate c = kept.get(i);
                    String ctx = at + " kept #" + i;
                    assertEquals(w.get("pathway").asInt(), c.pathway(), ctx + " pathway");
                    assertEquals(w.get("candidate").asInt(), c.mask(), ctx + " candidate");
                    assertEquals(w.get("score").asDouble(), c.score(), SCORE_TOLERANCE, ctx + " cumulative score");
                    assertEquals((float) w.get("iou").asDouble(), c.iou(), ctx + " IoU");
                    r.decisions++;
                }
            } else {
                assertEquals(1, kept.size(), at);
                assertEquals(calls.get(0).get("chosen").asInt(), kept.get(0).mask(), at + " chosen candidate");
                r.decisions++;
            }
            List<float[][]> memories = new ArrayList<>();
            inputs.forEach(in -> memories.add(new float[][] {new float[0], new float[0]}));
            policy.advance(b, f, memories, f + 1);
            policy.settle(b, f, emit);
            r.frames++;
        }
        policy.finish(b, clipFrames - 1, emit);
        // the output of every frame: the node the final winner's history holds there, its pathway slot and score
        assertEquals(clipFrames - 1, finals.size(), name + ": every tracked frame is final once");
        for (FrameMemory n : finals) {
            JsonNode output = frames.get(n.frame).get("output");
            String at = name + " frame " + n.frame + " output";
            assertEquals(output.get("pathway").asInt(), n.pathway, at + " pathway");
            assertEquals((float) output.get("presence").asDouble(), n.presence, at + " presence");
            if (frames.get(n.frame).has("kept")) { // the official predictor has no cumulative score
                assertEquals(output.get("score").asDouble(), n.score, SCORE_TOLERANCE, at + " score");
            }
        }
        return r;
    }

    /** The decoder output the stub runner gives: the recorded IoUs and presence, placeholder masks and pointers. */
    private static DecoderOutput stub(JsonNode call, int frame, int pathway) {
        float[] iou = new float[4];
        float[][] masks = new float[4][];
        float[][] pointers = new float[4][];
        for (int j = 0; j < 4; j++) {
            iou[j] = j == 0 ? 0f : (float) call.get("iou").get(j - 1).asDouble();
            masks[j] = new float[] {frame, pathway, j};
            pointers[j] = new float[] {frame, pathway, j};
        }
        return new DecoderOutput(masks, iou, (float) call.get("presence").asDouble(), pointers);
    }

    /** Checks each item's weight against the reference's, matching items by presence score; returns the count. */
    private static int weights(JsonNode scores, JsonNode want, List<FrameMemory> items, float[] got, String ctx) {
        assertEquals(want.size(), got.length, ctx + " weight count");
        for (int i = 0; i < got.length; i++) {
            float presence = items.get(i).conditioning ? MemorySelector.CONDITIONING_PRESENCE : items.get(i).presence;
            assertEquals((float) scores.get(i).asDouble(), presence, ctx + " item " + i + " presence (order)");
            assertEquals(want.get(i).asDouble(), got[i], WEIGHT_TOLERANCE, ctx + " item " + i + " weight");
        }
        return got.length;
    }

    private static List<FrameMemory> nonConditioning(List<FrameMemory> items) {
        return items.stream().filter(m -> !m.conditioning).toList();
    }

    private static List<Integer> frames(List<FrameMemory> items) {
        return items.stream().map(m -> m.frame).toList();
    }

    private static List<Integer> sorted(List<Integer> l) {
        return l.stream().sorted().toList();
    }

    private static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static ModelManifest manifest() throws IOException {
        try (InputStream in = open("reference.model", "model/manifest.json")) {
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(in, ModelManifest.class);
        }
    }

    private static JsonNode read(String path) throws IOException {
        try (InputStream in = open("reference.traces", path)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + BASE + path + " missing");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    /**
     * The committed resource {@code path}, or, where system property {@code property} names a folder
     * (as for {@code ReferenceTraceTest}: {@code reference.model}, {@code reference.traces}), the file
     * of the same name in it; null if the resource is missing.
     */
    private static InputStream open(String property, String path) throws IOException {
        String dir = System.getProperty(property);
        if (dir == null || dir.isBlank()) {
            return TraceReplayTest.class.getResourceAsStream(BASE + path);
        }
        Path p = Path.of(dir, Path.of(path).getFileName().toString());
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " (from system property " + property + ") missing");
        }
        return Files.newInputStream(p);
    }
}
