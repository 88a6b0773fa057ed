package org.sam2long.engine.internal.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionRuleTest {

    /** Candidates of P pathways x 3 masks; score = pathway score + ln(iou + 1e-5). */
    private static List<Candidate> candidates(double[] pathwayScores, float[][] ious, float[] presence) {
        List<Candidate> out = new ArrayList<>();
        for (int p = 0; p < ious.length; p++) {
            for (int j = 0; j < 3; j++) {
                out.add(new Candidate(p, j, pathwayScores[p] + Math.log(ious[p][j] + 1e-5), ious[p][j], presence[p]));
            }
        }
        return out;
    }

    private static String ids(List<Candidate> kept) {
        StringBuilder sb = new StringBuilder();
        kept.forEach(c -> sb.append(c.pathway()).append(':').append(c.mask()).append(' '));
        return sb.toString().trim();
    }

    @Test
    void confidentKeepsTheBestScoresEvenIfAllFromOnePathway() {
        float[] presence = {5f, 4f, -6f};
        // scores: p0 = ln .95, ln .90, ln .30 ; p1 = -1 + ln .99 ... ; p2 = -0.02 + ln(.93)
        List<Candidate> c = candidates(new double[] {0, -1, -0.02}, new float[][] {
                {0.95f, 0.90f, 0.30f}, {0.99f, 0.98f, 0.97f}, {0.93f, 0.10f, 0.20f}}, presence);
        // by hand: 0:0 = -0.0513, 0:1 = -0.1054, 2:0 = -0.0926, 1:0 = -1.0101 -> order 0:0, 2:0, 0:1
        assertEquals("0:0 2:0 0:1", ids(SelectionRule.select(c, presence, 3, 2.0)));
    }

    @Test
    void uncertainSkipsDuplicateRoundedSignedIous() {
        float[] presence = {1.5f, -0.5f, 0.2f};
        // p0: .904 .896 .50 (signed .90 .90 .50); p1 absent: .904 -> -.90, .70 -> -.70, .20 -> -.20 ; p2: .899 (.90) .40 .30
        List<Candidate> c = candidates(new double[] {0, 0, 0}, new float[][] {
                {0.904f, 0.896f, 0.50f}, {0.904f, 0.70f, 0.20f}, {0.899f, 0.40f, 0.30f}}, presence);
        // score order: 0:0 (.904), 1:0 (.904), 2:0 (.899), 0:1 (.896), 1:1 (.70), 0:2 (.50), ...
        // 0:0 takes +.90; 1:0 is -.90 (new); 2:0 rounds to +.90 (taken); 0:1 +.90 (taken); 1:1 -.70 (new)
        assertEquals("0:0 1:0 1:1", ids(SelectionRule.select(c, presence, 3, 2.0)));
    }

    @Test
    void uncertainWithTooFewDistinctValuesFillsFromUnrepresentedPathways() {
        float[] presence = {1f, 1f, 1f};
        List<Candidate> c = candidates(new double[] {0, -0.5, -0.01}, new float[][] {
                {0.801f, 0.80f, 0.799f}, {0.80f, 0.802f, 0.798f}, {0.803f, 0.80f, 0.801f}}, presence);
        // every signed IoU rounds to .80: only the best (0:0) is distinct;
        // then the best of pathway 1 (1:1) and of pathway 2 (2:0) in pathway order
        assertEquals("0:0 1:1 2:0", ids(SelectionRule.select(c, presence, 3, 2.0)));
    }

    @Test
    void oneCertainPathwayMakesTheFrameConfident() {
        float[] presence = {0.1f, -2.5f};
        List<Candidate> c = candidates(new double[] {0, 0}, new float[][] {{0.9f, 0.9f, 0.9f}, {0.5f, 0.4f, 0.3f}}, presence);
        assertEquals("0:0 0:1", ids(SelectionRule.select(c, presence, 2, 2.0)));
    }

    @Test
    void modulationWeightsFollowPresenceRank() {
        float[] w = Modulation.weights(new float[] {10f, 3f, -1f, 5f}, 0.95, 1.05);
        assertEquals(1.05f, w[0], 1e-6);
        assertEquals(0.95f + 0.1f / 3, w[1], 1e-6);
        assertEquals(0.95f, w[2], 1e-6);
        assertEquals(0.95f + 0.2f / 3, w[3], 1e-6);
        assertEquals(1f, Modulation.weights(new float[] {7f}, 0.95, 1.05)[0]);
    }

    @Test
    void equalPresenceKeepsListOrderForRanks() {
        float[] w = Modulation.weights(new float[] {2f, 2f, 2f}, 0.9, 1.1);
        assertEquals(0.9f, w[0], 1e-6);
        assertEquals(1.0f, w[1], 1e-6);
        assertEquals(1.1f, w[2], 1e-6);
    }

    @Test
    void diversityKeyRoundsLikePython() {
        // hand-checked against Python 3: round(0.125, 2) == 0.12, round(0.375, 2) == 0.38,
        // round(float32(0.675), 2) == 0.68 (0.67500001...), round(0.005, 2) == 0.01 (0.005000000000000000104...),
        // round(-0.125, 2) == -0.12, round(0.985, 2) == 0.98 (0.98499999999999998667...)
        org.junit.jupiter.api.Assertions.assertEquals(12, SelectionRule.diversityKey(0.125));
        org.junit.jupiter.api.Assertions.assertEquals(38, SelectionRule.diversityKey(0.375));
        org.junit.jupiter.api.Assertions.assertEquals(68, SelectionRule.diversityKey((double) 0.675f));
        org.junit.jupiter.api.Assertions.assertEquals(1, SelectionRule.diversityKey(0.005));
        org.junit.jupiter.api.Assertions.assertEquals(-12, SelectionRule.diversityKey(-0.125));
        org.junit.jupiter.api.Assertions.assertEquals(98, SelectionRule.diversityKey(0.985));
    }
}
