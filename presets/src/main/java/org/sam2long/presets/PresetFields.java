package org.sam2long.presets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sam2long.engine.matte.OutputSettings;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.track.Direction;
import org.sam2long.presets.PresetField.ValueType;

/**
 * Every setting a preset can hold, one constant each, in the order they are written. Each engine
 * setting is reachable through exactly one of these; nothing else is accepted.
 */
public final class PresetFields {
    /** Top-level sections, in document order. */
    public static final List<String> SECTIONS = List.of("model", "tracking", "runtime", "cleanup", "output");

    public static final PresetField MODEL_NAME = PresetField.of("model.name", ValueType.STRING,
            "A model name (" + String.join(", ", KnownModels.ALL) + ") or a model directory containing manifest.json")
            .withRule(v -> ((String) v).isBlank() ? "must not be empty" : null);

    public static final PresetField DIRECTION = PresetField.choice("tracking.direction", Direction.class,
            "Which way to track from the prompted frames");
    public static final PresetField PATHWAYS = PresetField.of("tracking.pathways", ValueType.INTEGER,
            "P: hypotheses kept per object (1 = no memory tree)").atLeast(1);
    public static final PresetField IOU_THRESHOLD = PresetField.of("tracking.iouThreshold", ValueType.NUMBER,
            "A past frame enters memory only if its predicted IoU exceeds this").atLeast(0).atMost(1);
    public static final PresetField UNCERTAINTY_THRESHOLD = PresetField.of("tracking.uncertaintyThreshold",
            ValueType.NUMBER, "Object-presence score above which the model counts as confident").atLeast(0);
    public static final PresetField MODULATION_MIN = PresetField.of("tracking.modulationMin", ValueType.NUMBER,
            "Lowest memory key weight of object-aware modulation").greaterThan(0);
    public static final PresetField MODULATION_MAX = PresetField.of("tracking.modulationMax", ValueType.NUMBER,
            "Highest memory key weight (at least modulationMin)").greaterThan(0);
    public static final PresetField MODULATION = PresetField.of("tracking.modulation", ValueType.BOOLEAN,
            "Apply object-aware memory modulation");
    public static final PresetField MEMORY_GATING = PresetField.of("tracking.memoryGating", ValueType.BOOLEAN,
            "Skip uncertain or empty frames when choosing memory frames");
    public static final PresetField REFERENCE_PARITY = PresetField.of("tracking.referenceParity", ValueType.BOOLEAN,
            "Reproduce the SAM2Long reference implementation's quirks");
    public static final PresetField DEDUPLICATE = PresetField.of("tracking.deduplicate", ValueType.BOOLEAN,
            "Compute identical pathways once (same result, faster)");
    public static final PresetField STREAMING_FINALISATION = PresetField.of("tracking.streamingFinalisation",
            ValueType.BOOLEAN, "Write frames as soon as all pathways agree on them (off: nothing until the end)");
    public static final PresetField FILL_HOLE_AREA = PresetField.of("tracking.fillHoleArea", ValueType.INTEGER,
            "Fill holes up to this many pixels in the model's low-res mask (0 = off, -1 = the model's value)")
            .atLeast(-1);
    public static final PresetField BFLOAT16_MEMORY = PresetField.of("tracking.bfloat16Memory", ValueType.BOOLEAN,
            "Round stored memories to bfloat16 like the official predictor (parity)");
    public static final PresetField BICUBIC_RESIZE = PresetField.of("tracking.bicubicResize", ValueType.BOOLEAN,
            "Resize frames with bicubic filtering like the official predictor (parity); off = bilinear");

    public static final PresetField PROVIDER = PresetField.choice("runtime.provider", RuntimeSettings.Provider.class,
            "Where the model runs: auto picks the GPU when available");
    public static final PresetField INTRA_OP_THREADS = PresetField.of("runtime.intraOpThreads", ValueType.INTEGER,
            "Threads inside one operation (0 = all cores)").atLeast(0);
    public static final PresetField INTER_OP_THREADS = PresetField.of("runtime.interOpThreads", ValueType.INTEGER,
            "Threads across operations (0 = default)").atLeast(0);
    public static final PresetField BATCH_BUDGET_MB = PresetField.of("runtime.batchBudgetMB", ValueType.INTEGER,
            "Memory one batched model call may use, in MB (0 = automatic: half the free GPU memory; on CPU half the available host memory, at most 384 MB)").atLeast(0);
    public static final PresetField DEVICE_ID = PresetField.of("runtime.deviceId", ValueType.INTEGER,
            "The GPU (CUDA device number) the model runs on; a farm worker gives each slot its own GPU instead")
            .atLeast(0).atMost(RuntimeSettings.MAX_DEVICE_ID);

