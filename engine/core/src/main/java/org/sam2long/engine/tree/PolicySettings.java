package org.sam2long.engine.tree;

import org.sam2long.engine.model.ModelManifest;

/** The typed settings of one memory policy: {@link GreedySettings} or {@link Sam2LongSettings}. */
public sealed interface PolicySettings permits GreedySettings, Sam2LongSettings {

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
