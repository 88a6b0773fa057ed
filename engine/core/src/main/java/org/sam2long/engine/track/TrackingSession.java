package org.sam2long.engine.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.matte.MatteSink;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.tree.Candidate;
import org.sam2long.engine.tree.Pathway;
import org.sam2long.engine.tree.SelectionRule;
import org.sam2long.engine.tree.TreeSettings;

/**
 * Tracks the prompted objects of one shot: SAM 2.1 video tracking with the SAM2Long memory tree
 * (P = 1 without gating and modulation is plain SAM 2.1). Frames are read one at a time from the
 * source; mattes go to the sink as soon as they are final. Not thread-safe: one track at a time.
 */
public final class TrackingSession implements AutoCloseable {
    private final FrameSource frames;
    private final TrackingSettings tracking;
    private final TreeSettings tree;
    private final ModelRunner runner;
    private final ModelManifest mf;
    private final MemorySelector selector;
    private final ConditioningFrames conditioning;
    private final TreeMap<Integer, ObjectTrack> objects = new TreeMap<>();
    private final boolean exhaustive;
    /** The last frame encoded for a preview, kept for the next click on it. */
    private FrameFeatures previewFeatures;
    /** Final frames of removed objects, to discard from the sink on the next track. */
    private final Map<Integer, BitSet> orphaned = new TreeMap<>();

    public TrackingSession(Sam2Model model, FrameSource frames, TrackingSettings tracking, TreeSettings tree) {
        this(model, frames, tracking, tree, false);
    }

    /**
     * @param exhaustive keep every node of every history and walk it naively (tests only: the
     *                   oracle that the bounded walk must equal)
     */
    TrackingSession(Sam2Model model, FrameSource frames, TrackingSettings tracking, TreeSettings tree,
                    boolean exhaustive) {
        this.exhaustive = exhaustive;
        if (frames.frameCount() <= 0) {
            throw new TrackingException(frames.describe() + " has no frames");
        }
        this.frames = frames;
        this.tracking = tracking;
        this.tree = tree;
        this.runner = new ModelRunner(model, tracking.bicubicResize(), tracking.bfloat16Memory());
        this.mf = model.manifest();
        this.selector = new MemorySelector(mf, tree, frames.frameCount(), exhaustive);
        this.conditioning = new ConditioningFrames(runner);
    }

    /**
     * Sets an object's prompt on a frame, replacing what was there. Prompts are data: after any
     * sequence of edits, {@link #track} gives exactly what a fresh session with the same final
     * prompts gives.
     */
    public void setPrompt(Prompt p) {
        PromptCheck.check(p, frames);
        ObjectTrack t = objects.get(p.objectId());
        if (t == null) {
            t = new ObjectTrack(p.objectId());
            BitSet orphan = orphaned.remove(p.objectId());
            if (orphan != null) {
                t.finalFrames.or(orphan);
                t.resultPrompts = Map.of();
            }
            objects.put(p.objectId(), t);
        }
        if (!Prompts.same(t.prompts.get(p.frameIndex()), p)) {
            t.prompts.put(p.frameIndex(), p);
            t.conditioning.remove(p.frameIndex());
        }
    }

    /** Adds clicks, a box or a mask for an object on a frame: clicks accumulate, a box or mask replaces. */
    public void addPrompt(Prompt p) {
        ObjectTrack t = objects.get(p.objectId());
        setPrompt(Prompts.merge(t == null ? null : t.prompts.get(p.frameIndex()), p));
    }

    /** Removes an object's prompts on a frame; an object left without prompts is removed. */
    public void clearPrompts(int objectId, int frameIndex) {
        ObjectTrack t = object(objectId);
        if (t.prompts.remove(frameIndex) == null) {
            throw new IllegalArgumentException("object " + objectId + " has no prompt on frame "
                    + frames.frameNumber(frameIndex));
        }
        t.conditioning.remove(frameIndex);
        if (t.prompts.isEmpty()) {
            removeObject(objectId);
        }
    }

    /** Removes an object; its mattes are discarded from the sink on the next track. */
    public void removeObject(int objectId) {
        ObjectTrack t = object(objectId);
        objects.remove(objectId);
        if (!t.finalFrames.isEmpty()) {
            orphaned.computeIfAbsent(objectId, k -> new BitSet()).or(t.finalFrames);
        }
    }

