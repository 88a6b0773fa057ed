package org.sam2long.engine.internal.tree;

/** How far a conditioning frame's object pointer counts from the frame being tracked. */
public enum ConditioningDistance {
    /** Frames from the conditioning frame in the direction of tracking (SAM 2.1's predictor). */
    SIGNED,
    /** The absolute frame difference (the SAM2Long reference script). */
    UNSIGNED
}
