package org.sam2long.engine.tree;

/**
 * SAM2Long memory-tree parameters. Defaults are the paper's (P=3, IoU threshold 0.3, uncertainty 2,
 * modulation 0.95..1.05). {@link #sam2Baseline()} (P=1, no gating, no modulation) is plain SAM 2.1.
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
        if (pathways < 1) {
            throw new IllegalArgumentException("tree.pathways must be at least 1, got " + pathways);
        }
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("tree.iouThreshold must be between 0 and 1, got " + iouThreshold);
        }
        if (!(uncertaintyThreshold >= 0)) {
            throw new IllegalArgumentException("tree.uncertaintyThreshold must be 0 or more, got " + uncertaintyThreshold);
        }
        if (!(modulationMin > 0 && modulationMax >= modulationMin)) {
            throw new IllegalArgumentException("tree.modulationMin/modulationMax must satisfy 0 < min <= max, got "
                    + modulationMin + ".." + modulationMax);
        }
    }

    /** The paper's parameters. */
    public static TreeSettings paper() {
        return new TreeSettings(3, 0.3, 2.0, 0.95, 1.05, true, true, false, true, true);
    }

    /** The reference script's parameters (IoU threshold 0.1) with its quirks reproduced. */
    public static TreeSettings referenceScript() {
        return new TreeSettings(3, 0.1, 2.0, 0.95, 1.05, true, true, true, true, false);
    }

    /** One pathway, no gating, no modulation: exactly SAM 2.1. */
    public static TreeSettings sam2Baseline() {
        return new TreeSettings(1, 0.0, 2.0, 1.0, 1.0, false, false, false, true, true);
    }

    public TreeSettings withPathways(int p) {
        return new TreeSettings(p, iouThreshold, uncertaintyThreshold, modulationMin, modulationMax, modulation,
                memoryGating, referenceParity, deduplicate, streamingFinalisation);
    }
}
