package org.sam2long.engine.internal.tree;

import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.tree.TreeSettings;

/** The typed settings of one memory policy: {@link GreedySettings} or {@link Sam2LongSettings}. */
public sealed interface PolicySettings permits GreedySettings, Sam2LongSettings {

    /**
     * The typed settings of the policy that tree settings describe: {@link GreedySettings} (SAM 2.1)
     * for one ungated, unmodulated, streaming pathway, else {@link Sam2LongSettings}.
     */
    static PolicySettings of(TreeSettings tree) {
        ConditioningDistance distance = tree.referenceParity() ? ConditioningDistance.UNSIGNED : ConditioningDistance.SIGNED;
        if (tree.pathways() == 1 && !tree.memoryGating() && !tree.modulation() && tree.streamingFinalisation()) {
            return GreedySettings.builder().conditioningDistance(distance).build();
        }
        return Sam2LongSettings.builder().pathways(tree.pathways()).iouThreshold(tree.iouThreshold())
                .uncertaintyThreshold(tree.uncertaintyThreshold())
                .keyWeights(tree.modulation() ? new Sam2LongSettings.KeyWeights(tree.modulationMin(), tree.modulationMax())
                        : Sam2LongSettings.KeyWeights.NONE)
                .memory(tree.memoryGating() ? Sam2LongSettings.MemoryWalk.GATED : Sam2LongSettings.MemoryWalk.RECENT_FRAMES)
                .conditioningDistance(distance)
                .sharing(tree.deduplicate() ? Sam2LongSettings.Sharing.SHARED : Sam2LongSettings.Sharing.SEPARATE)
                .finalisation(tree.streamingFinalisation() ? Finalisation.STREAMING : Finalisation.AT_END)
                .build();
    }

    /** P, the pathways kept per object. */
    int pathways();

    /**
     * The policy these settings describe, for a clip of {@code frameCount} frames.
     *
     * @param exhaustive keep every node and walk whole histories naively (a test oracle: the bounded
     *                   policy must give the same results)
     */
    MemoryPolicy policy(ModelManifest manifest, int frameCount, boolean exhaustive);
}
