package org.sam2long.engine.track;

import org.sam2long.engine.media.ImageSequenceFrameSource;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.tree.TreeSettings;

/**
 * The cost of the memory tree where pathways really diverge (a benchmark program, not a test):
 * P = 1 and P = 3 (paper settings), interleaved three times, forward on the reference trace clip
 * with the downscaled official-architecture model (uncertain frames, a look-alike), printing
 * frames per second and distinct memory-attention items per frame. Run from the engine module
 * after {@code test-compile} with the test classpath:
 * {@code java -cp target/test-classes:target/classes:<deps> org.sam2long.engine.track.TreeCostBenchmark}.
 */
public final class TreeCostBenchmark {
    private TreeCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (Sam2Model m = Sam2Model.load(ReferenceTraceTest.resource("model"),
                new RuntimeSettings(RuntimeSettings.Provider.CPU, 2, 1))) {
            for (String label : new String[] {"warm-up", "P=1", "P=3", "P=1", "P=3", "P=1", "P=3", "sam2"}) {
                TreeSettings tree = label.equals("sam2") ? TreeSettings.sam2Baseline()
                        : TreeSettings.paper().withPathways(label.equals("P=1") ? 1 : 3);
                try (ImageSequenceFrameSource clip =
                             ImageSequenceFrameSource.open(ReferenceTraceTest.resource("clip") + "/frame.####.png");
                     TrackingSession s = new TrackingSession(m, clip,
                             TrackingSettings.defaults().withDirection(Direction.FORWARD), tree)) {
                    s.addPrompt(Prompt.clicks(1, 0, Prompt.Click.positive(38, 122)));
                    TrackingReport r = s.track(x -> { }, Progress.none(), CancelToken.none());
                    double items = s.stageTimes().items().getOrDefault("memory_attention", 0L) / (double) r.frameSteps();
                    System.out.printf("%-8s steps %3d  fps %6.2f  memory-attention items/frame %.3f%n", label,
                            r.frameSteps(), r.framesPerSecond(), items);
                }
            }
        }
    }
}
