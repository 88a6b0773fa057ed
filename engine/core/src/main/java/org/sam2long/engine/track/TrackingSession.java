package org.sam2long.engine.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.internal.track.ClipReader;
import org.sam2long.engine.internal.track.ConditioningFrames;
import org.sam2long.engine.internal.track.DecoderInput;
import org.sam2long.engine.internal.track.FrameFeatures;
import org.sam2long.engine.internal.track.MatteEmitter;
import org.sam2long.engine.internal.track.ModelRunner;
import org.sam2long.engine.internal.track.ObjectTracks;
import org.sam2long.engine.internal.track.PromptCheck;
import org.sam2long.engine.internal.track.StepCounter;
import org.sam2long.engine.internal.track.TrackPlan;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.internal.track.TrackPlan.Live;
import org.sam2long.engine.internal.track.TrackPlan.Run;
import org.sam2long.engine.internal.tree.DecoderOutput;
import org.sam2long.engine.internal.tree.FrameMemory;
import org.sam2long.engine.internal.tree.MemoryPlan;
import org.sam2long.engine.internal.tree.MemoryPolicy;
import org.sam2long.engine.internal.tree.PolicySettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * Tracks the prompted objects of one shot with SAM 2.1 and a {@link MemoryPolicy} (SAM 2.1's greedy
 * one or the SAM2Long tree). Frames are read one at a time from the source; mattes go to the sink
 * as soon as they are final. Not thread-safe: one track at a time.
 */
public final class TrackingSession implements AutoCloseable {
    private final FrameSource frames;
    private final TrackingSettings tracking;
    private final ModelRunner runner;
    private final ModelManifest mf;
    private final MemoryPolicy policy;
    private final ConditioningFrames conditioning;
    private final ObjectTracks objects;
    private final ClipReader reader;

    public TrackingSession(Sam2Model model, FrameSource frames, TrackingSettings tracking, TreeSettings tree) {
        this(model, frames, tracking, PolicySettings.of(tree), false);
    }

    TrackingSession(Sam2Model model, FrameSource frames, TrackingSettings tracking, PolicySettings policy) {
        this(model, frames, tracking, policy, false);
    }

    /** @param exhaustive keep every node and walk whole histories (tests only: the oracle of the bounded walk) */
    TrackingSession(Sam2Model model, FrameSource frames, TrackingSettings tracking, TreeSettings tree,
                    boolean exhaustive) {
        this(model, frames, tracking, PolicySettings.of(tree), exhaustive);
    }

    private TrackingSession(Sam2Model model, FrameSource frames, TrackingSettings tracking, PolicySettings policy,
                            boolean exhaustive) {
        if (frames.frameCount() <= 0) {
            throw new TrackingException(frames.describe() + " has no frames");
        }
        this.frames = frames;
        this.tracking = tracking;
        this.runner = new ModelRunner(model, tracking.bicubicResize(), tracking.bfloat16Memory());
        this.mf = model.manifest();
        this.policy = policy.policy(mf, frames.frameCount(), exhaustive);
        this.conditioning = new ConditioningFrames(runner);
        this.objects = new ObjectTracks(frames);
        this.reader = new ClipReader(frames, runner.times);
    }

    /**
     * Sets an object's prompt on a frame, replacing what was there. Prompts are data: after any
     * sequence of edits, {@link #track} gives exactly what a fresh session with the same final
     * prompts gives.
     */
    public void setPrompt(Prompt p) { objects.set(p); }

    /** Adds clicks, a box or a mask for an object on a frame: clicks accumulate, a box or mask replaces. */
    public void addPrompt(Prompt p) { objects.add(p); }

    /** Removes an object's prompts on a frame; an object left without prompts is removed. */
    public void clearPrompts(int objectId, int frameIndex) { objects.clear(objectId, frameIndex); }

    /** Removes an object; its mattes are discarded from the sink on the next track. */
    public void removeObject(int objectId) { objects.remove(objectId); }

    public Set<Integer> objectIds() { return objects.ids(); }

