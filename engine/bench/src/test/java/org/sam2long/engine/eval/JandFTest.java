package org.sam2long.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JandFTest {
    private static final int W = 8;
    private static final int H = 8;
    private static final boolean[] SQUARE = Squares.rect(W, H, 2, 2, 4, 4);
    private static final boolean[] SHIFTED = Squares.rect(W, H, 3, 2, 4, 4); // J = 0.6, F = 1 (tolerance 1)
    private static final boolean[] EMPTY = new boolean[W * H];

    @Test
    void identicalSequenceScoresOne() {
        Score s = JandF.evaluate(List.of(SQUARE, SQUARE), List.of(SQUARE, SQUARE), W, H);
        assertEquals(1.0, s.j());
        assertEquals(1.0, s.f());
        assertEquals(1.0, s.jandf());
        assertEquals(2, s.count());
    }

    @Test
    void meansOverFramesAndNullIsAnEmptyPrediction() {
        // frame 0: J 0.6 F 1; frame 1: identical; frame 2: null prediction vs square -> 0, 0
        Score s = JandF.evaluate(Arrays.asList(SHIFTED, SQUARE, null), List.of(SQUARE, SQUARE, SQUARE), W, H);
        assertEquals((0.6 + 1 + 0) / 3, s.j(), 1e-12);
        assertEquals((1 + 1 + 0) / 3.0, s.f(), 1e-12);
        assertEquals((s.j() + s.f()) / 2, s.jandf(), 1e-12);
    }

    @Test
    void skipFirstLastLeavesOutTheFirstAndLastFrame() {
        // first and last predictions are empty (score 0) but skipped; the middle ones are J 0.6 and 1
        List<boolean[]> pred = List.of(EMPTY, SHIFTED, SQUARE, EMPTY);
        List<boolean[]> truth = List.of(SQUARE, SQUARE, SQUARE, SQUARE);
        Score s = JandF.evaluate(pred, truth, W, H, true);
        assertEquals(2, s.count());
        assertEquals(0.8, s.j(), 1e-12);
        assertEquals(1.0, s.f(), 1e-12);
        assertEquals(0.9, s.jandf(), 1e-12);
        assertEquals(0.4, JandF.evaluate(pred, truth, W, H, false).j(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> JandF.evaluate(List.of(SQUARE, SQUARE), List.of(SQUARE, SQUARE), W, H, true));
    }

    @Test
    void emptyTruthAndEmptyPredictionScoreOne() {
        Score s = JandF.evaluate(List.of(EMPTY), List.of(EMPTY), W, H);
        assertEquals(1.0, s.jandf());
    }

    @Test
    void objectsWeighEquallyWhateverTheirFrameCount() {
        Map<String, List<boolean[]>> truth = new LinkedHashMap<>();
        Map<String, List<boolean[]>> pred = new LinkedHashMap<>();
        truth.put("a", List.of(SQUARE, SQUARE, SQUARE, SQUARE));
        pred.put("a", List.of(SQUARE, EMPTY, EMPTY, EMPTY)); // J: 1, 0, 0, 0 -> 0.25
        truth.put("b", List.of(SQUARE));
        pred.put("b", List.of(SQUARE)); // 1
        Score s = JandF.evaluateObjects(pred, truth, W, H, false);
        assertEquals((0.25 + 1) / 2, s.j(), 1e-12); // not the pooled 2/5
        assertEquals(2, s.count());
        truth.put("c", List.of(SQUARE)); // missing from the prediction -> empty -> 0
        assertEquals((0.25 + 1 + 0) / 3, JandF.evaluateObjects(pred, truth, W, H, false).j(), 1e-12);
    }

    @Test
    void aggregatorAveragesPerObjectThenPerVideoThenOverVideos() {
        EvalAggregator agg = new EvalAggregator(false);
        // video v1, object a: J 1, 0, 0, 0 (mean .25), F all 1; object b: one frame J 1, F 0
        agg.add("v1", "a", "0", 1, 1);
        agg.add("v1", "a", "1", 0, 1);
        agg.add("v1", "a", "2", 0, 1);
        agg.add("v1", "a", "3", 0, 1);
        agg.add("v1", "b", "0", 1, 0);
        // video v2, object a: J 0, F 0
        agg.add("v2", "a", "0", 0, 0);
        EvalReport r = agg.report();
        assertEquals(3, r.objects().size());
        EvalReport.ObjectScore a = r.objects().get(0);
        assertEquals("v1", a.video());
        assertEquals("a", a.object());
        assertEquals(4, a.score().count());
        assertEquals(0.25, a.score().j(), 1e-12);
        assertEquals(0.625, a.score().jandf(), 1e-12);
        EvalReport.VideoScore v1 = r.videos().get(0);
        assertEquals((0.25 + 1) / 2, v1.score().j(), 1e-12); // per object first: not 2/5 over pooled frames
        assertEquals((1 + 0) / 2.0, v1.score().f(), 1e-12);
        assertEquals(2, v1.score().count());
        // overall: mean over the two videos (v2 is all zero)
        assertEquals(0.625 / 2, r.overall().j(), 1e-12);
        assertEquals(0.5 / 2, r.overall().f(), 1e-12);
        assertEquals((0.3125 + 0.25) / 2, r.overall().jandf(), 1e-12);
        assertEquals(2, r.overall().count());
        // DAVIS-2017-style mean over all three objects
        assertEquals((0.25 + 1 + 0) / 3, r.objectMean().j(), 1e-12);
        assertEquals(3, r.objectMean().count());
    }

    @Test
    void aggregatorSkipsTheFirstAndLastAnnotatedFrameInNaturalOrder() {
        EvalAggregator agg = new EvalAggregator(true);
        // frames named 5, 10, 15, 20 (SA-V annotates every 4th or 5th frame); "10" sorts after "5".
        // object 1 is wrong on the first (5) and last (20) frame only; object 2 only exists from 10 on
        agg.add("v", "1", "00020", 0, 0);
        agg.add("v", "1", "00005", 0, 0);
        agg.add("v", "1", "00010", 1, 1);
        agg.add("v", "1", "00015", 1, 1);
        agg.add("v", "2", "00010", 0.5, 0.5);
        agg.add("v", "2", "00015", 0.5, 0.5);
        agg.add("v", "2", "00020", 0, 0);
        assertEquals(List.of("00010", "00015"), agg.scoredFrames("v"));
        EvalReport r = agg.report();
        assertEquals(1.0, r.objects().get(0).score().jandf(), 1e-12);
        assertEquals(2, r.objects().get(0).score().count());
        assertEquals(0.5, r.objects().get(1).score().jandf(), 1e-12);
        assertEquals(0.75, r.overall().jandf(), 1e-12);
        assertEquals(true, r.skipFirstLast());
        // without the skip every frame counts
        EvalAggregator all = new EvalAggregator(false);
        all.add("v", "1", "00005", 0, 0);
        all.add("v", "1", "00010", 1, 1);
        assertEquals(0.5, all.report().overall().jandf(), 1e-12);
    }

    @Test
    void aggregatorDropsVideosWithTooFewFramesWhenSkippingAndSaysSo() {
        EvalAggregator agg = new EvalAggregator(true);
        agg.add("short", "1", "0", 1, 1);
        agg.add("short", "1", "1", 1, 1);
        EvalReport r = agg.report();
        assertEquals(0, r.videos().size());
        assertEquals(0, r.overall().count());
        assertEquals(1, r.notes().size());
        assertEquals("-", EvalReport.percent(r.overall().j()));
    }

    @Test
    void aggregatorRejectsDuplicatesAndOutOfRangeScores() {
        EvalAggregator agg = new EvalAggregator(false);
        agg.add("v", "1", "0", 1, 1);
        assertThrows(IllegalArgumentException.class, () -> agg.add("v", "1", "0", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> agg.add("v", "1", "1", 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> agg.add("v", "1", "2", Double.NaN, 1));
    }

    @Test
    void tableShowsPercentagesWithOneDecimalAndJsonHoldsFractions() {
        EvalAggregator agg = new EvalAggregator(false);
        agg.add(W + "", "1", "0", 0.87654, 0.5);
        EvalReport r = agg.report();
        String t = r.table();
        assertEquals(true, t.contains("87.7"), t);
        assertEquals(true, t.contains("50.0"), t);
        assertEquals(true, t.contains("68.8"), t); // (0.87654 + 0.5) / 2 = 0.68827
        String json = r.toJson();
        assertEquals(true, json.contains("\"J\" : 0.87654"), json);
        assertEquals(true, json.contains("\"skipFirstLast\" : false"), json);
    }

    @Test
    void frameNamesMatchByValueAndSortNaturally() {
        assertEquals("5", FrameNames.key("00005"));
        assertEquals("0", FrameNames.key("0000"));
        assertEquals("frame05", FrameNames.key("frame05"));
        List<String> l = new ArrayList<>(List.of("10", "9", "00011", "a10", "a9", "b"));
        l.sort(FrameNames.NATURAL);
        assertEquals(List.of("9", "10", "00011", "a9", "a10", "b"), l);
    }
}
