package org.sam2long.engine.internal.tree;

/** When a tracked frame's matte becomes final. */
public enum Finalisation {
    /** As soon as every live pathway shares the node (always at once with one pathway). */
    STREAMING,
    /** Only when the pass ends or reaches the next prompt: the winning pathway's whole history. */
    AT_END
}
