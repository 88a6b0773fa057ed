package org.sam2long.engine.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * J&F between a folder of predicted masks and a folder of ground-truth masks (see {@link MaskLayout}).
 *
 * <p>Matching: videos by folder name, objects by folder name or palette value, frames by file name
 * (digits-only names by value, so {@code 00005.png}, {@code obj.0005.png} and {@code 5.png} are the same
 * frame). The ground truth decides what is scored: its annotated frames and its objects. A palette video's
 * objects are all values other than 0 and 255 that occur on any of its frames; an object absent from both
 * masks on a frame scores J = F = 1 there, as in DAVIS. A frame (or object) with no prediction file is
 * scored as an empty prediction and reported in the notes; prediction frames, objects and videos that the
 * ground truth lacks are ignored (objects and videos are named in the notes). Masks of different sizes
 * stop the evaluation with an error naming both files.
 *
 * <p>A prediction that is one video (a {@code track} output, or a palette folder of frames) is matched
 * with the ground-truth video named by {@link Options#video}, else the one of the same folder name, else
 * the only one.
 */
public final class FolderEvaluator {
    private FolderEvaluator() {}

    /**
     * @param predLayout    layout of the predicted folder ({@link MaskLayout#AUTO} to detect)
     * @param truthLayout   layout of the ground-truth folder
     * @param skipFirstLast leave out the first and last annotated frame of each video (SA-V protocol)
     * @param video         evaluate only this video (and match a one-video prediction with it); null: all
     * @param threshold     per-object and track masks: inside where value > threshold x max value; null:
     *                      0 for {@link MaskLayout#OBJECTS} (any non-zero), 0.5 for {@link MaskLayout#TRACK}
     * @param threads       frames decoded and scored in parallel (at least 1)
     */
    public record Options(MaskLayout predLayout, MaskLayout truthLayout, boolean skipFirstLast, String video,
                          Double threshold, int threads) {
        public Options {
            if (predLayout == null || truthLayout == null) {
                throw new IllegalArgumentException("Layouts must be set (AUTO to detect).");
            }
            if (threshold != null && !(threshold >= 0 && threshold < 1)) {
                throw new IllegalArgumentException("The mask threshold must lie in [0, 1), got " + threshold + ".");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("Threads must be at least 1, got " + threads + ".");
            }
        }

        /** Auto-detected layouts, all frames, all videos, default thresholds, one thread per core. */
        public static Options defaults() {
            return new Options(MaskLayout.AUTO, MaskLayout.AUTO, false, null, null,
                    Runtime.getRuntime().availableProcessors());
        }

        public Options withSkipFirstLast(boolean skip) {
            return new Options(predLayout, truthLayout, skip, video, threshold, threads);
        }

        public Options withVideo(String name) {
            return new Options(predLayout, truthLayout, skipFirstLast, name, threshold, threads);
        }

        public Options withLayouts(MaskLayout pred, MaskLayout truth) {
            return new Options(pred, truth, skipFirstLast, video, threshold, threads);
        }

        public Options withThreshold(Double t) {
            return new Options(predLayout, truthLayout, skipFirstLast, video, t, threads);
        }

        public Options withThreads(int n) {
            return new Options(predLayout, truthLayout, skipFirstLast, video, threshold, n);
        }
    }

    /** Evaluates; throws {@link EvalException} with a one-sentence message on bad input. */
    public static EvalReport evaluate(Path predicted, Path truth, Options options) {
        MaskFolder t = MaskFolder.scan(truth, options.truthLayout(), "ground-truth");
        MaskFolder p = MaskFolder.scan(predicted, options.predLayout(), "prediction");
        EvalAggregator agg = new EvalAggregator(options.skipFirstLast());
        // <dir>/<name>/<frame>.png is either a palette data set or one per-object video; when the other side
        // is one per-object video whose objects carry those names, it is the latter
        if (options.truthLayout() == MaskLayout.AUTO && namedLikeObjectsOf(t, p)) {
            t = MaskFolder.scan(truth, MaskLayout.OBJECTS, "ground-truth");
            agg.note("The ground-truth sub-folders are named like the prediction's objects, so the ground truth"
                    + " is read as one video of per-object folders (--truth-layout overrides this).");
        } else if (options.predLayout() == MaskLayout.AUTO && namedLikeObjectsOf(p, t)) {
            p = MaskFolder.scan(predicted, MaskLayout.OBJECTS, "prediction");
            agg.note("The prediction sub-folders are named like the ground truth's objects, so the prediction"
                    + " is read as one video of per-object folders (--pred-layout overrides this).");
        }
        agg.note("Ground truth: " + describe(t) + "; prediction: " + describe(p) + ".");
        Map<MaskFolder.Video, MaskFolder.Video> pairs = match(p, t, options.video(), agg);
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread th = new Thread(r, "sam2long-eval");
            th.setDaemon(true);
            return th;
        });
        try {
            for (Map.Entry<MaskFolder.Video, MaskFolder.Video> e : pairs.entrySet()) {
                evaluateVideo(e.getKey(), e.getValue(), options, agg, pool);
            }
        } finally {
            pool.shutdownNow();
        }
        return agg.report();
    }

    /** True when {@code a} was read as a palette data set and some of its video names are objects of {@code b}. */
    private static boolean namedLikeObjectsOf(MaskFolder a, MaskFolder b) {
        if (a.layout != MaskLayout.PALETTE || a.singleVideo || !b.singleVideo || b.layout == MaskLayout.PALETTE) {
            return false;
        }
        Set<String> objects = b.videos.firstEntry().getValue().objects.keySet();
        return a.videos.keySet().stream().anyMatch(v -> objects.contains(FrameNames.key(v)));
    }

    /** Truth video -> predicted video (null when the prediction has none), in the truth's order. */
    private static Map<MaskFolder.Video, MaskFolder.Video> match(MaskFolder pred, MaskFolder truth, String only,
                                                               EvalAggregator agg) {
        List<MaskFolder.Video> truthVideos = new ArrayList<>();
        if (only != null && !truth.singleVideo) {
            MaskFolder.Video v = truth.videos.get(only);
            if (v == null) {
                throw new EvalException("The ground truth " + truth.root + " has no video " + only
                        + " (it has " + names(truth.videos.keySet()) + ").");
            }
            truthVideos.add(v);
        } else if (pred.singleVideo && !truth.singleVideo && truth.videos.size() > 1) {
            String name = pred.videos.firstKey();
            MaskFolder.Video v = truth.videos.get(name);
            if (v == null) {
                throw new EvalException("The prediction " + pred.root + " is a single video and the ground truth has "
                        + truth.videos.size() + " videos; name the one to compare with --video.");
            }
            agg.note("The prediction is the single video " + name + "; only that ground-truth video is scored.");
            truthVideos.add(v);
        } else {
            truthVideos.addAll(truth.videos.values());
        }
        Map<MaskFolder.Video, MaskFolder.Video> out = new LinkedHashMap<>();
        Set<String> used = new TreeSet<>(FrameNames.NATURAL);
        for (MaskFolder.Video tv : truthVideos) {
            MaskFolder.Video pv;
            if (pred.singleVideo) {
                pv = pred.videos.firstEntry().getValue();
            } else if (truth.singleVideo) {
                String name = only != null ? only : tv.name;
                pv = pred.videos.get(name);
                if (pv == null && pred.videos.size() == 1) {
                    pv = pred.videos.firstEntry().getValue();
                }
                if (pv == null) {
                    throw new EvalException("The ground truth " + truth.root + " is a single video and the prediction "
                            + pred.root + " has no video " + name + "; name the prediction video with --video.");
                }
            } else {
                pv = pred.videos.get(tv.name);
            }
            if (pv == null) {
                agg.note("Video " + tv.name + " has no prediction folder; all its objects are scored as empty.");
            } else {
                used.add(pv.name);
            }
            out.put(tv, pv);
        }
        List<String> unused = new ArrayList<>();
        if (!pred.singleVideo && !truth.singleVideo && only == null) {
            pred.videos.keySet().stream().filter(v -> !used.contains(v)).forEach(unused::add);
        }
        if (!unused.isEmpty()) {
            agg.note("Prediction videos not in the ground truth were ignored: " + names(unused) + ".");
        }
        return out;
    }

    private static String describe(MaskFolder f) {
        String layout = switch (f.layout) {
            case PALETTE -> "palette layout";
            case OBJECTS -> "per-object layout";
            case TRACK -> "track output layout";
            default -> f.layout.toString();
        };
        return layout + ", " + (f.singleVideo ? "one video (" + f.videos.firstKey() + ")"
                : f.videos.size() + " video" + (f.videos.size() == 1 ? "" : "s"));
    }

    private static String names(Iterable<String> names) {
        List<String> l = new ArrayList<>();
        names.forEach(l::add);
        if (l.size() > 10) {
            return String.join(", ", l.subList(0, 10)) + " and " + (l.size() - 10) + " more";
        }
        return l.isEmpty() ? "none" : String.join(", ", l);
    }

    /** What one frame task found. */
    private record FrameResult(String frame, Set<String> truthObjects, Map<String, double[]> scores,
                               List<String> missing) {}

    private static void evaluateVideo(MaskFolder.Video tv, MaskFolder.Video pv, Options options,
                                      EvalAggregator agg, ExecutorService pool) {
        NavigableSet<String> all = tv.frameKeys();
        agg.declareFrames(tv.name, all);
        Set<String> scored = new TreeSet<>(FrameNames.NATURAL);
        scored.addAll(agg.scoredFrames(tv.name));
        boolean palette = tv.layout == MaskLayout.PALETTE;
        List<Future<FrameResult>> futures = new ArrayList<>();
        for (String frame : all) {
            boolean score = scored.contains(frame);
            if (!score && !palette) {
                continue; // a palette truth is read on every frame: its objects are the labels of all frames
            }
            futures.add(pool.submit(() -> frame(tv, pv, frame, score, options)));
        }
        List<FrameResult> results = new ArrayList<>();
        for (Future<FrameResult> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvalException("The evaluation was interrupted.", e);
            } catch (ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                Throwable c = e.getCause();
                if (c instanceof EvalException ee) {
                    throw ee;
                }
                throw new EvalException("Scoring video " + tv.name + " failed: " + c, c);
            }
        }
        // the objects of the video: folders, or every label seen in the truth
        Map<String, String> objects = new LinkedHashMap<>(); // key -> display name
        if (palette) {
            Set<String> labels = new TreeSet<>(FrameNames.NATURAL);
            results.forEach(r -> labels.addAll(r.truthObjects()));
            labels.forEach(l -> objects.put(l, l));
        } else {
            tv.objects.forEach((k, o) -> objects.put(k, o.name()));
        }
        Set<String> predOnly = new TreeSet<>(FrameNames.NATURAL);
        int missing = 0;
        int total = 0;
        String example = null;
        for (FrameResult r : results) {
            if (!scored.contains(r.frame())) {
                continue;
            }
            for (Map.Entry<String, String> o : objects.entrySet()) {
                double[] jf = r.scores().get(o.getKey());
                if (jf == null) {
                    if (!palette) {
                        continue; // this object has no annotation on this frame
                    }
                    jf = new double[] {1, 1}; // absent from truth and prediction
                }
                agg.add(tv.name, o.getValue(), r.frame(), jf[0], jf[1]);
                total++;
            }
            missing += r.missing().size();
            if (example == null && !r.missing().isEmpty()) {
                example = r.missing().get(0);
            }
            r.scores().keySet().stream().filter(k -> !objects.containsKey(k)).forEach(predOnly::add);
        }
        if (pv != null && pv.layout != MaskLayout.PALETTE) {
            pv.objects.keySet().stream().filter(k -> !objects.containsKey(k)).forEach(predOnly::add);
        }
        if (pv != null && total > 0 && missing >= total) {
            throw new EvalException("Video " + tv.name + ": the prediction and the ground truth share no frames"
                    + " (none of the " + total + " object-frames to score has a prediction file; first missing: " + example
                    + "); check the frame numbers and object names of the prediction.");
        }
        if (pv != null && missing > 0) {
            agg.note("Video " + tv.name + ": " + missing + " of " + total + " object-frames have no prediction"
                    + " file and were scored as empty masks (first: " + example + ").");
        }
        if (!predOnly.isEmpty()) {
            agg.note("Video " + tv.name + ": prediction objects not in the ground truth were ignored: "
                    + names(predOnly) + ".");
        }
    }

    private static FrameResult frame(MaskFolder.Video tv, MaskFolder.Video pv, String frame, boolean score,
                                     Options options) {
        Map<String, double[]> scores = new HashMap<>();
        List<String> missing = new ArrayList<>();
        Set<String> truthObjects = new TreeSet<>(FrameNames.NATURAL);
        Prediction pred = new Prediction(pv, frame, options);
        if (tv.layout == MaskLayout.PALETTE) {
            MaskImages.LabelImage t = MaskImages.read(tv.frames.get(frame));
            requireLabels(t);
            boolean[] voidPixels = null;
            for (int v : t.values()) {
                if (v == 255) {
                    voidPixels = t.equalTo(255);
                    break;
                }
            }
            Set<Integer> ids = new TreeSet<>();
            for (int v : t.values()) {
                if (v != 0 && v != 255) {
                    ids.add(v);
                }
            }
            ids.forEach(i -> truthObjects.add(Integer.toString(i)));
            if (!score) {
                return new FrameResult(frame, truthObjects, scores, missing);
            }
            Set<String> candidates = new TreeSet<>(FrameNames.NATURAL);
            candidates.addAll(truthObjects);
            candidates.addAll(pred.objectsPresent(t));
            for (String o : candidates) {
                Integer label = label(o);
                boolean[] truthMask = label != null && ids.contains(label) ? t.equalTo(label)
                        : new boolean[t.values().length];
                boolean[] p = pred.mask(o, t, missing);
                scores.put(o, jf(p, truthMask, voidPixels, t.width(), t.height()));
            }
        } else {
            double threshold = threshold(tv.layout, options);
            MaskImages.LabelImage first = null;
            for (Map.Entry<String, MaskFolder.ObjectFrames> e : tv.objects.entrySet()) {
                Path file = e.getValue().frames().get(frame);
                if (file == null) {
                    continue;
                }
                truthObjects.add(e.getKey());
                MaskImages.LabelImage t = MaskImages.read(file);
                if (first == null) {
                    first = t;
                } else {
                    sameSize(first, t, "ground-truth mask", "ground-truth mask");
                }
                boolean[] p = pred.mask(e.getKey(), t, missing);
                scores.put(e.getKey(), jf(p, t.inside(threshold), null, t.width(), t.height()));
            }
        }
        return new FrameResult(frame, truthObjects, scores, missing);
    }

    /** The palette value an object name stands for, or null when it is not a number a palette can hold. */
    static Integer label(String object) {
        return FrameNames.allDigits(object) && object.length() <= 9 ? Integer.valueOf(object) : null;
    }

    private static double[] jf(boolean[] p, boolean[] t, boolean[] voidPixels, int w, int h) {
        return new double[] {RegionSimilarity.j(p, t, voidPixels, w, h), BoundaryAccuracy.f(p, t, voidPixels, w, h)};
    }

    private static double threshold(MaskLayout layout, Options options) {
        if (options.threshold() != null) {
            return options.threshold();
        }
        return layout == MaskLayout.TRACK ? 0.5 : 0.0;
    }

    private static void requireLabels(MaskImages.LabelImage t) {
        if (t.kind() != MaskImages.Kind.INDEXED && t.kind() != MaskImages.Kind.GRAY) {
            throw new EvalException("The mask " + t.file() + " is a colour image; the palette layout needs indexed"
                    + " (palette) or grayscale PNGs whose pixel value k is object k.");
        }
    }

    private static void sameSize(MaskImages.LabelImage expected, MaskImages.LabelImage actual, String what,
                                 String expectedWhat) {
        if (expected.width() != actual.width() || expected.height() != actual.height()) {
            throw new EvalException("The " + what + " " + actual.file() + " is " + actual.width() + "x"
                    + actual.height() + " but the " + expectedWhat + " " + expected.file() + " is "
                    + expected.width() + "x" + expected.height() + ".");
        }
    }

    /** The prediction of one frame: a palette image read once, or per-object files read on demand. */
    private static final class Prediction {
        private final MaskFolder.Video video;
        private final String frame;
        private final Options options;
        private MaskImages.LabelImage palette;
        private boolean paletteRead;

        Prediction(MaskFolder.Video video, String frame, Options options) {
            this.video = video;
            this.frame = frame;
            this.options = options;
        }

        private MaskImages.LabelImage palette() {
            if (!paletteRead) {
                paletteRead = true;
                Path file = video.frames.get(frame);
                if (file != null) {
                    palette = MaskImages.read(file);
                    requireLabels(palette);
                }
            }
            return palette;
        }

        /** Objects with something on this frame (a palette's labels, or the object files present). */
        Set<String> objectsPresent(MaskImages.LabelImage truth) {
            Set<String> out = new TreeSet<>(FrameNames.NATURAL);
            if (video == null) {
                return out;
            }
            if (video.layout == MaskLayout.PALETTE) {
                MaskImages.LabelImage p = palette();
                if (p != null) {
                    sameSize(truth, p, "prediction", "ground truth");
                    for (int v : p.values()) {
                        if (v != 0) {
                            out.add(Integer.toString(v));
                        }
                    }
                }
            } else {
                video.objects.forEach((k, o) -> {
                    if (o.frames().containsKey(frame)) {
                        out.add(k);
                    }
                });
            }
            return out;
        }

        /** The predicted mask of an object, empty (and listed in {@code missing}) when no file holds it. */
        boolean[] mask(String object, MaskImages.LabelImage truth, List<String> missing) {
            boolean[] empty = new boolean[truth.width() * truth.height()];
            if (video == null) {
                return empty;
            }
            if (video.layout == MaskLayout.PALETTE) {
                MaskImages.LabelImage p = palette();
                Integer label = label(object);
                if (p == null || label == null) {
                    missing.add("object " + object + " frame " + frame);
                    return empty;
                }
                sameSize(truth, p, "prediction", "ground truth");
                return p.equalTo(label);
            }
            MaskFolder.ObjectFrames o = video.objects.get(object);
            Path file = o == null ? null : o.frames().get(frame);
            if (file == null) {
                missing.add("object " + object + " frame " + frame);
                return empty;
            }
            MaskImages.LabelImage p = MaskImages.read(file);
            sameSize(truth, p, "prediction", "ground truth");
            return p.inside(threshold(video.layout, options));
        }
    }
}
