package org.sam2long.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderEvaluatorTest {
    private static final int W = 16;
    private static final int H = 16; // tolerance ceil(0.008 * 22.6) = 1
    private static final FolderEvaluator.Options OPTS = FolderEvaluator.Options.defaults().withThreads(2);

    @TempDir
    Path tmp;

    /** Two objects: object 1 a 4x4 square at (2, 2), object 2 a 4x4 square at (x2, 9). */
    private static int[] twoObjects(int x2) {
        int[] l = EvalPngs.labels(W, H, null, 1, 2, 2, 4, 4);
        return EvalPngs.labels(W, H, l, 2, x2, 9, 4, 4);
    }

    private static EvalReport.ObjectScore object(EvalReport r, String video, String object) {
        return r.objects().stream().filter(o -> o.video().equals(video) && o.object().equals(object))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + video + "/" + object + " in " + r.objects()));
    }

    @Test
    void readsRawPaletteIndicesNotColours() {
        int[] labels = new int[W * H];
        labels[0] = 1;
        labels[1] = 2;
        labels[2] = 255;
        labels[17] = 7;
        MaskImages.LabelImage img = MaskImages.read(EvalPngs.palettePng(tmp.resolve("p8.png"), W, H, labels));
        assertEquals(MaskImages.Kind.INDEXED, img.kind());
        assertArrayEquals(labels, img.values());
        // a 4-bit palette PNG (packed pixels)
        int[] small = new int[W * H];
        small[3] = 3;
        small[40] = 15;
        MaskImages.LabelImage img4 = MaskImages.read(EvalPngs.palettePng(tmp.resolve("p4.png"), W, H, small, 4));
        assertEquals(MaskImages.Kind.INDEXED, img4.kind());
        assertArrayEquals(small, img4.values());
        // 16-bit grayscale keeps its range
        int[] g = new int[W * H];
        g[5] = 40000;
        MaskImages.LabelImage img16 = MaskImages.read(EvalPngs.grayPng(tmp.resolve("g16.png"), W, H, g, true));
        assertEquals(65535, img16.max());
        assertEquals(40000, img16.values()[5]);
        assertTrue(img16.inside(0.5)[5]);
    }

    @Test
    void davisPaletteDatasetPerObjectAndSkipFirstLast() {
        Path truth = tmp.resolve("truth");
        Path pred = tmp.resolve("pred");
        for (int f = 0; f < 3; f++) {
            String name = String.format("%05d.png", f);
            EvalPngs.palettePng(truth.resolve("cows").resolve(name), W, H, twoObjects(9));
            // frame 1: object 2 predicted one pixel to the right -> J 12/20 = 0.6, F 1 (tolerance 1)
            EvalPngs.palettePng(pred.resolve("cows").resolve(name), W, H, twoObjects(f == 1 ? 10 : 9));
        }
        EvalReport all = FolderEvaluator.evaluate(pred, truth, OPTS);
        assertEquals(1.0, object(all, "cows", "1").score().jandf());
        EvalReport.ObjectScore o2 = object(all, "cows", "2");
        assertEquals(3, o2.score().count());
        assertEquals((1 + 0.6 + 1) / 3, o2.score().j(), 1e-12);
        assertEquals(1.0, o2.score().f(), 1e-12);
        assertEquals((1 + (1 + 0.6 + 1) / 3) / 2, all.videos().get(0).score().j(), 1e-12);

        EvalReport skipped = FolderEvaluator.evaluate(pred, truth, OPTS.withSkipFirstLast(true));
        EvalReport.ObjectScore s2 = object(skipped, "cows", "2");
        assertEquals(1, s2.score().count()); // only frame 00001
        assertEquals(0.6, s2.score().j(), 1e-12);
        assertEquals((0.6 + 1) / 2, s2.score().jandf(), 1e-12);
        assertEquals((1 + 0.8) / 2, skipped.overall().jandf(), 1e-12);
    }

    @Test
    void missingPredictionFrameIsAnEmptyPredictionAndIsReported() {
        Path truth = tmp.resolve("truth");
        Path pred = tmp.resolve("pred");
        for (int f = 0; f < 4; f++) {
            String name = String.format("%05d.png", f);
            EvalPngs.palettePng(truth.resolve("v").resolve(name), W, H, twoObjects(9));
            if (f != 2) {
                EvalPngs.palettePng(pred.resolve("v").resolve(name), W, H, twoObjects(9));
            }
        }
        EvalReport r = FolderEvaluator.evaluate(pred, truth, OPTS);
        assertEquals(0.75, object(r, "v", "1").score().jandf(), 1e-12);
        assertEquals(0.75, object(r, "v", "2").score().jandf(), 1e-12);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("2 of 8 object-frames have no prediction file")),
                r.notes().toString());
    }

    @Test
    void objectAbsentFromBothMasksOnAFrameScoresOneThere() {
        Path truth = tmp.resolve("truth");
        Path pred = tmp.resolve("pred");
        // object 2 only on frame 1; the prediction misses it there
        EvalPngs.palettePng(truth.resolve("v/0.png"), W, H, EvalPngs.labels(W, H, null, 1, 2, 2, 4, 4));
        EvalPngs.palettePng(truth.resolve("v/1.png"), W, H, twoObjects(9));
        EvalPngs.palettePng(pred.resolve("v/0.png"), W, H, EvalPngs.labels(W, H, null, 1, 2, 2, 4, 4));
        EvalPngs.palettePng(pred.resolve("v/1.png"), W, H, EvalPngs.labels(W, H, null, 1, 2, 2, 4, 4));
        EvalReport r = FolderEvaluator.evaluate(pred, truth, OPTS);
        assertEquals(2, object(r, "v", "2").score().count());
        assertEquals(0.5, object(r, "v", "2").score().jandf(), 1e-12); // frame 0: 1 (absent in both), frame 1: 0
    }

    @Test
    void voidLabelIsIgnored() {
        int[] t = EvalPngs.labels(W, H, null, 1, 2, 2, 4, 4);
        t = EvalPngs.labels(W, H, t, 255, 10, 0, 6, 16);
        int[] p = EvalPngs.labels(W, H, null, 1, 2, 2, 4, 4);
        p = EvalPngs.labels(W, H, p, 1, 11, 3, 4, 4); // a false positive inside the void band
        EvalPngs.palettePng(tmp.resolve("truth/v/0.png"), W, H, t);
        EvalPngs.palettePng(tmp.resolve("pred/v/0.png"), W, H, p);
        EvalReport r = FolderEvaluator.evaluate(tmp.resolve("pred"), tmp.resolve("truth"), OPTS);
        assertEquals(1, r.objects().size()); // 255 is not an object
        assertEquals(1.0, r.overall().jandf());
    }

    @Test
    void sizeMismatchIsOneErrorNamingTheFile() {
        EvalPngs.palettePng(tmp.resolve("truth/v/00000.png"), W, H, twoObjects(9));
        EvalPngs.palettePng(tmp.resolve("pred/v/00000.png"), W + 2, H, new int[(W + 2) * H]);
        EvalException e = assertThrows(EvalException.class,
                () -> FolderEvaluator.evaluate(tmp.resolve("pred"), tmp.resolve("truth"), OPTS));
        assertTrue(e.getMessage().contains(tmp.resolve("pred/v/00000.png").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("18x16"), e.getMessage());
        assertTrue(e.getMessage().contains("16x16"), e.getMessage());
    }

    @Test
    void missingOrEmptyFoldersAreOneSentence() {
        EvalException e = assertThrows(EvalException.class,
                () -> FolderEvaluator.evaluate(tmp.resolve("nope"), tmp, OPTS));
        assertTrue(e.getMessage().startsWith("The ground-truth folder"), e.getMessage());
        EvalPngs.palettePng(tmp.resolve("truth/v/0.png"), W, H, twoObjects(9));
        e = assertThrows(EvalException.class, () -> FolderEvaluator.evaluate(tmp.resolve("nope"), tmp.resolve("truth"), OPTS));
        assertEquals("The prediction folder " + tmp.resolve("nope") + " does not exist.", e.getMessage());
        e = assertThrows(EvalException.class, () -> FolderEvaluator.evaluate(tmp.resolve("truth/v"), tmp.resolve("truth"),
                OPTS.withLayouts(MaskLayout.OBJECTS, MaskLayout.AUTO)));
        assertTrue(e.getMessage().contains("palette layout"), e.getMessage());
    }

    @Test
    void colourPngInThePaletteLayoutIsRejected() {
        EvalPngs.rgbPng(tmp.resolve("truth/v/0.png"), W, H, twoObjects(9));
        EvalPngs.palettePng(tmp.resolve("pred/v/0.png"), W, H, twoObjects(9));
        EvalException e = assertThrows(EvalException.class,
                () -> FolderEvaluator.evaluate(tmp.resolve("pred"), tmp.resolve("truth"), OPTS));
        assertTrue(e.getMessage().contains("colour image"), e.getMessage());
    }

    @Test
    void savPerObjectTruthAgainstTrackOutputWithOtherPaddingAndSoftMattes() {
        // truth: SA-V <video>/<object>/<frame>.png, 0/255 grayscale; objects 000 and 001
        // prediction: one track output <object>/<object>.<frame>.png, 16-bit soft mattes, 4-digit frames
        Path truth = tmp.resolve("sav");
        Path pred = tmp.resolve("out");
        for (int f = 0; f < 3; f++) {
            int[] a = EvalPngs.labels(W, H, null, 255, 2, 2, 4, 4);
            int[] b = EvalPngs.labels(W, H, null, 255, 9, 9, 4, 4);
            EvalPngs.grayPng(truth.resolve(String.format("sav_001/000/%05d.png", f * 4)), W, H, a, false);
            EvalPngs.grayPng(truth.resolve(String.format("sav_001/001/%05d.png", f * 4)), W, H, b, false);
            // soft matte: 60000 inside, 30000 (< half) in a fringe around it -> thresholded away
            int[] ma = EvalPngs.labels(W, H, null, 30000, 1, 1, 6, 6);
            ma = EvalPngs.labels(W, H, ma, 60000, 2, 2, 4, 4);
            int[] mb = EvalPngs.labels(W, H, null, 60000, 9, 9, 4, 4);
            EvalPngs.grayPng(pred.resolve(String.format("0/0.%04d.png", f * 4)), W, H, ma, true);
            if (f != 1) {
                EvalPngs.grayPng(pred.resolve(String.format("1/1.%04d.png", f * 4)), W, H, mb, true);
            }
        }
        EvalReport r = FolderEvaluator.evaluate(pred, truth, OPTS);
        assertTrue(r.notes().get(0).contains("track output layout, one video (out)"), r.notes().get(0));
        assertTrue(r.notes().get(0).contains("per-object layout"), r.notes().get(0));
        assertEquals("sav_001", r.videos().get(0).video());
        assertEquals(1.0, object(r, "sav_001", "000").score().jandf(), 1e-12);
        EvalReport.ObjectScore o1 = object(r, "sav_001", "001");
        assertEquals(3, o1.score().count());
        assertEquals(2.0 / 3, o1.score().jandf(), 1e-12); // frame 4 missing -> empty
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("1 of 6 object-frames")), r.notes().toString());
        // any non-zero as inside: the 30000 fringe now counts -> object 000 is a 6x6 vs a 4x4 square
        EvalReport loose = FolderEvaluator.evaluate(pred, truth, OPTS.withThreshold(0.0));
        assertEquals(16.0 / 36, object(loose, "sav_001", "000").score().j(), 1e-12);
    }

    @Test
    void singleVideoPredictionNeedsAVideoNameWhenTheTruthHasSeveral() {
        for (String v : new String[] {"a", "b"}) {
            EvalPngs.palettePng(tmp.resolve("truth/" + v + "/00000.png"), W, H, twoObjects(9));
        }
        EvalPngs.palettePng(tmp.resolve("clip/00000.png"), W, H, twoObjects(9));
        EvalException e = assertThrows(EvalException.class,
                () -> FolderEvaluator.evaluate(tmp.resolve("clip"), tmp.resolve("truth"), OPTS));
        assertTrue(e.getMessage().contains("--video"), e.getMessage());
        EvalReport r = FolderEvaluator.evaluate(tmp.resolve("clip"), tmp.resolve("truth"), OPTS.withVideo("b"));
        assertEquals(1, r.videos().size());
        assertEquals("b", r.videos().get(0).video());
        assertEquals(1.0, r.overall().jandf());
    }

    @Test
    void extraPredictionVideosAndObjectsAreIgnoredAndNamed() {
        EvalPngs.palettePng(tmp.resolve("truth/a/0.png"), W, H, EvalPngs.labels(W, H, null, 1, 2, 2, 4, 4));
        EvalPngs.palettePng(tmp.resolve("pred/a/0.png"), W, H, twoObjects(9));
        EvalPngs.palettePng(tmp.resolve("pred/zzz/0.png"), W, H, twoObjects(9));
        EvalReport r = FolderEvaluator.evaluate(tmp.resolve("pred"), tmp.resolve("truth"), OPTS);
        assertEquals(1, r.objects().size());
        assertEquals(1.0, r.overall().jandf());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("ignored: zzz")), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("objects not in the ground truth were ignored: 2")),
                r.notes().toString());
    }

    @Test
    void missingPredictionVideoScoresEmpty() {
        EvalPngs.palettePng(tmp.resolve("truth/a/0.png"), W, H, twoObjects(9));
        EvalPngs.palettePng(tmp.resolve("truth/b/0.png"), W, H, twoObjects(9));
        EvalPngs.palettePng(tmp.resolve("pred/a/0.png"), W, H, twoObjects(9));
        EvalReport r = FolderEvaluator.evaluate(tmp.resolve("pred"), tmp.resolve("truth"), OPTS);
        assertEquals(0.5, r.overall().jandf(), 1e-12);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("Video b has no prediction folder")), r.notes().toString());
    }

    @Test
    void oneVideoOfObjectFoldersIsRecognisedFromTheTrackOutputsObjectNames() {
        // truth: clip/<object>/<frame>.png (looks like a palette data set by depth alone);
        // prediction: a track output of 8-bit RGBA mattes whose alpha holds the matte
        int[] sq = EvalPngs.labels(W, H, null, 255, 2, 2, 4, 4);
        int[] alpha = EvalPngs.labels(W, H, null, 100, 1, 1, 6, 6); // 100 < 127.5: outside
        alpha = EvalPngs.labels(W, H, alpha, 200, 2, 2, 4, 4);
        for (int f = 0; f < 2; f++) {
            EvalPngs.grayPng(tmp.resolve(String.format("clip/hero/%05d.png", f)), W, H, sq, false);
            EvalPngs.rgbaPng(tmp.resolve(String.format("out/hero/hero.%04d.png", f)), W, H, alpha);
        }
        EvalReport r = FolderEvaluator.evaluate(tmp.resolve("out"), tmp.resolve("clip"), OPTS);
        assertEquals(1.0, object(r, "clip", "hero").score().jandf(), r.notes().toString());
        assertTrue(r.notes().get(0).contains("read as one video of per-object folders"), r.notes().toString());
        // an explicit layout is obeyed: read as palette, the 255s are void and no object is left
        EvalReport asPalette = FolderEvaluator.evaluate(tmp.resolve("out"), tmp.resolve("clip"),
                OPTS.withLayouts(MaskLayout.AUTO, MaskLayout.PALETTE).withVideo("hero"));
        assertEquals(0, asPalette.videos().size());
    }
}
