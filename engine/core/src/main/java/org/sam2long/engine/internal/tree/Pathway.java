package org.sam2long.engine.internal.tree;

/**
 * One hypothesis of the memory tree: a cumulative score and the last node of its history.
 * Two pathways with the same tail hold identical memory and produce identical outputs.
 *
 * @param score cumulative score S (sum of ln(IoU + 1e-5) over chosen candidates)
 * @param tail  last chosen frame memory
 */
public record Pathway(double score, FrameMemory tail) {}
