package org.sam2long.engine.internal.tree;

import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.sam2long.engine.model.ModelManifest;

/**
 * SAM2Long's memory tree as a memory policy: P pathways with cumulative scores, candidates kept by
 * {@link SelectionRule}, memory gated by IoU and presence and modulated by presence, and frames
 * final once every live pathway shares them (docs/memory-tree.md).
 */
final class Sam2LongTree extends HistoryPolicy {
    private final Sam2LongSettings settings;

    public Sam2LongTree(Sam2LongSettings settings, ModelManifest manifest, int frameCount, boolean exhaustive) {
        super(MemorySelector.of(settings, manifest, frameCount, exhaustive), settings.pathways(),
                settings.sharing() == Sam2LongSettings.Sharing.SHARED, exhaustive);
        this.settings = settings;
    }

    @Override
    public Sam2LongSettings settings() {
        return settings;
    }

    @Override
    List<Candidate> select(Branches b, List<Candidate> candidates, float[] presences) {
        if (bootstrap(b)) {
            return seedFromBest(candidates);
        }
        return SelectionRule.select(candidates, presences, pathways, settings.uncertaintyThreshold());
    }

    /**
     * As SAM2Long does (with memory gating): the first frame after a conditioning frame runs once, picks
     * SAM 2's candidate (highest predicted IoU) and seeds every pathway with it at score 0.
     */
    private boolean bootstrap(Branches b) {
        return settings.memory() == Sam2LongSettings.MemoryWalk.GATED && b.pathways.get(0).tail().conditioning;
    }

    private List<Candidate> seedFromBest(List<Candidate> candidates) {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.pathway() == 0 && c.iou() > best.iou()) {
                best = c;
            }
        }
        Candidate seed = new Candidate(0, best.mask(), 0.0, best.iou(), best.presence());
        return Collections.nCopies(pathways, seed);
    }

    @Override
    public void settle(Branches b, int liveFrame, Consumer<FrameMemory> finals) {
        if (settings.finalisation() == Finalisation.STREAMING) {
            finaliseShared(b, liveFrame, finals);
        }
    }
}