    public Set<Integer> objectIds() {
        return Collections.unmodifiableSet(objects.keySet());
    }

    public List<Prompt> prompts(int objectId) {
        return List.copyOf(object(objectId).prompts.values());
    }

    public StageTimes stageTimes() {
        return runner.times;
    }

    private ObjectTrack object(int id) {
        ObjectTrack t = objects.get(id);
        if (t == null) {
            throw new IllegalArgumentException("unknown object id " + id + " (known: " + objects.keySet() + ")");
        }
        return t;
    }

    /**
     * The matte a prompt gives on its own frame before any tracking, what an artist expects to see as
     * soon as they click. The frame is encoded once and kept, so further clicks on it run only the
     * decoder. It equals the matte that frame gets as a conditioning frame when tracked.
     */
    public Matte preview(Prompt p) {
        PromptCheck.check(p, frames);
        if (previewFeatures == null || previewFeatures.frame() != p.frameIndex()) {
            try {
                previewFeatures = runner.encode(read(p.frameIndex()));
            } catch (FrameSourceException e) {
                throw new TrackingException(e.getMessage(), e);
            }
        }
        ConditioningFrames.Chosen c = conditioning.choose(previewFeatures, List.of(p), frames.width(), frames.height());
        return new Matte(p.objectId(), p.frameIndex(), mf.maskSize(),
                HoleFill.apply(c.masks().get(0), mf.maskSize(), holeArea()), frames.width(), frames.height(),
                c.presence()[0], 0, 0);
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
        if (range.last() >= frames.frameCount()) {
            throw new IllegalArgumentException("the frame range " + frames.frameNumber(range.first()) + "-"
                    + frames.frameNumber(range.last()) + " is outside " + frames.describe() + ", which has frames "
                    + frames.frameNumber(0) + "-" + frames.frameNumber(frames.frameCount() - 1));
        }
        if (objects.isEmpty() && orphaned.isEmpty()) {
            throw new TrackingException("nothing to track: add a prompt for at least one object first");
        }
        long start = System.nanoTime();
        Emitter emitter = new Emitter(sink, range);
        orphaned.forEach((id, gone) -> gone.stream().forEach(f -> emitter.discard(id, f)));
        orphaned.clear();
        Map<ObjectTrack, BitSet> stale = new IdentityHashMap<>();
        List<Run> forward = new ArrayList<>();
        List<Run> backward = new ArrayList<>();
        for (ObjectTrack t : objects.values()) {
            if (!t.upToDate()) {
                stale.put(t, (BitSet) t.finalFrames.clone());
                t.finalFrames.clear();
                t.resultPrompts = new TreeMap<>(t.prompts);
            } else {
                BitSet missing = expected(t, range);
                missing.andNot(t.finalFrames);
                if (missing.isEmpty()) {
                    continue;
                }
            }
            int first = t.prompts.firstKey();
            int last = t.prompts.lastKey();
            Direction d = tracking.direction();
            t.seed.clear();
            t.seedFinal.clear();
            t.seedNeeded = d == Direction.BOTH && range.first() < first;
            if (d != Direction.BACKWARD && (range.last() >= first || t.seedNeeded)) {
                forward.add(new Run(t, first));
            }
            if (d == Direction.BACKWARD && range.first() <= last) {
                backward.add(new Run(t, last));
            } else if (t.seedNeeded) {
                backward.add(new Run(t, first));
            }
        }
        int total = totalSteps(forward, false, range) + totalSteps(backward, true, range);
        Counter counter = new Counter(total, progress, start);
        boolean cancelled = false;
        try {
            prepareConditioning(forward, backward, counter);
            cancelled = !pass(forward, false, emitter, counter, cancel, range)
                    || !pass(backward, true, emitter, counter, cancel, range);
        } catch (FrameSourceException e) {
            if (!Thread.currentThread().isInterrupted()) {
                throw new TrackingException(e.getMessage(), e);
            }
            cancelled = true;
        } catch (Interrupted e) {
            cancelled = true;
        } finally {
            objects.values().forEach(t -> t.seed.clear());
            stale.forEach((t, old) -> {
                old.andNot(t.finalFrames);
                old.stream().forEach(f -> emitter.discard(t.objectId, f));
            });
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

    /** Frames of the range that a fresh track of this object emits. */
    private BitSet expected(ObjectTrack t, FrameRange range) {
        int from = tracking.direction() == Direction.FORWARD ? t.prompts.firstKey() : 0;
        int to = tracking.direction() == Direction.BACKWARD ? t.prompts.lastKey() : frames.frameCount() - 1;
        BitSet b = new BitSet();
        from = Math.max(from, range.first());
        to = Math.min(to, range.last());
        if (from <= to) {
            b.set(from, to + 1);
        }
        return b;
    }

    /** A thread interrupt seen while handing a matte to the sink: treated as a cancel. */
    private static final class Interrupted extends RuntimeException {
        Interrupted(Throwable cause) {
            super(cause);
        }
    }

    private record Run(ObjectTrack track, int start) {}

    /** Frames a pass is expected to step through (it may run on past the range until all is final). */
    private int totalSteps(List<Run> runs, boolean reverse, FrameRange range) {
        if (runs.isEmpty()) {
            return 0;
        }
        int first = reverse ? runs.stream().mapToInt(Run::start).max().getAsInt()
                : runs.stream().mapToInt(Run::start).min().getAsInt();
        return Math.max(0, reverse ? first - range.first() + 1 : range.last() - first + 1);
    }

    private void prepareConditioning(List<Run> forward, List<Run> backward, Counter counter) throws FrameSourceException {
        Set<ObjectTrack> work = Collections.newSetFromMap(new IdentityHashMap<>());
        forward.forEach(r -> work.add(r.track()));
        backward.forEach(r -> work.add(r.track()));
        Map<Integer, List<ObjectTrack>> byFrame = new TreeMap<>();
        for (ObjectTrack t : objects.values()) {
            if (!work.contains(t)) {
                continue;
            }
            for (int f : t.prompts.keySet()) {
                if (!t.conditioning.containsKey(f)) {
                    byFrame.computeIfAbsent(f, k -> new ArrayList<>()).add(t);
                }
            }
        }
        for (Map.Entry<Integer, List<ObjectTrack>> e : byFrame.entrySet()) {
            FrameFeatures f = runner.encode(read(e.getKey()));
            List<Prompt> prompts = new ArrayList<>();
            e.getValue().forEach(t -> prompts.add(t.prompts.get(e.getKey())));
            List<FrameMemory> made = conditioning.compute(f, prompts, frames.width(), frames.height());
            for (int i = 0; i < made.size(); i++) {
                e.getValue().get(i).conditioning.put(e.getKey(), made.get(i));
            }
        }
    }

    private Frame read(int index) throws FrameSourceException {
        long t0 = System.nanoTime();
        Frame f = frames.read(index);
        runner.times.add("decode", System.nanoTime() - t0);
        if (f.width() != frames.width() || f.height() != frames.height()) {
            throw new FrameSourceException(frames.describe() + ": frame " + frames.frameNumber(index) + " is "
                    + f.width() + "x" + f.height() + " but the clip is " + frames.width() + "x" + frames.height());
        }
        return f;
    }

    /** Live state of one object during a pass. */
    private static final class Live {
        final ObjectTrack track;
        List<Pathway<FrameMemory>> pathways;
        /** Nodes of this pass that still hold a memory payload. */
        final List<FrameMemory> holders = new ArrayList<>();
        /** Last frame whose memory a later backward pass needs from this forward pass; -1 none. */
        int seedTo = -1;

        Live(ObjectTrack track) {
            this.track = track;
        }
    }

    private static boolean stopRequested(CancelToken cancel) {
        return cancel.isCancelled() || Thread.currentThread().isInterrupted();
    }

    /**
     * One pass over the frames in one direction; false when cancelled. It starts at the prompts and
     * stops at the clip's end or, once past the range, as soon as every frame of the range is final.
     */
    private boolean pass(List<Run> runs, boolean reverse, Emitter emitter, Counter counter, CancelToken cancel,
                         FrameRange range) throws FrameSourceException {
        if (runs.isEmpty()) {
            return true;
        }
        emitter.passReverse = reverse;
        int step = reverse ? -1 : 1;
        int first = reverse ? runs.stream().mapToInt(Run::start).max().getAsInt()
                : runs.stream().mapToInt(Run::start).min().getAsInt();
        int end = reverse ? -1 : frames.frameCount();
        Map<ObjectTrack, Integer> starts = new IdentityHashMap<>();
        runs.forEach(r -> starts.put(r.track(), r.start()));
        List<Live> live = new ArrayList<>();
        for (int f = first; f != end; f += step) {
            if (stopRequested(cancel)) {
                return false;
            }
            if ((reverse ? f < range.first() : f > range.last()) && live.size() == runs.size()
                    && rangeFinal(live, reverse, range)) {
                return true;
            }
            for (Run r : runs) {
                if (r.start() == f) {
                    Live l = new Live(r.track());
                    FrameMemory cond = r.track().conditioning.get(f);
                    cond.parent = reverse ? seedChain(r.track()) : null;
                    if (!reverse && r.track().seedNeeded) {
                        l.seedTo = Math.min(f + seedWindow(), frames.frameCount() - 1);
                    }
                    selector.link(cond);
                    l.pathways = root(cond);
                    emitter.emit(r.track(), cond, 0, 0, f, reverse);
                    live.add(l);
                }
            }
            List<Live> stepping = new ArrayList<>();
            for (Live l : live) {
                if (starts.get(l.track) == f) {
                    continue;
                }
                FrameMemory cond = l.track.conditioning.get(f);
                if (cond != null) {
                    Pathway<FrameMemory> winner = winner(l.pathways);
                    emitter.emitHistory(l.track, winner.tail(), f);
                    cond.parent = winner.tail();
                    selector.link(cond);
                    l.pathways = root(cond);
                    emitter.emit(l.track, cond, 0, 0, f, false);
                } else {
                    stepping.add(l);
                }
            }
            if (!stepping.isEmpty()) {
                step(read(f), stepping, reverse);
                for (Live l : stepping) {
                    if (tree.streamingFinalisation()) {
                        emitter.finalise(l.track, l.pathways, f);
                    }
                }
            }
            counter.step();
        }
        for (Live l : live) {
            emitter.emitHistory(l.track, winner(l.pathways).tail(), end - step);
        }
        return true;
    }

    /**
     * Forward frames after the first prompt that a backward pass may attend to, as the official
     * predictor lets reverse frames read the forward pass's outputs (max_obj_ptrs - 1 frames).
     */
    private int seedWindow() {
        return Math.max(1, Math.min(frames.frameCount(), mf.maxObjPtrs()) - 1);
    }

    /**
     * The forward pass's final nodes after the start, as a history running away from it (nearest
     * first), for the backward pass to continue from; null when there are none.
     */
    private FrameMemory seedChain(ObjectTrack t) {
        FrameMemory head = null;
        for (FrameMemory m : t.seed.descendingMap().values()) {
            FrameMemory copy = new FrameMemory(m.frame, false, m.memory, m.memoryPos, m.pointer, m.iou, m.presence,
                    null, head);
            copy.emitted = true;
            selector.link(copy);
            head = copy;
        }
        return head;
    }

    /** True when every frame of the range on this pass's side of each object's start is final. */
    private boolean rangeFinal(List<Live> live, boolean reverse, FrameRange range) {
        for (Live l : live) {
            if (!reverse && l.seedTo >= 0 && l.track.seedFinal.nextClearBit(l.track.prompts.firstKey() + 1) <= l.seedTo) {
                return false;
            }
            BitSet want = expected(l.track, range);
            int start = reverse ? l.track.prompts.lastKey() : l.track.prompts.firstKey();
            if (reverse) {
                want.clear(Math.min(start, range.last()) + 1, range.last() + 1);
            } else {
                want.clear(range.first(), Math.max(start, range.first()));
            }
            want.andNot(l.track.finalFrames);
            if (!want.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private List<Pathway<FrameMemory>> root(FrameMemory cond) {
        List<Pathway<FrameMemory>> p = new ArrayList<>();
        for (int i = 0; i < tree.pathways(); i++) {
            p.add(new Pathway<>(0.0, cond));
        }
        return p;
    }

    private static Pathway<FrameMemory> winner(List<Pathway<FrameMemory>> pathways) {
        Pathway<FrameMemory> best = pathways.get(0);
        for (Pathway<FrameMemory> p : pathways) {
            if (p.score() > best.score()) {
                best = p;
            }
        }
        return best;
    }

    /** One tracking frame for every stepping object: batched memory attention, decoder, selection, memory. */
    private void step(Frame frame, List<Live> stepping, boolean reverse) {
        int f = frame.index();
        FrameFeatures feats = runner.encode(frame);
        // distinct pathway groups across objects
        List<MemoryPlan> plans = new ArrayList<>();
        List<FrameMemory> groupTails = new ArrayList<>();
        List<int[]> pathwayGroup = new ArrayList<>();
        for (Live l : stepping) {
            Map<FrameMemory, Integer> groupOf = new IdentityHashMap<>();
            int[] pg = new int[l.pathways.size()];
            for (int p = 0; p < pg.length; p++) {
                FrameMemory tail = l.pathways.get(p).tail();
                Integer g = tree.deduplicate() ? groupOf.get(tail) : null;
                if (g == null) {
                    g = plans.size();
                    groupOf.put(tail, g);
                    plans.add(selector.plan(l.track.conditioningList(), tail, f, reverse));
                    groupTails.add(tail);
                }
                pg[p] = g;
            }
            pathwayGroup.add(pg);
        }
        List<float[]> conditioned = runner.attend(feats, plans, selector.pointerDistanceScale());
        List<DecoderInput> prompts = new ArrayList<>(Collections.nCopies(plans.size(), DecoderInput.none()));
        List<DecoderOutput> outs = runner.decode(feats, conditioned, prompts);

        long t0 = System.nanoTime();
        // selection per object, then one memory-encoder batch for the distinct kept (group, mask) pairs
        Map<Long, Integer> newNodeIndex = new LinkedHashMap<>();
        List<float[]> masks = new ArrayList<>();
        List<Float> presences = new ArrayList<>();
        List<List<Candidate>> keptPerObject = new ArrayList<>();
        for (int o = 0; o < stepping.size(); o++) {
            Live l = stepping.get(o);
            int[] pg = pathwayGroup.get(o);
            List<Candidate> candidates = new ArrayList<>();
            float[] pres = new float[pg.length];
            for (int p = 0; p < pg.length; p++) {
                DecoderOutput out = outs.get(pg[p]);
                pres[p] = out.presence();
                double s = l.pathways.get(p).score();
                for (int j = 0; j < 3; j++) {
                    float iou = out.iou()[j + 1];
                    candidates.add(new Candidate(p, j, s + Math.log(iou + 1e-5), iou, out.presence()));
                }
            }
            List<Candidate> kept = bootstrap(l) ? seedFromBest(candidates)
                    : SelectionRule.select(candidates, pres, tree.pathways(), tree.uncertaintyThreshold());
            keptPerObject.add(kept);
            for (Candidate c : kept) {
                long key = nodeKey(o, pg, c, outs.get(pg[c.pathway()]));
                if (!newNodeIndex.containsKey(key)) {
                    newNodeIndex.put(key, masks.size());
                    DecoderOutput out = outs.get(pg[c.pathway()]);
                    masks.add(out.masks()[c.mask() + 1]);
                    presences.add(out.presence());
                }
            }
        }
        runner.times.add("tree", System.nanoTime() - t0);
        float[] pres = MemoryPlan.toArray(presences);
        List<float[][]> mem = runner.encodeMemory(feats, masks, pres, new boolean[masks.size()]);
        long t1 = System.nanoTime();
        for (int o = 0; o < stepping.size(); o++) {
            Live l = stepping.get(o);
            int[] pg = pathwayGroup.get(o);
            Map<Long, FrameMemory> made = new LinkedHashMap<>();
            List<Pathway<FrameMemory>> next = new ArrayList<>();
            List<Candidate> kept = keptPerObject.get(o);
            for (int i = 0; i < kept.size(); i++) {
                Candidate c = kept.get(i);
                long key = nodeKey(o, pg, c, outs.get(pg[c.pathway()]));
                int idx = newNodeIndex.get(key);
                FrameMemory node = made.get(key);
                if (node == null) {
                    DecoderOutput out = outs.get(pg[c.pathway()]);
                    node = new FrameMemory(f, false, mem.get(idx)[0], mem.get(idx)[1], out.pointers()[c.mask() + 1],
                            c.iou(), out.presence(), masks.get(idx), l.pathways.get(c.pathway()).tail());
                    node.score = c.score();
                    node.pathway = i;
                    selector.link(node);
                    l.holders.add(node);
                    made.put(key, node);
                }
                next.add(new Pathway<>(c.score(), node));
            }
            l.pathways = next;
            if (!exhaustive) {
                release(l, f + (reverse ? -1 : 1));
            }
        }
        runner.times.add("tree", System.nanoTime() - t1);
    }

    /**
     * Keeps exactly what a future memory walk can still reach: payloads of other nodes are dropped
     * and gated links past the last reachable node are cut, so memory stays flat on any clip length
     * while the walk gives the same memory as an unbounded one (future walks start from descendants
     * of today's tails and so reach old nodes only at higher ranks).
     */
    private void release(Live l, int nextFrame) {
        Set<FrameMemory> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pathway<FrameMemory> p : l.pathways) {
            if (keep.add(p.tail())) {
                keep.addAll(selector.reachable(p.tail(), nextFrame));
            }
        }
        for (FrameMemory m : keep) {
            if (m.prevGated != null && !keep.contains(m.prevGated)) {
                m.prevGated = null;
            }
        }
        int seedFrom = l.track.prompts.firstKey();
        l.holders.removeIf(m -> {
            if (keep.contains(m) || (l.seedTo >= 0 && m.frame > seedFrom && m.frame <= l.seedTo)) {
                return false;
            }
            m.dropPayload();
            return true;
        });
    }

    /**
     * As SAM2Long does (with memory gating): the first frame after a conditioning frame runs once, picks
     * SAM 2's candidate (highest predicted IoU) and seeds every pathway with it at score 0.
     */
    private boolean bootstrap(Live l) {
        return tree.memoryGating() && l.pathways.get(0).tail().conditioning;
    }

    private List<Candidate> seedFromBest(List<Candidate> candidates) {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.pathway() == 0 && c.iou() > best.iou()) {
                best = c;
            }
        }
        Candidate seed = new Candidate(0, best.mask(), 0.0, best.iou(), best.presence());
        return java.util.Collections.nCopies(tree.pathways(), seed);
    }

    /**
     * Identity of a new node: with deduplication, pathways that chose the same candidate of the same
     * distinct tail share one node, and candidates of one tail that are identical (mask, pointer and
     * predicted IoU, e.g. the empty masks of an absent object) count as one; without it, every
     * (object, pathway, candidate) is its own.
     */
    private long nodeKey(int object, int[] pathwayGroup, Candidate c, DecoderOutput out) {
        if (tree.deduplicate()) {
            return ((long) pathwayGroup[c.pathway()] << 2) | firstIdentical(out, c.mask());
        }
        return ((long) object << 40) | ((long) c.pathway() << 20) | c.mask();
    }

    /** The first multimask candidate (0-based) whose mask, pointer and IoU equal those of candidate j. */
    private static int firstIdentical(DecoderOutput out, int j) {
        for (int i = 0; i < j; i++) {
            if (out.iou()[i + 1] == out.iou()[j + 1] && Arrays.equals(out.masks()[i + 1], out.masks()[j + 1])
                    && Arrays.equals(out.pointers()[i + 1], out.pointers()[j + 1])) {
                return i;
            }
        }
        return j;
    }

    /** Emits final nodes as mattes, once per (object, frame) per track call, and prunes old history. */
    private final class Emitter {
        private final MatteSink sink;
        private final FrameRange range;
        /** Frames emitted in this call, per object (a bit per frame: flat memory on long clips). */
        private final Map<Integer, BitSet> done = new HashMap<>();
        /** Direction of the pass now emitting. */
        boolean passReverse;
        int count;
        int maxLag;
        int discarded;

        Emitter(MatteSink sink, FrameRange range) {
            this.sink = sink;
            this.range = range;
        }

        void emit(ObjectTrack track, FrameMemory node, int pathway, double score, int liveFrame, boolean skipIfDone) {
            BitSet mine = done.computeIfAbsent(track.objectId, k -> new BitSet());
            boolean seen = mine.get(node.frame);
            mine.set(node.frame);
            if (seen && skipIfDone) {
                return;
            }
            node.emitted = true;
            if (track.seedNeeded && !passReverse && node.frame > track.prompts.firstKey()
                    && node.frame <= track.prompts.firstKey() + seedWindow()) {
                track.seedFinal.set(node.frame);
                if (!node.conditioning) {
                    track.seed.put(node.frame, node);
                }
            }
            if (range.contains(node.frame)) {
                float[] logits = HoleFill.apply(node.lowRes, mf.maskSize(), holeArea());
                Matte m = new Matte(track.objectId, node.frame, mf.maskSize(), logits, frames.width(), frames.height(),
                        node.presence, pathway, score);
                long t0 = System.nanoTime();
                try {
                    sink.accept(m);
                    runner.times.add("sink", System.nanoTime() - t0);
                } catch (Exception e) {
                    throw failure("writing the matte of object " + track.objectId + " on frame "
                            + frames.frameNumber(node.frame), e);
                }
                track.finalFrames.set(node.frame);
                count++;
                maxLag = Math.max(maxLag, Math.abs(liveFrame - node.frame));
            }
            if (!node.conditioning) {
                node.lowRes = null;
            }
        }

        void discard(int objectId, int frame) {
            try {
                sink.discard(objectId, frame);
            } catch (Exception e) {
                throw failure("discarding the old matte of object " + objectId + " on frame "
                        + frames.frameNumber(frame), e);
            }
            discarded++;
        }

        private RuntimeException failure(String what, Exception e) {
            if (Thread.currentThread().isInterrupted() || e instanceof InterruptedException
                    || e instanceof java.nio.channels.ClosedByInterruptException) {
                Thread.currentThread().interrupt();
                return new Interrupted(e);
            }
            return new TrackingException(what + " failed: " + e.getMessage(), e);
        }

        /** Emits every not-yet-emitted node of a history, oldest first. */
        void emitHistory(ObjectTrack track, FrameMemory tail, int liveFrame) {
            List<FrameMemory> pending = new ArrayList<>();
            for (FrameMemory m = tail; m != null && !m.emitted; m = m.parent) {
                pending.add(m);
            }
            Collections.reverse(pending);
            for (FrameMemory m : pending) {
                emit(track, m, m.pathway, m.score, liveFrame, false);
            }
            prune(tail, liveFrame);
        }

        /** Everything up to the deepest node all live pathways share is final. */
        void finalise(ObjectTrack track, List<Pathway<FrameMemory>> pathways, int liveFrame) {
            List<FrameMemory> heads = new ArrayList<>();
            pathways.forEach(p -> heads.add(p.tail()));
            while (true) {
                FrameMemory first = heads.get(0);
                boolean same = first != null;
                for (FrameMemory h : heads) {
                    same &= h == first;
                }
                if (same || first == null) {
                    if (first != null) {
                        emitHistory(track, first, liveFrame);
                    }
                    return;
                }
                for (int i = 0; i < heads.size(); i++) {
                    FrameMemory h = heads.get(i);
                    heads.set(i, h == null ? null : h.parent);
                }
            }
        }

        /** Cuts parent links of final nodes that no walk along parents can reach, so they can be collected. */
        private void prune(FrameMemory from, int liveFrame) {
            for (FrameMemory m = from; m != null; m = m.parent) {
                if (Math.abs(liveFrame - m.frame) > selector.window()) {
                    m.parent = null;
                    return;
                }
            }
        }
    }

    /** Counts frame steps and reports progress with the current speed. */
    private static final class Counter {
        int total;
        final Progress progress;
        final long start;
        int done;

        Counter(int total, Progress progress, long start) {
            this.total = total;
            this.progress = progress;
            this.start = start;
        }

        void step() {
            done++;
            total = Math.max(total, done);
            double secs = (System.nanoTime() - start) / 1e9;
            progress.update(done, total, secs > 0 ? done / secs : 0);
        }
    }

    @Override
    public void close() {
        objects.clear();
    }
}
