package org.sam2long.engine.internal.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.matte.Matte;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.internal.tree.DecoderOutput;
import org.sam2long.engine.internal.tree.FrameMemory;
import org.sam2long.engine.track.TrackingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns prompts into conditioning memories, as SAM 2 does on a prompted frame: the decoder on
 * features + no_mem_embed with the clicks/box (multimask with one click, single mask with the
 * stability fallback otherwise), or a mask prompt used directly as the output: exactly the
 * reference's path on a model with the mask_prompt graph, an approximation on one without it.
 */
public final class ConditioningFrames {
    private final ModelRunner runner;
    private final ModelManifest mf;

    /** The last frame encoded for a preview, kept for the next click on it. */
    private FrameFeatures previewFeatures;

    public ConditioningFrames(ModelRunner runner) {
        this.runner = runner;
        this.mf = runner.manifest();
    }

    /**
     * Computes the conditioning memories the objects of {@code plan} still lack, one encoder run
     * and one batch per prompted frame.
     */
    public void prepare(Iterable<ObjectTrack> objects, TrackPlan plan, ClipReader reader, int width, int height)
            throws FrameSourceException {
        Set<ObjectTrack> work = Collections.newSetFromMap(new IdentityHashMap<>());
        plan.forward.forEach(r -> work.add(r.track()));
        plan.backward.forEach(r -> work.add(r.track()));
        Map<Integer, List<ObjectTrack>> byFrame = new TreeMap<>();
        for (ObjectTrack t : objects) {
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
            FrameFeatures f = runner.encode(reader.read(e.getKey()));
            List<Prompt> prompts = new ArrayList<>();
            e.getValue().forEach(t -> prompts.add(t.prompts.get(e.getKey())));
            List<FrameMemory> made = compute(f, prompts, width, height);
            for (int i = 0; i < made.size(); i++) {
                e.getValue().get(i).conditioning.put(e.getKey(), made.get(i));
            }
        }
    }

    /**
     * The matte a checked prompt gives on its own frame before any tracking. The frame is encoded
     * once and kept, so further clicks on it run only the decoder.
     */
    public Matte preview(Prompt p, ClipReader reader, FrameSource frames, int holeArea) {
        if (previewFeatures == null || previewFeatures.frame() != p.frameIndex()) {
            try {
                previewFeatures = runner.encode(reader.read(p.frameIndex()));
            } catch (FrameSourceException e) {
                throw new TrackingException(e.getMessage(), e);
            }
        }
        Chosen c = choose(previewFeatures, List.of(p), frames.width(), frames.height());
        return new Matte(p.objectId(), p.frameIndex(), mf.maskSize(),
                HoleFill.apply(c.masks().get(0), mf.maskSize(), holeArea), frames.width(), frames.height(),
                c.presence()[0], 0, 0);
    }

    /** The output each prompt gives on its frame: the chosen low-res mask, its IoU, presence and pointer. */
    record Chosen(List<float[]> masks, float[] presence, boolean[] binarize, float[] ious, float[][] pointers) {}

