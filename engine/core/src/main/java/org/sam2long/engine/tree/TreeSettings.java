package org.sam2long.engine.tree;

import org.sam2long.engine.internal.tree.Sam2LongSettings;

/**
 * Memory parameters as presets and the plug-in name them, flat. Defaults are the paper's (P=3, IoU
 * threshold 0.3, uncertainty 2, modulation 0.95..1.05). {@code PolicySettings.of} (engine-internal) turns them into
 * the typed settings of one memory policy; {@link #sam2Baseline()} (P=1, no gating, no modulation) is plain SAM 2.1.
 *
 * @param pathways              P, hypotheses kept per object (>= 1)
 * @param iouThreshold          a past frame enters a pathway's memory only if its predicted IoU exceeds this (0..1)
 * @param uncertaintyThreshold  |presence logit| above which the model counts as confident (>= 0)
 * @param modulationMin         lowest key weight of object-aware modulation (> 0)
 * @param modulationMax         highest key weight (>= modulationMin)
 * @param modulation            apply object-aware key modulation
 * @param memoryGating          apply IoU / presence gating when picking memory frames
 * @param referenceParity       the reference script's remaining quirk: unsigned distances to conditioning-frame pointers (rank pointer positions, the dropped oldest pointer and the bootstrap frame apply whenever memory gating is on; see docs/memory-tree.md)
 * @param deduplicate           compute identical pathways once
 * @param streamingFinalisation emit frames as soon as all live pathways agree on them; off = nothing final until the end
 */
public record TreeSettings(int pathways, double iouThreshold, double uncertaintyThreshold,
                           double modulationMin, double modulationMax, boolean modulation, boolean memoryGating,
                           boolean referenceParity, boolean deduplicate, boolean streamingFinalisation) {

    public TreeSettings {
        Sam2LongSettings.checkSearch(pathways, iouThreshold, uncertaintyThreshold);
        if (!(modulationMin > 0 && modulationMax >= modulationMin)) {
            throw new IllegalArgumentException("tree.modulationMin/modulationMax must satisfy 0 < min <= max, got "
                    + modulationMin + ".." + modulationMax);
        }
    }

    /** The paper's parameters. */
    public static TreeSettings paper() {
        return builder().build();
    }

    /** The reference script's parameters (IoU threshold 0.1, unsigned conditioning distances, nothing final until the end). */
    public static TreeSettings referenceScript() {
        return builder().iouThreshold(0.1).referenceParity(true).streamingFinalisation(false).build();
    }

    /** One pathway, no gating, no modulation: exactly SAM 2.1. */
    public static TreeSettings sam2Baseline() {
        return builder().pathways(1).iouThreshold(0.0).modulation(false).modulationRange(1.0, 1.0).memoryGating(false).build();
    }

    public TreeSettings withPathways(int p) {
        return toBuilder().pathways(p).build();
    }

    /** A builder starting from the paper's parameters. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().pathways(pathways).iouThreshold(iouThreshold).uncertaintyThreshold(uncertaintyThreshold)
                .modulationRange(modulationMin, modulationMax).modulation(modulation).memoryGating(memoryGating)
                .referenceParity(referenceParity).deduplicate(deduplicate).streamingFinalisation(streamingFinalisation);
    }

    /** Named setters for every parameter; {@link #build} validates them together. */
    public static final class Builder {
        private int pathways = 3;
        private double iouThreshold = 0.3;
        private double uncertaintyThreshold = 2.0;
        private double modulationMin = 0.95;
        private double modulationMax = 1.05;
        private boolean modulation = true;
        private boolean memoryGating = true;
        private boolean referenceParity;
        private boolean deduplicate = true;
        private boolean streamingFinalisation = true;

        private Builder() {}

        public Builder pathways(int p) { pathways = p; return this; }
        public Builder iouThreshold(double t) { iouThreshold = t; return this; }
        public Builder uncertaintyThreshold(double t) { uncertaintyThreshold = t; return this; }
        public Builder modulationRange(double min, double max) { modulationMin = min; modulationMax = max; return this; }
        public Builder modulation(boolean on) { modulation = on; return this; }
        public Builder memoryGating(boolean on) { memoryGating = on; return this; }
        public Builder referenceParity(boolean on) { referenceParity = on; return this; }
        public Builder deduplicate(boolean on) { deduplicate = on; return this; }
        public Builder streamingFinalisation(boolean on) { streamingFinalisation = on; return this; }

        public TreeSettings build() {
            return new TreeSettings(pathways, iouThreshold, uncertaintyThreshold, modulationMin, modulationMax,
                    modulation, memoryGating, referenceParity, deduplicate, streamingFinalisation);
        }
    }
}