    public static final PresetField SOFT_ALPHA = PresetField.of("cleanup.softAlpha", ValueType.BOOLEAN,
            "Soft edges from the model's confidence; off = hard matte at the threshold");
    public static final PresetField TEMPERATURE = PresetField.of("cleanup.temperature", ValueType.NUMBER,
            "Softness of the soft matte (higher = softer)").greaterThan(0);
    public static final PresetField THRESHOLD = PresetField.of("cleanup.threshold", ValueType.NUMBER,
            "Confidence (logit) above which a pixel is inside the hard matte");
    public static final PresetField FILL_HOLES_AREA = PresetField.of("cleanup.fillHolesArea", ValueType.INTEGER,
            "Fill holes up to this many pixels (0 = off)").atLeast(0);
    public static final PresetField REMOVE_ISLANDS_AREA = PresetField.of("cleanup.removeIslandsArea",
            ValueType.INTEGER, "Remove specks up to this many pixels (0 = off)").atLeast(0);
    public static final PresetField GROW_PIXELS = PresetField.of("cleanup.growPixels", ValueType.INTEGER,
            "Grow (positive) or shrink (negative) the matte by this many pixels");
    public static final PresetField FEATHER_PIXELS = PresetField.of("cleanup.featherPixels", ValueType.NUMBER,
            "Blur the matte edge by this many pixels (0 = off)").atLeast(0);
    public static final PresetField TEMPORAL_WINDOW = PresetField.of("cleanup.temporalWindow", ValueType.INTEGER,
            "Average this many frames against chatter (0 or 1 = off; odd)").atLeast(0)
            .withRule(v -> (Integer) v > 1 && (Integer) v % 2 == 0
                    ? "must be 0 (off) or an odd number of frames, got " + v : null);

    public static final PresetField FORMAT = PresetField.choice("output.format", OutputSettings.MatteFormat.class,
            "File format and bit depth of the mattes");
    public static final PresetField CHANNELS = PresetField.choice("output.channels", OutputSettings.Channels.class,
            "Alpha only, or the plate's colour with alpha");
    public static final PresetField EXR_LAYERS = PresetField.of("output.exrLayers", ValueType.BOOLEAN,
            "EXR only: one file per frame with one layer per object");
    public static final PresetField FILENAME_TEMPLATE = PresetField.of("output.filenameTemplate", ValueType.STRING,
            "Relative file path with {name}, {id}, {frame} and {ext}").matching("\\{frame\\}")
            .withRule(PresetFields::checkTemplate);
    public static final PresetField FRAME_PADDING = PresetField.of("output.framePadding", ValueType.INTEGER,
            "Digits of {frame}").atLeast(1).atMost(9);
    public static final PresetField FRAME_OFFSET = PresetField.of("output.frameOffset", ValueType.INTEGER,
            "Added to the plate's frame number (0 keeps the plate's numbering)");

    /** All fields in document order. */
    public static final List<PresetField> ALL = List.of(
            MODEL_NAME,
            DIRECTION, PATHWAYS, IOU_THRESHOLD, UNCERTAINTY_THRESHOLD, MODULATION_MIN, MODULATION_MAX, MODULATION,
            MEMORY_GATING, REFERENCE_PARITY, DEDUPLICATE, STREAMING_FINALISATION,
            FILL_HOLE_AREA, BFLOAT16_MEMORY, BICUBIC_RESIZE,
            PROVIDER, INTRA_OP_THREADS, INTER_OP_THREADS, BATCH_BUDGET_MB, DEVICE_ID,
            SOFT_ALPHA, TEMPERATURE, THRESHOLD, FILL_HOLES_AREA, REMOVE_ISLANDS_AREA, GROW_PIXELS, FEATHER_PIXELS,
            TEMPORAL_WINDOW,
            FORMAT, CHANNELS, EXR_LAYERS, FILENAME_TEMPLATE, FRAME_PADDING, FRAME_OFFSET);

    /**
     * Settings older presets may still carry that no longer do anything, with why: they load with a
     * one-line warning and are ignored.
     */
    public static final Map<String, String> RETIRED = Map.of(
            "model.precision", "models run in float32, the only precision there ever was",
            "tracking.clearNonCondMemoryAroundInput", "the engine never read it; a new prompt re-tracks its object from"
                    + " the prompts alone");

    private static final Map<String, PresetField> BY_PATH =
            ALL.stream().collect(Collectors.toUnmodifiableMap(PresetField::path, Function.identity()));
    private static final List<String> TEMPLATE_TOKENS = List.of("name", "id", "frame", "ext");
    private static final Pattern TOKEN = Pattern.compile("\\{([^}]*)}");

    private PresetFields() {}

    /** The field at {@code section.key}, if there is one. */
    public static Optional<PresetField> find(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** The field at {@code path}; throws if there is none (for code that names fields by constant). */
    static PresetField get(String path) {
        return find(path).orElseThrow(() -> new IllegalArgumentException("no preset field " + path));
    }

    /** All paths in document order. */
    public static List<String> paths() {
        return ALL.stream().map(PresetField::path).toList();
    }

    private static String checkTemplate(Object value) {
        String t = (String) value;
        if (!t.contains("{frame}")) {
            return "must contain {frame}, got \"" + t + "\"";
        }
        if (t.startsWith("/") || t.startsWith("\\") || t.matches("^[A-Za-z]:.*")) {
            return "must be a relative path (it is placed under the output directory), got \"" + t + "\"";
        }
        if (java.util.Arrays.asList(t.split("[/\\\\]")).contains("..")) {
            return "must stay inside the output directory (no \"..\"), got \"" + t + "\"";
        }
        Matcher m = TOKEN.matcher(t);
        while (m.find()) {
            if (!TEMPLATE_TOKENS.contains(m.group(1))) {
                return "unknown token {" + m.group(1) + "}; use {name}, {id}, {frame} and {ext}";
            }
        }
        return null;
    }
}