    /** Computes the conditioning memory of every prompt on one frame (one batch for all objects). */
    List<FrameMemory> compute(FrameFeatures f, List<Prompt> prompts, int width, int height) {
        Chosen c = choose(f, prompts, width, height);
        List<float[][]> mem = runner.encodeMemory(f, c.masks(), c.presence(), c.binarize());
        List<FrameMemory> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            out.add(FrameMemory.conditioning(f.frame(), mem.get(i)[0], mem.get(i)[1], c.pointers()[i], c.ious()[i],
                    c.presence()[i], c.masks().get(i)));
        }
        return out;
    }

    /** The decoder alone on the prompts (no memory encoder): what an artist sees right after a click. */
    Chosen choose(FrameFeatures f, List<Prompt> prompts, int width, int height) {
        List<float[]> conditioned = new ArrayList<>();
        List<DecoderInput> inputs = new ArrayList<>();
        float[] noMem = runner.noMemory(f);
        MaskPath[] maskPaths = referenceMaskPaths(prompts);
        for (int i = 0; i < prompts.size(); i++) {
            if (maskPaths[i] != null) {
                // the reference runs the heads on the raw features (no no_mem_embed), no points, and
                // mask_downsample(mask) as the dense prompt, only to get the pointer
                conditioned.add(f.features().data());
                inputs.add(new DecoderInput(new float[] {0f, 0f}, new float[] {-1f}, maskPaths[i].maskInput()));
            } else {
                conditioned.add(noMem);
                inputs.add(decoderInput(prompts.get(i), width, height));
            }
        }
        List<DecoderOutput> outs = runner.decode(f, conditioned, inputs);
        List<float[]> masks = new ArrayList<>();
        float[] presence = new float[prompts.size()];
        boolean[] binarize = new boolean[prompts.size()];
        float[] ious = new float[prompts.size()];
        float[][] pointers = new float[prompts.size()][];
        for (int i = 0; i < prompts.size(); i++) {
            Prompt p = prompts.get(i);
            DecoderOutput o = outs.get(i);
            MaskPath mp = maskPaths[i];
            if (mp != null) {
                masks.add(mp.lowRes());
                presence[i] = mp.any() ? 10f : -10f;
                ious[i] = 1f;
                pointers[i] = mp.any() ? o.pointers()[0] : mp.noObjectPointer();
                // the reference encodes the prompted frame's memory from the low-res mask upsampled
                // to S x S and binarised (propagate_in_video_preflight: is_mask_from_pts=True)
                binarize[i] = true;
                continue;
            }
            int points = inputs.get(i).labels()[0] < 0 ? 0 : inputs.get(i).points();
            if (p.mask() != null && points == 0) {
                float[] lowRes = inputs.get(i).mask();
                boolean any = false;
                for (float v : lowRes) {
                    any |= v > 0;
                }
                masks.add(lowRes);
                presence[i] = any ? 10f : -10f;
                ious[i] = 1f;
                pointers[i] = o.pointers()[0];
                continue;
            }
            int chosen = points <= 1 ? bestMultimask(o) : (stable(o.masks()[0]) ? 0 : bestMultimask(o));
            masks.add(o.masks()[chosen]);
            presence[i] = o.presence();
            ious[i] = o.iou()[chosen];
            pointers[i] = points <= 1 ? o.pointers()[chosen] : o.pointers()[0];
            binarize[i] = points > 0;
        }
        return new Chosen(masks, presence, binarize, ious, pointers);
    }

    /**
     * A mask prompt on the reference's path (SAM2VideoPredictor.add_new_mask and
     * SAM2Base._use_mask_as_output): {@code lowRes} the M x M logits (the S x S mask x 20 - 10,
     * antialiased bilinear to M x M), {@code maskInput} mask_downsample of the S x S mask,
     * {@code any} whether the mask has a pixel, {@code noObjectPointer} the pointer of an empty mask.
     */
    private record MaskPath(float[] lowRes, float[] maskInput, float[] noObjectPointer, boolean any) {}

    private static final Logger LOG = LoggerFactory.getLogger(ConditioningFrames.class);
    /** Models whose mask-prompt approximation was logged (once per model). */
    private static final Set<String> APPROXIMATION_LOGGED = ConcurrentHashMap.newKeySet();

    /**
     * The reference's mask-prompt path for every prompt that is a mask alone, when the model has
     * it (the optional mask_prompt graph); null entries elsewhere. Without the graph a mask prompt
     * keeps the approximation of {@link #maskLogits}, and the log says so once per model.
     */
    private MaskPath[] referenceMaskPaths(List<Prompt> prompts) {
        MaskPath[] out = new MaskPath[prompts.size()];
        List<Integer> idx = new ArrayList<>();
        List<float[]> atInput = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Prompt p = prompts.get(i);
            if (p.mask() == null || !p.clicks().isEmpty() || p.box() != null) {
                continue;
            }
            if (!runner.hasMaskPrompt()) {
                if (APPROXIMATION_LOGGED.add(runner.modelName())) {
                    LOG.info("model '{}' has no mask_prompt graph: mask prompts are approximated (the mask area-averaged"
                            + " to {}x{} logits, pointer from the decoder on features + no_mem_embed), not the reference's"
                            + " path; add the graph with export_sam2.py --add-mask-prompt", runner.modelName(),
                            mf.maskSize(), mf.maskSize());
                }
                continue;
            }
            idx.add(i);
            atInput.add(maskAtInputSize(p.mask()));
        }
        if (idx.isEmpty()) {
            return out;
        }
        List<float[][]> graph = runner.maskPrompt(atInput);
        int s = mf.imageSize();
        int mk = mf.maskSize();
        for (int k = 0; k < idx.size(); k++) {
            float[] m = atInput.get(k);
            float[] high = new float[m.length];
            boolean any = false;
            for (int j = 0; j < m.length; j++) {
                any |= m[j] > 0f;
                high[j] = m[j] * 20f - 10f;
            }
            out[idx.get(k)] = new MaskPath(AntialiasedBilinear.resize(high, s, s, mk, mk), graph.get(k)[0],
                    graph.get(k)[1], any);
        }
        return out;
    }

    /**
     * The prompt mask as 0/1 at S x S, as add_new_mask makes it: unchanged at S x S, otherwise
     * antialiased bilinear to S x S and thresholded at 0.5.
     */
    private float[] maskAtInputSize(Prompt.MaskPrompt m) {
        int s = mf.imageSize();
        float[] src = new float[m.width() * m.height()];
        for (int i = 0; i < src.length; i++) {
            src[i] = m.inside()[i] ? 1f : 0f;
        }
        if (m.width() == s && m.height() == s) {
            return src;
        }
        float[] r = AntialiasedBilinear.resize(src, m.width(), m.height(), s, s);
        for (int i = 0; i < r.length; i++) {
            r[i] = r[i] >= 0.5f ? 1f : 0f;
        }
        return r;
    }

    static int bestMultimask(DecoderOutput o) {
        int best = 1;
        for (int j = 2; j <= 3; j++) {
            if (o.iou()[j] > o.iou()[best]) {
                best = j;
            }
        }
        return best;
    }

    /** SAM 2's stability score of the single-mask output: area above +delta over area above -delta. */
    private boolean stable(float[] logits) {
        float delta = mf.multimaskStabilityDelta();
        int inter = 0;
        int union = 0;
        for (float v : logits) {
            if (v > delta) {
                inter++;
            }
            if (v > -delta) {
                union++;
            }
        }
        float score = union > 0 ? (float) inter / union : 1f;
        return score >= mf.multimaskStabilityThresh();
    }

    private DecoderInput decoderInput(Prompt p, int width, int height) {
        int s = mf.imageSize();
        float sx = (float) s / width;
        float sy = (float) s / height;
        List<float[]> pts = new ArrayList<>();
        if (p.box() != null) {
            pts.add(new float[] {(float) p.box().x0() * sx, (float) p.box().y0() * sy, 2f});
            pts.add(new float[] {(float) p.box().x1() * sx, (float) p.box().y1() * sy, 3f});
        }
        for (Prompt.Click c : p.clicks()) {
            pts.add(new float[] {(float) c.x() * sx, (float) c.y() * sy, c.positive() ? 1f : 0f});
        }
        float[] mask = p.mask() == null ? null : maskLogits(p.mask());
        if (pts.isEmpty()) {
            return new DecoderInput(new float[] {0f, 0f}, new float[] {-1f}, mask);
        }
        float[] coords = new float[pts.size() * 2];
        float[] labels = new float[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            coords[2 * i] = pts.get(i)[0];
            coords[2 * i + 1] = pts.get(i)[1];
            labels[i] = pts.get(i)[2];
        }
        return new DecoderInput(coords, labels, mask);
    }

    /**
     * The approximation for models without the mask_prompt graph (and the dense prompt of a mask
     * given with clicks): area-averages a source-resolution binary mask to M x M and maps it to
     * logits (x 20 - 10, as SAM 2).
     */
    private float[] maskLogits(Prompt.MaskPrompt m) {
        int mk = mf.maskSize();
        float[] out = new float[mk * mk];
        float[] count = new float[mk * mk];
        for (int y = 0; y < m.height(); y++) {
            int my = Math.min(y * mk / m.height(), mk - 1);
            for (int x = 0; x < m.width(); x++) {
                int mx = Math.min(x * mk / m.width(), mk - 1);
                int i = my * mk + mx;
                count[i]++;
                if (m.inside()[y * m.width() + x]) {
                    out[i]++;
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            float frac = count[i] > 0 ? out[i] / count[i] : 0f;
            out[i] = (frac >= 0.5f ? 1f : 0f) * 20f - 10f;
        }
        return out;
    }
}
