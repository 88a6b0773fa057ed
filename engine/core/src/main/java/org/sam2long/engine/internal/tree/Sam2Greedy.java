package org.sam2long.engine.internal.tree;

import java.util.List;
import java.util.function.Consumer;
import org.sam2long.engine.model.ModelManifest;

/**
 * SAM 2.1's own tracking as a memory policy: one pathway that keeps the candidate with the
 * highest predicted IoU (the first on ties), attends to the conditioning frames and the recent
 * frames, and is final as soon as it is made.
 */
final class Sam2Greedy extends HistoryPolicy {
    private final GreedySettings settings;

    public Sam2Greedy(GreedySettings settings, ModelManifest manifest, int frameCount, boolean exhaustive) {
        super(MemorySelector.of(settings, manifest, frameCount, exhaustive), 1, false, exhaustive);
        this.settings = settings;
    }

    @Override
    public GreedySettings settings() {
        return settings;
    }

    @Override
    List<Candidate> select(Branches b, List<Candidate> candidates, float[] presences) {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.score() > best.score()) {
                best = c;
            }
        }
        return List.of(best);
    }

    @Override
    public void settle(Branches b, int liveFrame, Consumer<FrameMemory> finals) {
        finaliseShared(b, liveFrame, finals);
    }
}
