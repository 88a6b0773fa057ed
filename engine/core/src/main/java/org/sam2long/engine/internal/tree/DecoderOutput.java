package org.sam2long.engine.internal.tree;

/**
 * Mask-decoder outputs for one batch item: four masks (0 = single, 1..3 = multimask), their
 * predicted IoUs, the presence logit and one pointer per mask.
 */
public record DecoderOutput(float[][] masks, float[] iou, float presence, float[][] pointers) {}
