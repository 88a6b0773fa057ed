package org.sam2long.engine.internal.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What both policies share: pathways as tails of a node tree, scoring ln(IoU + 1e-5), node
 * identities, finalisation along parent links and release of what no walk can reach. Subclasses
 * decide which candidates survive and when frames are final.
 */
abstract class HistoryPolicy implements MemoryPolicy {
    final MemorySelector selector;
    final int pathways;
    final boolean shared;
    final boolean exhaustive;

    HistoryPolicy(MemorySelector selector, int pathways, boolean shared, boolean exhaustive) {
        this.selector = selector;
        this.pathways = pathways;
        this.shared = shared;
        this.exhaustive = exhaustive;
    }

    /** The candidates that survive this frame, in the order of the pathways they become. */
    abstract List<Candidate> select(Branches b, List<Candidate> candidates, float[] presences);

    @Override
    public float pointerDistanceScale() {
        return selector.pointerDistanceScale();
    }

    @Override
    public Branches start(FrameMemory conditioning, Collection<FrameMemory> continuing) {
        conditioning.parent = continuation(continuing);
        selector.link(conditioning);
        return new Branches(root(conditioning));
    }

    /**
     * Final nodes of an earlier pass as a history running away from the new start (nearest first),
     * for this pass to continue from; null when there are none. The earlier pass's nodes are copied:
     * they keep their own links.
     */
    private FrameMemory continuation(Collection<FrameMemory> continuing) {
        List<FrameMemory> farFirst = new ArrayList<>(continuing);
        Collections.reverse(farFirst);
        FrameMemory head = null;
        for (FrameMemory m : farFirst) {
            FrameMemory copy = new FrameMemory(m.frame, false, m.memory, m.memoryPos, m.pointer, m.iou, m.presence,
                    null, head);
            copy.emitted = true;
            selector.link(copy);
            head = copy;
        }
        return head;
    }

    @Override
    public void restart(Branches b, FrameMemory conditioning, int liveFrame, Consumer<FrameMemory> finals) {
        FrameMemory best = winner(b.pathways).tail();
        emitHistory(best, liveFrame, finals);
        conditioning.parent = best;
        selector.link(conditioning);
        b.pathways = root(conditioning);
    }

    private List<Pathway> root(FrameMemory cond) {
        List<Pathway> p = new ArrayList<>();
        for (int i = 0; i < pathways; i++) {
            p.add(new Pathway(0.0, cond));
        }
        return p;
    }

    /** The first pathway with the highest score. */
    static Pathway winner(List<Pathway> pathways) {
        Pathway best = pathways.get(0);
        for (Pathway p : pathways) {
            if (p.score() > best.score()) {
                best = p;
            }
        }
        return best;
    }

    @Override
    public List<MemoryPlan> plan(Branches b, List<FrameMemory> conditioning, int frame, boolean reverse) {
        List<MemoryPlan> plans = new ArrayList<>();
        Map<FrameMemory, Integer> groupOf = new IdentityHashMap<>();
        int[] group = new int[b.pathways.size()];
        for (int p = 0; p < group.length; p++) {
            FrameMemory tail = b.pathways.get(p).tail();
            Integer g = shared ? groupOf.get(tail) : null;
            if (g == null) {
                g = plans.size();
                groupOf.put(tail, g);
                plans.add(selector.plan(conditioning, tail, frame, reverse));
            }
            group[p] = g;
        }
        b.group = group;
        b.plans = plans;
        return plans;
    }

