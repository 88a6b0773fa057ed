package org.sam2long.engine.internal.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.matte.Resample;
import org.sam2long.engine.internal.model.FloatTensor;
import org.sam2long.engine.internal.model.HostTensors;
import org.sam2long.engine.model.ModelException;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.internal.model.LoadedModel;
import org.sam2long.engine.model.Sam2Model;
import org.sam2long.engine.internal.tree.DecoderOutput;
import org.sam2long.engine.internal.tree.FrameMemory;
import org.sam2long.engine.internal.tree.MemoryPlan;
import org.sam2long.engine.track.StageTimes;

/**
 * Turns tracking requests into batched graph calls: one image-encoder run per frame, and one call
 * per stage for all objects and distinct pathways (grouped by equal memory shape).
 */
public final class ModelRunner {
    private final LoadedModel model;
    private final ModelManifest mf;
    private final HostTensors host;
    private final ImagePreprocessor preprocessor;
    public final StageTimes times = new StageTimes();
    /** Time inside ONNX Runtime's run calls alone (also counted in the graph stages around them). */
    static final String ONNX = StageTimes.INSIDE_ONNX_RUNTIME;
    /** Memory position maps rarely change between frames: identical ones share one array. */
    private float[] lastMemoryPos;

    private final boolean bfloat16Memory;

