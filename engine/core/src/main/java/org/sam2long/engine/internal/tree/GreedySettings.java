package org.sam2long.engine.internal.tree;

import org.sam2long.engine.model.ModelManifest;

/**
 * Settings of {@link Sam2Greedy}, SAM 2.1's own tracking: one pathway, the recent frames as memory,
 * no gating, no modulation.
 *
 * @param conditioningDistance how conditioning-frame pointers count their distance
 */
public record GreedySettings(ConditioningDistance conditioningDistance) implements PolicySettings {

    public GreedySettings {
        if (conditioningDistance == null) {
            throw new IllegalArgumentException("the SAM 2.1 policy needs a conditioning distance (SIGNED or UNSIGNED)");
        }
    }

    /** The official predictor's behaviour. */
    public static GreedySettings official() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int pathways() {
        return 1;
    }

    @Override
    public MemoryPolicy policy(ModelManifest manifest, int frameCount, boolean exhaustive) {
        return new Sam2Greedy(this, manifest, frameCount, exhaustive);
    }

    /** Named setters; {@link #build} validates. */
    public static final class Builder {
        private ConditioningDistance conditioningDistance = ConditioningDistance.SIGNED;

        private Builder() {}

        public Builder conditioningDistance(ConditioningDistance d) { conditioningDistance = d; return this; }

        public GreedySettings build() {
            return new GreedySettings(conditioningDistance);
        }
    }
}
