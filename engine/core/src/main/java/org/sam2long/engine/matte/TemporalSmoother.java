package org.sam2long.engine.matte;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 6 of the clean-up: each frame's alpha becomes the mean of the alphas of the {@code window}
 * frames centred on it (fewer at the ends of a run). Streaming: push each object's mattes in frame
 * order (forward or backward, consecutive indices) and get each one back, smoothed, as soon as
 * window/2 later frames have arrived; {@link #flush()} returns the rest at the end of a pass. A push
 * that does not continue an object's run (a jump or a change of direction) first ends that run.
 * Holds at most {@code window} frames per object. A window of 0 or 1 passes mattes straight
 * through; an even window is widened by one to stay centred. Not thread-safe.
 */
public final class TemporalSmoother {
    private final int half;
    private final Map<Integer, Run> runs = new HashMap<>();

    public TemporalSmoother(int window) {
        if (window < 0) {
            throw new IllegalArgumentException("temporal window must be 0 or more frames, got " + window);
        }
        this.half = window / 2;
    }

    /** Frames held per object before the first matte comes out. */
    public int window() { return 2 * half + 1; }

    /** Adds the next matte of its object; returns the mattes that are now final (possibly none). */
    public List<AlphaMatte> push(AlphaMatte matte) {
        List<AlphaMatte> out = new ArrayList<>(1);
        if (half == 0) {
            out.add(matte);
            return out;
        }
        Run run = runs.get(matte.objectId());
        if (run != null && !run.continuedBy(matte.frameIndex())) {
            run.drain(out);
            run = null;
        }
        if (run == null) {
            run = new Run();
            runs.put(matte.objectId(), run);
        }
        run.add(matte, out);
        return out;
    }

    /** Ends every run and returns all mattes still held, smoothed over what is available. */
    public List<AlphaMatte> flush() {
        List<AlphaMatte> out = new ArrayList<>();
        for (Run run : runs.values()) {
            run.drain(out);
        }
        runs.clear();
        return out;
    }

    /** Consecutive frames of one object; positions count from the start of the run. */
    private final class Run {
        private final List<AlphaMatte> held = new ArrayList<>();
        private int base;
        private int nextEmit;
        private int step;

        boolean continuedBy(int frameIndex) {
            AlphaMatte last = held.get(held.size() - 1);
            int d = frameIndex - last.frameIndex();
            return step == 0 ? d == 1 || d == -1 : d == step;
        }

        void add(AlphaMatte matte, List<AlphaMatte> out) {
            if (!held.isEmpty() && step == 0) {
                step = matte.frameIndex() - held.get(held.size() - 1).frameIndex();
            }
            held.add(matte);
            int end = base + held.size();
            while (nextEmit + half < end) {
                out.add(mean(nextEmit++));
            }
            while (base < nextEmit - half) {
                held.remove(0);
                base++;
            }
        }

        void drain(List<AlphaMatte> out) {
            while (nextEmit < base + held.size()) {
                out.add(mean(nextEmit++));
            }
        }

        private AlphaMatte mean(int position) {
            int from = Math.max(base, position - half);
            int to = Math.min(base + held.size() - 1, position + half);
            AlphaMatte centre = held.get(position - base);
            float[] sum = new float[centre.alpha().length];
            for (int p = from; p <= to; p++) {
                float[] a = held.get(p - base).alpha();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += a[i];
                }
            }
            float n = to - from + 1;
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= n;
            }
            return new AlphaMatte(centre.objectId(), centre.frameIndex(), centre.width(), centre.height(), sum);
        }
    }
}