    @Override
    public List<MemoryInput> choose(Branches b, List<DecoderOutput> outputs) {
        int[] pg = b.group;
        b.outputs = outputs;
        List<Candidate> candidates = new ArrayList<>();
        float[] pres = new float[pg.length];
        for (int p = 0; p < pg.length; p++) {
            DecoderOutput out = outputs.get(pg[p]);
            pres[p] = out.presence();
            double s = b.pathways.get(p).score();
            for (int j = 0; j < 3; j++) {
                float iou = out.iou()[j + 1];
                candidates.add(new Candidate(p, j, s + Math.log(iou + 1e-5), iou, out.presence()));
            }
        }
        List<Candidate> kept = select(b, candidates, pres);
        b.kept = kept;
        b.keys = new long[kept.size()];
        b.nodeIndex.clear();
        b.masks.clear();
        List<MemoryInput> inputs = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            Candidate c = kept.get(i);
            DecoderOutput out = outputs.get(pg[c.pathway()]);
            long key = nodeKey(pg, c, out);
            b.keys[i] = key;
            if (!b.nodeIndex.containsKey(key)) {
                b.nodeIndex.put(key, b.masks.size());
                float[] mask = out.masks()[c.mask() + 1];
                b.masks.add(mask);
                inputs.add(new MemoryInput(mask, out.presence()));
            }
        }
        return inputs;
    }

    /**
     * Identity of a new node: with sharing, pathways that chose the same candidate of the same
     * distinct tail share one node, and candidates of one tail that are identical (mask, pointer and
     * predicted IoU, e.g. the empty masks of an absent object) count as one; without it, every
     * (pathway, candidate) is its own.
     */
    private long nodeKey(int[] pathwayGroup, Candidate c, DecoderOutput out) {
        if (shared) {
            return ((long) pathwayGroup[c.pathway()] << 2) | firstIdentical(out, c.mask());
        }
        return ((long) c.pathway() << 20) | c.mask();
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

    @Override
    public void advance(Branches b, int frame, List<float[][]> memories, int nextFrame) {
        Map<Long, FrameMemory> made = new LinkedHashMap<>();
        List<Pathway> next = new ArrayList<>();
        for (int i = 0; i < b.kept.size(); i++) {
            Candidate c = b.kept.get(i);
            long key = b.keys[i];
            FrameMemory node = made.get(key);
            if (node == null) {
                int idx = b.nodeIndex.get(key);
                DecoderOutput out = b.outputs.get(b.group[c.pathway()]);
                node = new FrameMemory(frame, false, memories.get(idx)[0], memories.get(idx)[1],
                        out.pointers()[c.mask() + 1], c.iou(), out.presence(), b.masks.get(idx),
                        b.pathways.get(c.pathway()).tail());
                node.score = c.score();
                node.pathway = i;
                selector.link(node);
                b.holders.add(node);
                made.put(key, node);
            }
            next.add(new Pathway(c.score(), node));
        }
        b.pathways = next;
        b.outputs = null;
        b.masks.clear();
        if (!exhaustive) {
            release(b, nextFrame);
        }
    }

    /**
     * Keeps exactly what a future memory walk can still reach: payloads of other nodes are dropped
     * and gated links past the last reachable node are cut, so memory stays flat on any clip length
     * while the walk gives the same memory as an unbounded one (future walks start from descendants
     * of today's tails and so reach old nodes only at higher ranks).
     */
    private void release(Branches b, int nextFrame) {
        Set<FrameMemory> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pathway p : b.pathways) {
            if (keep.add(p.tail())) {
                keep.addAll(selector.reachable(p.tail(), nextFrame));
            }
        }
        for (FrameMemory m : keep) {
            if (m.prevGated != null && !keep.contains(m.prevGated)) {
                m.prevGated = null;
            }
        }
        b.holders.removeIf(m -> {
            if (keep.contains(m) || (b.holdTo >= 0 && m.frame > b.holdAfter && m.frame <= b.holdTo)) {
                return false;
            }
            m.dropPayload();
            return true;
        });
    }

    @Override
    public void finish(Branches b, int liveFrame, Consumer<FrameMemory> finals) {
        emitHistory(winner(b.pathways).tail(), liveFrame, finals);
    }

    /** Everything up to the deepest node all live pathways share is final. */
    void finaliseShared(Branches b, int liveFrame, Consumer<FrameMemory> finals) {
        List<FrameMemory> heads = new ArrayList<>();
        b.pathways.forEach(p -> heads.add(p.tail()));
        while (true) {
            FrameMemory first = heads.get(0);
            boolean same = first != null;
            for (FrameMemory h : heads) {
                same &= h == first;
            }
            if (same || first == null) {
                if (first != null) {
                    emitHistory(first, liveFrame, finals);
                }
                return;
            }
            for (int i = 0; i < heads.size(); i++) {
                FrameMemory h = heads.get(i);
                heads.set(i, h == null ? null : h.parent);
            }
        }
    }

    /** Hands every not-yet-emitted node of a history to {@code finals}, oldest first, then prunes it. */
    void emitHistory(FrameMemory tail, int liveFrame, Consumer<FrameMemory> finals) {
        List<FrameMemory> pending = new ArrayList<>();
        for (FrameMemory m = tail; m != null && !m.emitted; m = m.parent) {
            pending.add(m);
        }
        Collections.reverse(pending);
        pending.forEach(finals);
        prune(tail, liveFrame);
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