    public List<Prompt> prompts(int objectId) { return objects.prompts(objectId); }

    public StageTimes stageTimes() { return runner.times; }

    /**
     * The matte a prompt gives on its own frame before any tracking, what an artist expects to see as
     * soon as they click. The frame is encoded once and kept, so further clicks on it run only the
     * decoder. It equals the matte that frame gets as a conditioning frame when tracked.
     */
    public Matte preview(Prompt p) {
        PromptCheck.check(p, frames);
        return conditioning.preview(p, reader, frames, holeArea());
    }

    private int holeArea() {
        return tracking.fillHoleArea() < 0 ? mf.fillHoleArea() : tracking.fillHoleArea();
    }

    /** Tracks the whole clip; see {@link #track(FrameRange, MatteSink, Progress, CancelToken)}. */
    public TrackingReport track(MatteSink sink, Progress progress, CancelToken cancel) {
        return track(FrameRange.all(frames.frameCount()), sink, progress, cancel);
    }

    /**
     * Brings the sink up to date for the frames of {@code range}: objects whose prompts changed are
     * re-tracked (every frame of such an object attends to all its conditioning frames, so all of them
     * can change), objects whose mattes in the range are already final are left alone, and mattes of
     * removed prompts are discarded. A cancel (the token or a thread interrupt) stops between frames,
     * keeps every final matte, discards mattes made from older prompts and returns with
     * {@code cancelled}; the next call finishes the job.
     */
    public TrackingReport track(FrameRange range, MatteSink sink, Progress progress, CancelToken cancel) {
        TrackPlan.checkRange(range, frames);
        if (objects.objects.isEmpty() && objects.orphaned.isEmpty()) {
            throw new TrackingException("nothing to track: add a prompt for at least one object first");
        }
        long start = System.nanoTime();
        MatteEmitter emitter = new MatteEmitter(sink, range, frames, mf.maskSize(), holeArea(),
                TrackPlan.seedWindow(frames.frameCount(), mf), runner.times);
        emitter.discardAll(objects.orphaned);
        TrackPlan plan = new TrackPlan(objects.objects.values(), frames.frameCount(), tracking.direction(), range);
        StepCounter counter = new StepCounter(plan.totalSteps(), progress, start);
        boolean cancelled = false;
        try {
            conditioning.prepare(objects.objects.values(), plan, reader, frames.width(), frames.height());
            cancelled = !pass(plan, plan.forward, false, emitter, counter, cancel, range)
                    || !pass(plan, plan.backward, true, emitter, counter, cancel, range);
        } catch (FrameSourceException e) {
            if (!Thread.currentThread().isInterrupted()) {
                throw new TrackingException(e.getMessage(), e);
            }
            cancelled = true;
        } catch (MatteEmitter.Interrupted e) {
            cancelled = true;
        } finally {
            objects.objects.values().forEach(t -> t.seed.clear());
            plan.discardStale(emitter);
        }
        return new TrackingReport(counter.done, emitter.count, (System.nanoTime() - start) / 1e9, cancelled,
                emitter.maxLag, emitter.discarded);
    }

    /**
     * Tracks {@code range} on a background thread and hands the mattes out as a pull-style stream,
     * each as soon as it is final. Closing the stream cancels the track.
     */
    public MatteStream stream(FrameRange range) {
        return new MatteStream(this, range);
    }

