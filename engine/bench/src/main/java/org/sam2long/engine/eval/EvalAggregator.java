package org.sam2long.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects per-(video, object, frame) J and F and averages them the DAVIS / SA-V way: per object over
 * its frames, then per video over its objects, then over videos. (The mean over all objects of all
 * videos, DAVIS 2017's global figure, is reported alongside.) Videos, objects and frames are ordered
 * naturally ({@link FrameNames#NATURAL}). Thread-safe.
 *
 * <p>With {@code skipFirstLast} the first and the last annotated frame of each video (in natural order
 * of the union of its frames, added or {@linkplain #declareFrames declared}) are left out of every
 * object's mean: the SA-V protocol, which DAVIS 2017 semi-supervised follows too.
 */
public final class EvalAggregator {
    private final boolean skipFirstLast;
    private final Map<String, Map<String, Map<String, double[]>>> scores = new TreeMap<>(FrameNames.NATURAL);
    private final Map<String, NavigableSet<String>> frames = new TreeMap<>(FrameNames.NATURAL);
    private final List<String> notes = new ArrayList<>();

    public EvalAggregator(boolean skipFirstLast) {
        this.skipFirstLast = skipFirstLast;
    }

    public boolean skipFirstLast() {
        return skipFirstLast;
    }

    /** Records one frame's J and F for an object. Adding the same (video, object, frame) twice is an error. */
    public synchronized void add(String video, String object, String frame, double j, double f) {
        if (!(j >= 0 && j <= 1) || !(f >= 0 && f <= 1)) {
            throw new IllegalArgumentException("J and F must lie in [0, 1], got J=" + j + " F=" + f
                    + " for " + video + "/" + object + "/" + frame + ".");
        }
        Map<String, double[]> byFrame = scores.computeIfAbsent(video, v -> new TreeMap<>(FrameNames.NATURAL))
                .computeIfAbsent(object, o -> new TreeMap<>(FrameNames.NATURAL));
        if (byFrame.putIfAbsent(frame, new double[] {j, f}) != null) {
            throw new IllegalArgumentException("Frame " + frame + " of object " + object + " in video " + video
                    + " was scored twice.");
        }
        frames.computeIfAbsent(video, v -> new TreeSet<>(FrameNames.NATURAL)).add(frame);
    }

    /** Computes J and F of one frame's masks ({@code voidPixels} may be null), records and returns them. */
    public Score add(String video, String object, String frame, boolean[] predicted, boolean[] truth,
                     boolean[] voidPixels, int width, int height) {
        double j = RegionSimilarity.j(predicted, truth, voidPixels, width, height);
        double f = BoundaryAccuracy.f(predicted, truth, voidPixels, width, height);
        add(video, object, frame, j, f);
        return Score.of(j, f, 1);
    }

    /**
     * Declares the annotated frames of a video without scoring them, so that the first/last skip sees
     * the whole annotation even when the caller scores only the frames that will be kept.
     */
    public synchronized void declareFrames(String video, Iterable<String> annotated) {
        NavigableSet<String> set = frames.computeIfAbsent(video, v -> new TreeSet<>(FrameNames.NATURAL));
        annotated.forEach(set::add);
    }

    /** Adds a line to the report's notes (missing frames, ignored objects...). */
    public synchronized void note(String note) {
        notes.add(note);
    }

    /** The frames of a video that count: all its annotated frames, less the first and last when skipping. */
    public synchronized List<String> scoredFrames(String video) {
        NavigableSet<String> all = frames.get(video);
        if (all == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>(all);
        if (!skipFirstLast) {
            return list;
        }
        return list.size() <= 2 ? List.of() : list.subList(1, list.size() - 1);
    }

    /** The per-object, per-video and overall tables. */
    public synchronized EvalReport report() {
        List<String> out = new ArrayList<>(notes);
        List<EvalReport.ObjectScore> objectRows = new ArrayList<>();
        List<EvalReport.VideoScore> videoRows = new ArrayList<>();
        List<Score> videoScores = new ArrayList<>();
        List<Score> allObjects = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, double[]>>> v : scores.entrySet()) {
            String video = v.getKey();
            List<String> kept = scoredFrames(video);
            if (kept.isEmpty()) {
                out.add("Video " + video + " has " + frames.get(video).size()
                        + " annotated frame(s), none left after skipping the first and last; it is not scored.");
                continue;
            }
            NavigableSet<String> keep = new TreeSet<>(FrameNames.NATURAL);
            keep.addAll(kept);
            List<Score> objectScores = new ArrayList<>();
            for (Map.Entry<String, Map<String, double[]>> o : v.getValue().entrySet()) {
                double sj = 0;
                double sf = 0;
                int n = 0;
                for (Map.Entry<String, double[]> fr : o.getValue().entrySet()) {
                    if (keep.contains(fr.getKey())) {
                        sj += fr.getValue()[0];
                        sf += fr.getValue()[1];
                        n++;
                    }
                }
                if (n == 0) {
                    out.add("Object " + o.getKey() + " of video " + video
                            + " has no scored frame (only the skipped first/last ones); it is not scored.");
                    continue;
                }
                Score s = Score.of(sj / n, sf / n, n);
                objectRows.add(new EvalReport.ObjectScore(video, o.getKey(), s));
                objectScores.add(s);
                allObjects.add(s);
            }
            if (!objectScores.isEmpty()) {
                Score vs = JandF.mean(objectScores);
                videoRows.add(new EvalReport.VideoScore(video, vs));
                videoScores.add(vs);
            }
        }
        for (String video : frames.keySet()) {
            if (!scores.containsKey(video)) {
                out.add("Video " + video + " has no object in the ground truth; it is not scored.");
            }
        }
        return new EvalReport(List.copyOf(objectRows), List.copyOf(videoRows), JandF.mean(videoScores),
                JandF.mean(allObjects), skipFirstLast, List.copyOf(out));
    }
}
