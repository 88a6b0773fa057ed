package org.sam2long.engine.internal.track;

/**
 * Prompt inputs of one decoder batch item, in model-input pixels.
 *
 * @param coords   K x 2 point coordinates (x, y)
 * @param labels   K labels (1, 0, 2, 3, or -1 for padding)
 * @param mask     M x M mask prompt logits, or null
 */
public record DecoderInput(float[] coords, float[] labels, float[] mask) {
    public static DecoderInput none() {
        return new DecoderInput(new float[] {0f, 0f}, new float[] {-1f}, null);
    }

    int points() {
        return labels.length;
    }
}