    /** System property: the batch budget in MB, used when the runtime setting batchBudgetMB is 0 (automatic). */
    static final String BUDGET_PROPERTY = "sam2long.batchBudgetMB";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelRunner.class);
    /** Batches split because of the budget or an out-of-memory failure (for tests and diagnostics). */
    static final java.util.concurrent.atomic.AtomicLong SPLIT_BATCHES = new java.util.concurrent.atomic.AtomicLong();
    /** Memory-attention calls that failed for lack of memory and were retried split (for tests and diagnostics). */
    static final java.util.concurrent.atomic.AtomicLong OUT_OF_MEMORY_RETRIES = new java.util.concurrent.atomic.AtomicLong();
    /** Bytes a memory-attention call may add (estimate, see attentionBytesPerItem). */
    private final long batchBudgetBytes;
    private final int attentionTile;
    private int maxItemsAfterFailure = Integer.MAX_VALUE;
    private boolean loggedFallback;

    /**
     * @param bicubic        resize frames as PIL's bicubic does (parity) instead of antialiased bilinear
     * @param bfloat16Memory round stored memory features to bfloat16 as the official predictor does (parity)
     */
    public ModelRunner(Sam2Model model, boolean bicubic, boolean bfloat16Memory) {
        this.model = LoadedModel.of(model);
        this.bfloat16Memory = bfloat16Memory;
        this.mf = model.manifest();
        this.host = this.model.hostTensors();
        this.preprocessor = new ImagePreprocessor(mf, bicubic);
        this.batchBudgetBytes = batchBudget(model.runtime(), model.provider());
        this.attentionTile = attentionTile(model.directory());
        if (LOGGED_BUDGET.getAndSet(batchBudgetBytes) != batchBudgetBytes) {
            LOG.info("memory attention on {}: batch budget {} MB per call, so {} item(s) per call at a full bank "
                    + "(estimate {} MB per item)", model.provider(), batchBudgetBytes >> 20,
                    itemsPerCall(fullBankKeys()), attentionBytesPerItem(fullBankKeys()) >> 20);
        }
    }

    ModelManifest manifest() { return mf; }

    public FrameFeatures encode(Frame frame) {
        long t0 = System.nanoTime();
        float[] image = preprocessor.apply(frame);
        long t1 = System.nanoTime();
        times.add("preprocess", t1 - t0);
        int s = mf.imageSize();
        Map<String, FloatTensor> out = model.imageEncoder().run(Map.of("image", FloatTensor.of(image, 1, 3, s, s)));
        times.add(ONNX, System.nanoTime() - t1);
        times.add("image_encoder", System.nanoTime() - t1);
        times.count("image_encoder", 1);
        return new FrameFeatures(frame.index(), out.get("features"), out.get("feature_pos"), out.get("high_res_0"),
                out.get("high_res_1"));
    }

    /** Features + no_mem_embed: the conditioned features of a frame without memory. */
    float[] noMemory(FrameFeatures f) {
        int d = mf.featureChannels();
        int hw = mf.gridTokens();
        float[] src = f.features().data();
        float[] out = new float[src.length];
        for (int c = 0; c < d; c++) {
            float e = host.noMemEmbed()[c];
            for (int i = 0; i < hw; i++) {
                out[c * hw + i] = src[c * hw + i] + e;
            }
        }
        return out;
    }

    /** Memory attention for each plan, batched by memory shape; returns conditioned [d*h*w] per plan. */
    public List<float[]> attend(FrameFeatures f, List<MemoryPlan> plans, float pointerScale) {
        long t0 = System.nanoTime();
        float[][] result = new float[plans.size()][];
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            groups.computeIfAbsent(plans.get(i).shapeKey(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : groups.values()) {
            MemoryPlan first = plans.get(group.get(0));
            int perCall = itemsPerCall(first.spatial().size() * mf.gridTokens() + first.pointers().size() * mf.tokensPerPointer());
            if (perCall < group.size()) {
                SPLIT_BATCHES.incrementAndGet();
            }
            for (int from = 0; from < group.size(); from += perCall) {
                attendBatch(f, plans, group.subList(from, Math.min(group.size(), from + perCall)), pointerScale, result);
            }
        }
        times.add("memory_attention", System.nanoTime() - t0);
        times.count("memory_attention", plans.size());
        return List.of(result);
    }

    /** One memory-attention call for the plans {@code idx} (all of one memory shape). */
    private void attendBatch(FrameFeatures f, List<MemoryPlan> plans, List<Integer> idx, float pointerScale,
                             float[][] result) {
        int hw = mf.gridTokens();
        int c = mf.memoryChannels();
        int tpp = mf.tokensPerPointer();
        int d = mf.featureChannels();
        MemoryPlan first = plans.get(idx.get(0));
        int b = idx.size();
        int n = first.spatial().size() * hw;
        int p = first.pointers().size() * tpp;
        float[] mem = new float[b * n * c];
        float[] memPos = new float[b * n * c];
        float[] ptr = new float[b * p * c];
        float[] ptrPos = new float[b * p * c];
        float[] memScale = new float[b * n];
        float[] ptrScale = new float[b * p];
        for (int bi = 0; bi < b; bi++) {
            MemoryPlan plan = plans.get(idx.get(bi));
            for (int k = 0; k < plan.spatial().size(); k++) {
                FrameMemory m = plan.spatial().get(k);
                int off = (bi * n + k * hw) * c;
                System.arraycopy(m.memory(), 0, mem, off, hw * c);
                float[] tpos = host.maskmemTposEnc()[plan.slotRows().get(k)];
                float[] mpos = m.memoryPos();
                for (int t = 0; t < hw; t++) {
                    for (int ch = 0; ch < c; ch++) {
                        memPos[off + t * c + ch] = mpos[t * c + ch] + tpos[ch];
                    }
                }
                java.util.Arrays.fill(memScale, bi * n + k * hw, bi * n + (k + 1) * hw, plan.spatialWeights()[k]);
            }
            for (int k = 0; k < plan.pointers().size(); k++) {
                float[] pos = pointerPosition(plan.pointerDistance().get(k) / pointerScale);
                int off = (bi * p + k * tpp) * c;
                System.arraycopy(plan.pointers().get(k).pointer(), 0, ptr, off, tpp * c);
                for (int t = 0; t < tpp; t++) {
                    System.arraycopy(pos, 0, ptrPos, off + t * c, c);
                }
                java.util.Arrays.fill(ptrScale, bi * p + k * tpp, bi * p + (k + 1) * tpp, plan.pointerWeights()[k]);
            }
        }
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("features", f.features());
        in.put("feature_pos", f.featurePos());
        in.put("memory", FloatTensor.of(mem, b, n, c));
        in.put("memory_pos", FloatTensor.of(memPos, b, n, c));
        in.put("pointers", FloatTensor.of(ptr, b, p, c));
        in.put("pointer_pos", FloatTensor.of(ptrPos, b, p, c));
        in.put("memory_key_scale", FloatTensor.of(memScale, b, n));
        in.put("pointer_key_scale", FloatTensor.of(ptrScale, b, p));
        long g0 = System.nanoTime();
        float[] cond;
        try {
            cond = model.memoryAttention().run(in).get("conditioned").data();
        } catch (ModelException e) {
            if (b < 2 || !outOfMemory(e)) {
                throw e;
            }
            times.add(ONNX, System.nanoTime() - g0);
            // a smaller batch may fit: halve it (and remember the smaller size for the next calls)
            int half = b / 2;
            maxItemsAfterFailure = Math.min(maxItemsAfterFailure, half);
            if (!loggedFallback) {
                loggedFallback = true;
                LOG.warn("memory attention ran out of memory with {} items in one call; splitting batches "
                        + "(at most {} items per call from now on): {}", b, half, e.getMessage());
            }
            SPLIT_BATCHES.incrementAndGet();
            OUT_OF_MEMORY_RETRIES.incrementAndGet();
            attendBatch(f, plans, idx.subList(0, half), pointerScale, result);
            attendBatch(f, plans, idx.subList(half, b), pointerScale, result);
            return;
        }
        times.add(ONNX, System.nanoTime() - g0);
        int per = d * hw;
        for (int bi = 0; bi < b; bi++) {
            result[idx.get(bi)] = java.util.Arrays.copyOfRange(cond, bi * per, (bi + 1) * per);
        }
    }

    /**
     * Items per memory-attention call under the batch budget, for items with {@code keys} key tokens
     * (spatial memory + pointer tokens); at least 1.
     */
    int itemsPerCall(int keys) {
        long per = attentionBytesPerItem(keys);
        long n = Math.max(1, batchBudgetBytes / Math.max(1, per));
        return (int) Math.max(1, Math.min(Math.min(n, Integer.MAX_VALUE), maxItemsAfterFailure));
    }

    /** The budget last logged (logged again only when it changes, e.g. between models). */
    private static final java.util.concurrent.atomic.AtomicLong LOGGED_BUDGET = new java.util.concurrent.atomic.AtomicLong(-1);

    /** Key tokens of one item at a full memory bank: every memory slot and every pointer. */
    private int fullBankKeys() {
        return mf.numMaskmem() * mf.gridTokens() + mf.maxObjPtrs() * mf.tokensPerPointer();
    }

    /**
     * An estimate of the memory one batch item adds to a memory-attention call: the score block alive
     * at once (queries x keys in full, or tile x keys for a query-tiled export; counted twice, for
     * the scores and their softmax) plus the per-key tensors (inputs, position-added and scaled keys,
     * projected keys and values at d channels), doubled because ONNX Runtime's arena grows by powers
     * of two (measured on SAM 2.1 tiny: 0.68 GB per item against 294 MB of live tensors, see
     * docs/perf/gpu-memory.md). An estimate for budgeting, not a measurement.
     */
    long attentionBytesPerItem(int keys) {
        long queries = mf.gridTokens();
        long rows = attentionTile > 0 ? Math.min(attentionTile, queries) : queries;
        long scores = 2L * rows * keys * Float.BYTES;
        long perKey = (long) keys * (2L * mf.featureChannels() + 6L * mf.memoryChannels()) * Float.BYTES;
        long perQuery = queries * 8L * mf.featureChannels() * Float.BYTES;
        return ARENA_GROWTH * (scores + perKey + perQuery);
    }

    /** The factor by which ONNX Runtime's arena can exceed the live tensors (power-of-two growth). */
    private static final int ARENA_GROWTH = 2;

    private static boolean outOfMemory(ModelException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("out of memory") || m.contains("failed to allocate") || m.contains("bad_alloc")
                    || m.contains("bad allocation") || t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /**
     * The batch budget in bytes, first that applies: the runtime setting {@code batchBudgetMB}
     * (preset field runtime.batchBudgetMB) when above 0; the system property {@value #BUDGET_PROPERTY}
     * (MB); on CUDA, half the device's free memory when nvidia-smi can read it, else half the host
     * memory available now (/proc/meminfo MemAvailable, else the JVM's view of the free physical memory,
     * else half its max heap); on CPU, that half of the host memory but at most
     * {@value #CPU_CALL_BUDGET_MB} MB.
     */
    static long batchBudget(org.sam2long.engine.model.RuntimeSettings runtime, String provider) {
        if (runtime != null && runtime.batchBudgetMB() > 0) {
            return runtime.batchBudgetMB() * 1024L * 1024;
        }
        String v = System.getProperty(BUDGET_PROPERTY);
        if (v != null && !v.isBlank()) {
            return (long) (Double.parseDouble(v.trim()) * 1024 * 1024);
        }
        if ("CUDA".equals(provider)) {
            long free = freeDeviceMemory();
            if (free > 0) {
                return free / 2;
            }
            return availableHostMemory() / 2;
        }
        return Math.min(availableHostMemory() / 2, CPU_CALL_BUDGET_MB * 1024L * 1024);
    }

    /**
     * The automatic batch budget's ceiling on CPU, in MB: about one full-bank memory-attention item of
     * the official sizes (estimate ~510 MB at 7 x 4096 + 64 keys, so one per call at most from 2
     * memories on; the demo model's items, ~10 MB, still batch). Measured on SAM 2.1 tiny (issue 19,
     * docs/perf/attention-memory.md): on CPU one item per call needs half the memory per item of a
     * batched call and no more CPU time, since each item's products are already large.
     */
    static final int CPU_CALL_BUDGET_MB = 384;

    /** Memory available to a new allocation on this host, in bytes. */
    static long availableHostMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: ask the JVM
        }
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long free = os.getFreeMemorySize();
            if (free > 0) {
                return free;
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Free memory of the GPU the CUDA provider uses (device 0 of CUDA_VISIBLE_DEVICES), in bytes,
     * read with nvidia-smi; 0 when it cannot be read (ONNX Runtime's Java API does not report it).
     */
    static long freeDeviceMemory() {
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        String id = visible == null || visible.isBlank() ? "0" : visible.split(",")[0].trim();
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=memory.free", "--format=csv,noheader,nounits",
                    "--id=" + id).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return 0;
            }
            return Long.parseLong(out.split("\\s+")[0]) * 1024 * 1024;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Queries per attention tile of a query-tiled export (manifest "attention": "query-tiled/t", optionally
     * followed by "+key-chunked/c"); 0: full.
     */
    public static int attentionTile(java.nio.file.Path modelDir) {
        if (modelDir == null) {
            return 0;
        }
        try {
            java.nio.file.Path m = modelDir.resolve("manifest.json");
            if (!java.nio.file.Files.isRegularFile(m)) {
                return 0;
            }
            String a = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.toFile()).path("attention").asText("full");
            // "+key-chunked/c" may follow (cross-attention keys in chunks; the estimate stays conservative)
            String tiled = a.split("\\+", 2)[0];
            return tiled.startsWith("query-tiled/") ? Integer.parseInt(tiled.substring("query-tiled/".length())) : 0;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** SAM 2's pointer temporal encoding: projection of the 1-D sine encoding of x. */
    float[] pointerPosition(float x) {
        int d = mf.featureChannels();
        int half = d / 2;
        float[] pe = new float[d];
        for (int j = 0; j < half; j++) {
            double dimT = Math.pow(10000.0, 2.0 * (j / 2) / half);
            pe[j] = (float) Math.sin(x / dimT);
            pe[half + j] = (float) Math.cos(x / dimT);
        }
        int c = mf.memoryChannels();
        float[] out = new float[c];
        for (int i = 0; i < c; i++) {
            float[] w = host.ptrTposProjWeight()[i];
            float acc = host.ptrTposProjBias()[i];
            for (int j = 0; j < d; j++) {
                acc += w[j] * pe[j];
            }
            out[i] = acc;
        }
        return out;
    }

    /**
     * Mask decoder for each (conditioned features, prompt) item, batched by point count, at most
     * {@link #decoderItemsPerCall()} items per call.
     */
    public List<DecoderOutput> decode(FrameFeatures f, List<float[]> conditioned, List<DecoderInput> prompts) {
        long t0 = System.nanoTime();
        DecoderOutput[] result = new DecoderOutput[conditioned.size()];
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < prompts.size(); i++) {
            groups.computeIfAbsent(prompts.get(i).points(), k -> new ArrayList<>()).add(i);
        }
        int per = mf.featureChannels() * mf.gridTokens();
        int mm = mf.maskSize() * mf.maskSize();
        int d = mf.featureChannels();
        List<Map.Entry<Integer, List<Integer>>> calls = new ArrayList<>();
        int most = decoderItemsPerCall();
        for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
            if (g.getValue().size() > most) {
                SPLIT_BATCHES.incrementAndGet();
            }
            for (int from = 0; from < g.getValue().size(); from += most) {
                calls.add(Map.entry(g.getKey(), g.getValue().subList(from, Math.min(g.getValue().size(), from + most))));
            }
        }
        for (Map.Entry<Integer, List<Integer>> g : calls) {
            List<Integer> idx = g.getValue();
            int b = idx.size();
            int k = g.getKey();
            float[] cond = new float[b * per];
            float[] coords = new float[b * k * 2];
            float[] labels = new float[b * k];
            float[] mask = new float[b * mm];
            float[] hasMask = new float[b];
            for (int bi = 0; bi < b; bi++) {
                int i = idx.get(bi);
                System.arraycopy(conditioned.get(i), 0, cond, bi * per, per);
                DecoderInput p = prompts.get(i);
                System.arraycopy(p.coords(), 0, coords, bi * k * 2, k * 2);
                System.arraycopy(p.labels(), 0, labels, bi * k, k);
                if (p.mask() != null) {
                    System.arraycopy(p.mask(), 0, mask, bi * mm, mm);
                    hasMask[bi] = 1f;
                }
            }
            Map<String, FloatTensor> in = new LinkedHashMap<>();
            in.put("conditioned", FloatTensor.of(cond, b, d, mf.gridH(), mf.gridW()));
            in.put("high_res_0", f.highRes0());
            in.put("high_res_1", f.highRes1());
            in.put("point_coords", FloatTensor.of(coords, b, k, 2));
            in.put("point_labels", FloatTensor.of(labels, b, k));
            in.put("mask_input", FloatTensor.of(mask, b, 1, mf.maskSize(), mf.maskSize()));
            in.put("has_mask_input", FloatTensor.of(hasMask, b, 1));
            long g0 = System.nanoTime();
            Map<String, FloatTensor> out = model.maskDecoder().run(in);
            times.add(ONNX, System.nanoTime() - g0);
            float[] masks = out.get("mask_logits").data();
            float[] iou = out.get("iou").data();
            float[] score = out.get("object_score").data();
            float[] ptrs = out.get("pointers").data();
            for (int bi = 0; bi < b; bi++) {
                float[][] m = new float[4][];
                float[][] pt = new float[4][];
                for (int j = 0; j < 4; j++) {
                    m[j] = java.util.Arrays.copyOfRange(masks, (bi * 4 + j) * mm, (bi * 4 + j + 1) * mm);
                    pt[j] = java.util.Arrays.copyOfRange(ptrs, (bi * 4 + j) * d, (bi * 4 + j + 1) * d);
                }
                result[idx.get(bi)] = new DecoderOutput(m, java.util.Arrays.copyOfRange(iou, bi * 4, bi * 4 + 4),
                        score[bi], pt);
            }
        }
        times.add("mask_decoder", System.nanoTime() - t0);
        times.count("mask_decoder", prompts.size());
        return List.of(result);
    }

    /** Whether the model has the reference's mask-prompt path (the optional mask_prompt graph). */
    boolean hasMaskPrompt() {
        return model.maskPrompt() != null;
    }

    /** Name of the model, for log lines. */
    String modelName() {
        return mf.name();
    }

    /**
     * The mask_prompt graph on 0/1 masks at S x S (one batch): per mask {mask_input (M x M, the
     * decoder's dense mask prompt, i.e. mask_downsample of the mask), no_object_pointer (d)}.
     */
    List<float[][]> maskPrompt(List<float[]> masks) {
        int b = masks.size();
        int s = mf.imageSize();
        int mm = mf.maskSize() * mf.maskSize();
        int d = mf.featureChannels();
        float[] in = new float[b * s * s];
        for (int i = 0; i < b; i++) {
            System.arraycopy(masks.get(i), 0, in, i * s * s, s * s);
        }
        long g0 = System.nanoTime();
        Map<String, FloatTensor> out = model.maskPrompt().run(Map.of("mask", FloatTensor.of(in, b, 1, s, s)));
        times.add(ONNX, System.nanoTime() - g0);
        float[] maskInput = out.get("mask_input").data();
        float[] noPtr = out.get("no_object_pointer").data();
        List<float[][]> result = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            result.add(new float[][] {java.util.Arrays.copyOfRange(maskInput, i * mm, (i + 1) * mm),
                    java.util.Arrays.copyOfRange(noPtr, i * d, (i + 1) * d)});
        }
        return result;
    }

    /**
     * Memory encoder for each chosen mask. {@code masks} are M x M logits; {@code binarize} says
     * whether a mask came straight from clicks. Returns token-major [memory, memoryPos] per item.
     * One item per call when the batch budget allows memory attention only one item per call at a full
     * bank (the official sizes on CPU: bit-identical to a batched call, ~860 MB less at 3 objects x 3
     * pathways on SAM 2.1 tiny and no slower, docs/perf/attention-memory.md), else all at once (small
     * models, where batching is ~10 % faster); {@value #ENCODER_ITEMS_PROPERTY}, else
     * {@value #DECODER_ITEMS_PROPERTY}, overrides.
     */
    public List<float[][]> encodeMemory(FrameFeatures f, List<float[]> masks, float[] presence, boolean[] binarize) {
        int most = itemsPerCallProperty(ENCODER_ITEMS_PROPERTY,
                itemsPerCallProperty(DECODER_ITEMS_PROPERTY, itemsPerCall(fullBankKeys()) <= 1 ? 1 : Integer.MAX_VALUE));
        if (masks.size() <= most) {
            return encodeMemoryBatch(f, masks, presence, binarize);
        }
        List<float[][]> result = new ArrayList<>(masks.size());
        for (int from = 0; from < masks.size(); from += most) {
            int to = Math.min(masks.size(), from + most);
            result.addAll(encodeMemoryBatch(f, masks.subList(from, to), java.util.Arrays.copyOfRange(presence, from, to),
                    java.util.Arrays.copyOfRange(binarize, from, to)));
        }
        return result;
    }

    /**
     * System property (diagnostic, unset by default: all of a call's items at once): the most (object, pathway)
     * items per mask-decoder call (and per memory-encoder call unless {@value #ENCODER_ITEMS_PROPERTY} is set).
     * One item per mask-decoder call lowers the memory per item further on SAM 2.1 tiny at no time cost,
     * but its mattes are not bit-identical to the batched call (ONNX Runtime's CPU kernels round
     * differently, ~4e-6 relative), so it is not the default
     * (docs/perf/attention-memory.md).
     */
    static final String DECODER_ITEMS_PROPERTY = "sam2long.decoderItemsPerCall";

    /**
     * System property (diagnostic): the most items per memory-encoder call, overriding the default
     * (one on CPU) and {@value #DECODER_ITEMS_PROPERTY} for that graph.
     */
    static final String ENCODER_ITEMS_PROPERTY = "sam2long.memoryEncoderItemsPerCall";

    /** Items per mask-decoder and memory-encoder call: {@value #DECODER_ITEMS_PROPERTY} when set, else no limit. */
    static int decoderItemsPerCall() {
        return itemsPerCallProperty(DECODER_ITEMS_PROPERTY, Integer.MAX_VALUE);
    }

    private static int itemsPerCallProperty(String property, int unset) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return unset;
        }
        try {
            return Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the system property " + property
                    + " must be a whole number of items per call, not '" + v + "'");
        }
    }

    private List<float[][]> encodeMemoryBatch(FrameFeatures f, List<float[]> masks, float[] presence, boolean[] binarize) {
        long t0 = System.nanoTime();
        int b = masks.size();
        int s = mf.imageSize();
        int mk = mf.maskSize();
        float[] forMem = new float[b * s * s];
        for (int bi = 0; bi < b; bi++) {
            float[] up = Resample.bilinear(masks.get(bi), mk, mk, s, s);
            int off = bi * s * s;
            for (int i = 0; i < up.length; i++) {
                float v = binarize[bi] && mf.binarizeMaskFromPoints() ? (up[i] > 0 ? 1f : 0f)
                        : (float) (1.0 / (1.0 + Math.exp(-up[i])));
                forMem[off + i] = v * mf.sigmoidScale() + mf.sigmoidBias();
            }
        }
        Map<String, FloatTensor> in = new LinkedHashMap<>();
        in.put("features", f.features());
        in.put("mask_for_memory", FloatTensor.of(forMem, b, 1, s, s));
        in.put("object_score", FloatTensor.of(presence.clone(), b, 1));
        long g0 = System.nanoTime();
        Map<String, FloatTensor> out = model.memoryEncoder().run(in);
        times.add(ONNX, System.nanoTime() - g0);
        float[] mem = out.get("memory").data();
        float[] pos = out.get("memory_pos").data();
        int c = mf.memoryChannels();
        int hw = mf.gridTokens();
        List<float[][]> result = new ArrayList<>(b);
        for (int bi = 0; bi < b; bi++) {
            float[] p = tokenMajor(pos, bi, c, hw);
            if (java.util.Arrays.equals(p, lastMemoryPos)) {
                p = lastMemoryPos;
            }
            lastMemoryPos = p;
            float[] memory = tokenMajor(mem, bi, c, hw);
            if (bfloat16Memory) {
                roundToBfloat16(memory);
            }
            result.add(new float[][] {memory, p});
        }
        times.add("memory_encoder", System.nanoTime() - t0);
        times.count("memory_encoder", b);
        return result;
    }

    /** Rounds every value to the nearest bfloat16 (ties to even), as {@code tensor.to(torch.bfloat16)} does. */
    public static void roundToBfloat16(float[] values) {
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            if ((bits & 0x7f800000) == 0x7f800000) {
                continue;
            }
            int rounded = bits + 0x7fff + ((bits >>> 16) & 1);
            values[i] = Float.intBitsToFloat(rounded & 0xffff0000);
        }
    }

    private static float[] tokenMajor(float[] chw, int batch, int c, int hw) {
        float[] out = new float[c * hw];
        int base = batch * c * hw;
        for (int ch = 0; ch < c; ch++) {
            for (int t = 0; t < hw; t++) {
                out[t * c + ch] = chw[base + ch * hw + t];
            }
        }
        return out;
    }
}