    /**
     * One pass over the frames in one direction; false when cancelled. It starts at the prompts and
     * stops at the clip's end or, once past the range, as soon as every frame of the range is final.
     */
    private boolean pass(TrackPlan plan, List<Run> runs, boolean reverse, MatteEmitter emitter, StepCounter counter,
                         CancelToken cancel, FrameRange range) throws FrameSourceException {
        if (runs.isEmpty()) {
            return true;
        }
        emitter.passReverse = reverse;
        int step = reverse ? -1 : 1;
        int end = reverse ? -1 : frames.frameCount();
        List<Live> live = new ArrayList<>();
        for (int f = TrackPlan.firstFrame(runs, reverse); f != end; f += step) {
            int frame = f;
            if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            if ((reverse ? f < range.first() : f > range.last()) && live.size() == runs.size()
                    && plan.rangeFinal(live, reverse)) {
                return true;
            }
            int running = live.size();
            for (Run r : runs) {
                if (r.start() == f) {
                    live.add(start(r, reverse, emitter));
                }
            }
            List<Live> stepping = new ArrayList<>();
            for (Live l : live.subList(0, running)) {
                FrameMemory cond = l.track.conditioning.get(f);
                if (cond == null) {
                    stepping.add(l);
                    continue;
                }
                policy.restart(l.branches, cond, f, m -> emitter.emitFinal(l.track, m, frame));
                emitter.emit(l.track, cond, 0, 0, f, false);
            }
            if (!stepping.isEmpty()) {
                step(reader.read(f), stepping, reverse);
                for (Live l : stepping) {
                    policy.settle(l.branches, f, m -> emitter.emitFinal(l.track, m, frame));
                }
            }
            counter.step();
        }
        for (Live l : live) {
            policy.finish(l.branches, end - step, m -> emitter.emitFinal(l.track, m, end - step));
        }
        return true;
    }

    /** An object's branches on a pass, rooted at its start frame's conditioning memory, which is emitted. */
    private Live start(Run r, boolean reverse, MatteEmitter emitter) {
        Live l = new Live(r.track());
        FrameMemory cond = r.track().conditioning.get(r.start());
        l.branches = policy.start(cond, reverse ? r.track().seed.values() : List.of());
        if (!reverse && r.track().seedNeeded) {
            l.seedTo = Math.min(r.start() + TrackPlan.seedWindow(frames.frameCount(), mf), frames.frameCount() - 1);
            l.branches.holdPayloads(r.track().prompts.firstKey(), l.seedTo);
        }
        emitter.emit(r.track(), cond, 0, 0, r.start(), reverse);
        return l;
    }

    /** One tracking frame for every stepping object: batched memory attention, decoder, selection, memory. */
    private void step(Frame frame, List<Live> stepping, boolean reverse) {
        FrameFeatures feats = runner.encode(frame);
        List<MemoryPlan> plans = new ArrayList<>();
        int[] first = new int[stepping.size() + 1];
        for (int o = 0; o < stepping.size(); o++) {
            Live l = stepping.get(o);
            plans.addAll(policy.plan(l.branches, l.track.conditioningList(), frame.index(), reverse));
            first[o + 1] = plans.size();
        }
        List<float[]> conditioned = runner.attend(feats, plans, policy.pointerDistanceScale());
        List<DecoderOutput> outs = runner.decode(feats, conditioned,
                new ArrayList<>(Collections.nCopies(plans.size(), DecoderInput.none())));
        long t0 = System.nanoTime();
        List<MemoryPolicy.MemoryInput> inputs = new ArrayList<>();
        int[] firstMemory = new int[stepping.size() + 1];
        for (int o = 0; o < stepping.size(); o++) {
            inputs.addAll(policy.choose(stepping.get(o).branches, outs.subList(first[o], first[o + 1])));
            firstMemory[o + 1] = inputs.size();
        }
        runner.times.add("tree", System.nanoTime() - t0);
        List<float[]> masks = inputs.stream().map(MemoryPolicy.MemoryInput::mask).toList();
        float[] pres = new float[inputs.size()];
        for (int i = 0; i < pres.length; i++) {
            pres[i] = inputs.get(i).presence();
        }
        List<float[][]> mem = runner.encodeMemory(feats, masks, pres, new boolean[masks.size()]);
        long t1 = System.nanoTime();
        for (int o = 0; o < stepping.size(); o++) {
            policy.advance(stepping.get(o).branches, frame.index(), mem.subList(firstMemory[o], firstMemory[o + 1]),
                    frame.index() + (reverse ? -1 : 1));
        }
        runner.times.add("tree", System.nanoTime() - t1);
    }

    @Override
    public void close() {
        objects.objects.clear();
    }
}
