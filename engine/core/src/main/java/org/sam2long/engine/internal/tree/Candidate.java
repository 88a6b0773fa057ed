package org.sam2long.engine.internal.tree;

/**
 * One of the three multimask outputs of one pathway on one frame.
 *
 * @param pathway    index of the pathway that produced it
 * @param mask       multimask index 0..2
 * @param score      S_pathway + ln(IoU + 1e-5)
 * @param iou        predicted IoU
 * @param presence   the pathway's object-presence logit on this frame
 */
public record Candidate(int pathway, int mask, double score, float iou, float presence) {
    /** Predicted IoU, negated when the object is judged absent: the diversity key of the uncertain rule. */
    public double signedIou() {
        return presence > 0 ? iou : -iou;
    }
}
