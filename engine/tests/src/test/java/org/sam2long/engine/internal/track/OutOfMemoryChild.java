package org.sam2long.engine.internal.track;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.sam2long.engine.frame.SyntheticClip;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.BundledModels;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.track.CancelToken;
import org.sam2long.engine.track.Progress;
import org.sam2long.engine.track.TrackingSession;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * The child process of {@link OutOfMemoryFallbackTest}: it tracks eight objects with four distinct
 * pathways each (32 memory-attention items per frame) three times on one model, and prints one
 * result line. Run A, one item per call (budget 0.5 MB), warms every graph; then the process
 * lowers its own address-space limit (RLIMIT_AS, with prlimit) to what it uses now plus a margin
 * for the input tensors, so the 32-item memory-attention call really fails to allocate inside ONNX
 * Runtime; run B (default budget) must fall back to smaller calls; the limit is lifted and run C
 * (default budget, unsplit) is the reference. Not a test itself: a separate JVM, so the limit
 * touches nothing else.
 */
final class OutOfMemoryChild {
    static final int OBJECTS = 8;
    static final int FRAMES = 8;

    private OutOfMemoryChild() {}

    public static void main(String[] args) throws Exception {
        long marginMb = Long.parseLong(args[0]);
        SyntheticClip clip = new SyntheticClip(160, 120, FRAMES, true);
        TreeSettings tree = TreeSettings.paper().toBuilder().pathways(4).deduplicate(false).build();
        try (Sam2Model model = Sam2Model.loadBundled(BundledModels.DEMO, new RuntimeSettings(RuntimeSettings.Provider.CPU, 1, 1))) {
            System.setProperty(ModelRunner.BUDGET_PROPERTY, "0.5");
            // the memory encoder keeps its batched call (run B's default here), so that run A warms its arena too
            System.setProperty(ModelRunner.ENCODER_ITEMS_PROPERTY, "1000");
            long t0 = System.nanoTime();
            Map<String, float[]> a = track(model, clip, tree);
            long t1 = System.nanoTime();
            System.clearProperty(ModelRunner.BUDGET_PROPERTY);
            System.clearProperty(ModelRunner.ENCODER_ITEMS_PROPERTY);
            long splitBefore = ModelRunner.SPLIT_BATCHES.get();
            long vm = status("VmSize");
            String hardBefore = limit();
            prlimit((vm >> 10) * 1024 + marginMb * 1024 * 1024 + ":");
            Map<String, float[]> b;
            try {
                b = track(model, clip, tree);
            } finally {
                prlimit(hardBefore + ":" + hardBefore);
            }
            long retries = ModelRunner.OUT_OF_MEMORY_RETRIES.get();
            long splits = ModelRunner.SPLIT_BATCHES.get() - splitBefore;
            long t2 = System.nanoTime();
            Map<String, float[]> c = track(model, clip, tree);
            long t3 = System.nanoTime();
            System.out.printf("RESULT retries=%d splits=%d mattes=%d a=c:%s b=c:%s vmSizeMB=%d seconds a/b/c=%.1f/%.1f/%.1f%n",
                    retries, splits, c.size(), same(a, c), same(b, c), vm >> 20, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9);
        }
    }

    /** Tracks OBJECTS objects (alternately on the disc and the square) and returns each matte's low-res logits. */
    static Map<String, float[]> track(Sam2Model model, SyntheticClip clip, TreeSettings tree) {
        Map<String, float[]> out = new TreeMap<>();
        try (TrackingSession s = new TrackingSession(model, clip, TrackingSettings.defaults(), tree)) {
            for (int o = 1; o <= OBJECTS; o++) {
                double[] c = o % 2 == 0 ? clip.discCentre(0) : clip.squareCentre(0);
                double d = (o - 1) / 2 * 1.5 - 2;
                s.addPrompt(Prompt.clicks(o, 0, Prompt.Click.positive(c[0] + d, c[1] - d)));
            }
            s.track((Matte m) -> out.put(m.objectId() + "/" + m.frameIndex(), m.lowRes().clone()),
                    Progress.none(), CancelToken.none());
        }
        return out;
    }

    static String same(Map<String, float[]> x, Map<String, float[]> y) {
        if (!x.keySet().equals(y.keySet())) {
            return "false(keys)";
        }
        for (String k : x.keySet()) {
            if (!Arrays.equals(x.get(k), y.get(k))) {
                return "false(" + k + ")";
            }
        }
        return "true";
    }

    static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/self/status");
    }

    /** The current hard address-space limit as prlimit prints it ("unlimited" or bytes). */
    static String limit() throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(ProcessHandle.current().pid()), "--as",
                "--noheadings", "--output=HARD", "--raw").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("prlimit failed: " + out);
        }
        return out;
    }

    static void prlimit(String value) throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(ProcessHandle.current().pid()), "--as=" + value)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("prlimit --as=" + value + " failed: " + out);
        }
    }
}
