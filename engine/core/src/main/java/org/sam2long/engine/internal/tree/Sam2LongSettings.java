package org.sam2long.engine.internal.tree;

import org.sam2long.engine.model.ModelManifest;

/**
 * Settings of {@link Sam2LongTree}, the SAM2Long memory tree. Defaults are the paper's (P=3, IoU
 * threshold 0.3, uncertainty 2, modulation 0.95..1.05, gated memory).
 *
 * @param pathways             P, hypotheses kept per object (>= 1)
 * @param iouThreshold         a past frame enters a pathway's gated memory only if its predicted IoU exceeds this (0..1)
 * @param uncertaintyThreshold |presence logit| above which the model counts as confident (>= 0)
 * @param keyWeights           object-aware key modulation range ({@link KeyWeights#NONE}: all 1)
 * @param memory               which past frames a pathway attends to
 * @param conditioningDistance how conditioning-frame pointers count their distance
 * @param sharing              whether pathways with the same history are computed once
 * @param finalisation         when mattes become final
 */
public record Sam2LongSettings(int pathways, double iouThreshold, double uncertaintyThreshold, KeyWeights keyWeights,
                               MemoryWalk memory, ConditioningDistance conditioningDistance, Sharing sharing,
                               Finalisation finalisation) implements PolicySettings {

    /** Which past frames a pathway attends to. */
    public enum MemoryWalk {
        /** SAM 2.1's: the previous num_maskmem - 1 frames by distance, pointers of the previous max_obj_ptrs - 1. */
        RECENT_FRAMES,
        /**
         * SAM2Long's: the pathway's own frames whose IoU exceeds the threshold with positive presence,
         * however old, the previous frame always; the first frame after a prompt seeds every pathway.
         */
        GATED
    }

    /** Whether identical pathways share their computation. */
    public enum Sharing {
        /** Pathways with the same history are computed once and identical candidates make one node. */
        SHARED,
        /** Every pathway is computed on its own (the naive P-fold computation). */
        SEPARATE
    }

    /**
     * Object-aware key modulation: memory items ranked by presence get key weights spread over
     * [min, max].
     */
    public record KeyWeights(double min, double max) {
        /** No modulation: every key weight is 1. */
        public static final KeyWeights NONE = new KeyWeights(1.0, 1.0);

        public KeyWeights {
            if (!(min > 0 && max >= min)) {
                throw new IllegalArgumentException("tree.modulationMin/modulationMax must satisfy 0 < min <= max, got "
                        + min + ".." + max);
            }
        }

        boolean active() {
            return !equals(NONE);
        }
    }

    public Sam2LongSettings {
        checkSearch(pathways, iouThreshold, uncertaintyThreshold);
        if (keyWeights == null || memory == null || conditioningDistance == null || sharing == null
                || finalisation == null) {
            throw new IllegalArgumentException("the SAM2Long policy needs key weights, a memory walk, a conditioning"
                    + " distance, a sharing mode and a finalisation mode");
        }
    }

    /** The paper's parameters. */
    public static Sam2LongSettings paper() {
        return builder().build();
    }

    /** A builder starting from the paper's parameters. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public MemoryPolicy policy(ModelManifest manifest, int frameCount, boolean exhaustive) {
        return new Sam2LongTree(this, manifest, frameCount, exhaustive);
    }

    /** Named setters for every parameter; {@link #build} validates them together. */
    public static final class Builder {
        private int pathways = 3;
        private double iouThreshold = 0.3;
        private double uncertaintyThreshold = 2.0;
        private KeyWeights keyWeights = new KeyWeights(0.95, 1.05);
        private MemoryWalk memory = MemoryWalk.GATED;
        private ConditioningDistance conditioningDistance = ConditioningDistance.SIGNED;
        private Sharing sharing = Sharing.SHARED;
        private Finalisation finalisation = Finalisation.STREAMING;

        private Builder() {}

        public Builder pathways(int p) { pathways = p; return this; }
        public Builder iouThreshold(double t) { iouThreshold = t; return this; }
        public Builder uncertaintyThreshold(double t) { uncertaintyThreshold = t; return this; }
        public Builder keyWeights(KeyWeights w) { keyWeights = w; return this; }
        public Builder memory(MemoryWalk w) { memory = w; return this; }
        public Builder conditioningDistance(ConditioningDistance d) { conditioningDistance = d; return this; }
        public Builder sharing(Sharing s) { sharing = s; return this; }
        public Builder finalisation(Finalisation f) { finalisation = f; return this; }

        public Sam2LongSettings build() {
            return new Sam2LongSettings(pathways, iouThreshold, uncertaintyThreshold, keyWeights, memory,
                    conditioningDistance, sharing, finalisation);
        }
    }

    /** The checks both tree settings forms share: pathway count, IoU gate and uncertainty threshold. */
    public static void checkSearch(int pathways, double iouThreshold, double uncertaintyThreshold) {
        if (pathways < 1) {
            throw new IllegalArgumentException("tree.pathways must be at least 1, got " + pathways);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("tree.iouThreshold must be between 0 and 1, got " + iouThreshold);
        }
        if (!(uncertaintyThreshold >= 0)) {
            throw new IllegalArgumentException("tree.uncertaintyThreshold must be 0 or more, got " + uncertaintyThreshold);
        }
    }
}
