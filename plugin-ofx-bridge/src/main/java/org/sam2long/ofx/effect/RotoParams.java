package org.sam2long.ofx.effect;

import java.util.List;
import java.util.Map;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.ofx.render.MissingFramePolicy;
import org.sam2long.ofx.render.OutputMode;

/** Every parameter of the effect, in declaration order. Names are part of saved projects: never rename. */
public final class RotoParams {
    private RotoParams() {}

    static final String G_OBJECTS = "objectsGroup";
    static final String G_TRACK = "trackGroup";
    static final String G_TREE = "treeGroup";
    static final String G_CLEANUP = "cleanupGroup";
    static final String G_OUTPUT = "outputGroup";
    static final String G_ADVANCED = "advancedGroup";

    /** Click mode options, in choice order. */
    public enum ClickMode { POSITIVE, NEGATIVE, BOX }

    public static final ParamSpec.Group OBJECTS = new ParamSpec.Group(G_OBJECTS, "Objects", "The objects to matte", null);
    public static final ParamSpec.Int CURRENT_OBJECT = new ParamSpec.Int("currentObject", "Current object",
            "Id of the object that clicks and Clear apply to", G_OBJECTS, 1, 1, 99);
    public static final ParamSpec.Text OBJECT_NAME = new ParamSpec.Text("objectName", "Object name",
            "Name of the current object; edit to rename it", G_OBJECTS, "Object 1", Ofx.STRING_SINGLE_LINE);
    public static final ParamSpec.Button ADD_OBJECT = new ParamSpec.Button("addObject", "Add object",
            "Adds an object and makes it current", G_OBJECTS);
    public static final ParamSpec.Button REMOVE_OBJECT = new ParamSpec.Button("removeObject", "Remove object",
            "Removes the current object, its clicks and its mattes", G_OBJECTS);
    public static final ParamSpec.Choice CLICK_MODE = new ParamSpec.Choice("clickMode", "Click mode",
            "What a click in the viewer adds (a modifier key makes a positive click negative)", G_OBJECTS,
            List.of("Positive click", "Negative click", "Box"), 0);
    public static final ParamSpec.Button CLEAR_FRAME_PROMPTS = new ParamSpec.Button("clearFramePrompts",
            "Clear clicks on this frame", "Removes the current object's clicks and box on the current frame", G_OBJECTS);

    public static final ParamSpec.Group TRACK = new ParamSpec.Group(G_TRACK, "Track", "Run the tracker", null);
    public static final ParamSpec.Button TRACK_FORWARD = new ParamSpec.Button("trackForward", "Track forward",
            "Tracks every object forward from its clicks", G_TRACK);
    public static final ParamSpec.Button TRACK_BACKWARD = new ParamSpec.Button("trackBackward", "Track backward",
            "Tracks every object backward from its clicks", G_TRACK);
    public static final ParamSpec.Button TRACK_BOTH = new ParamSpec.Button("trackBoth", "Track both ways",
            "Tracks every object forward and backward from its clicks", G_TRACK);
    public static final ParamSpec.Button CLEAR_TRACK = new ParamSpec.Button("clearTrack", "Clear track",
            "Forgets the current object's tracked mattes (its clicks stay)", G_TRACK);
    public static final ParamSpec.Choice PRESET = new ParamSpec.Choice("preset", "Preset",
            "Choosing a preset sets the memory-tree and clean-up settings below", G_TRACK, PresetChoices.labels(), 0);
    public static final ParamSpec.Choice MODEL = new ParamSpec.Choice("model", "Model",
            "The SAM 2 model; a model folder below overrides it", G_TRACK, List.of("sam2long-demo (bundled)"), 0);
    public static final ParamSpec.Text MODEL_DIR = new ParamSpec.Text("modelDir", "Model folder",
            "A SAM2Long model folder (manifest.json and ONNX graphs); empty = the model above", G_TRACK, "",
            Ofx.STRING_DIRECTORY);

    public static final ParamSpec.Group TREE = new ParamSpec.Group(G_TREE, "Memory tree", "SAM2Long settings", null);
    public static final ParamSpec.Int PATHWAYS = new ParamSpec.Int("pathways", "Pathways",
            "Hypotheses kept per object (1 = plain SAM 2)", G_TREE, 3, 1, 8);
    public static final ParamSpec.Real IOU_THRESHOLD = new ParamSpec.Real("iouThreshold", "IoU threshold",
            "A frame enters a pathway's memory only above this predicted IoU", G_TREE, 0.3, 0, 1);
    public static final ParamSpec.Real UNCERTAINTY = new ParamSpec.Real("uncertainty", "Uncertainty threshold",
            "Object-presence confidence above which the model counts as certain", G_TREE, 2, 0, 20);
    public static final ParamSpec.Bool MODULATION = new ParamSpec.Bool("modulation", "Object-aware modulation",
            "Weights memory keys by object presence", G_TREE, true);

    /*
     * Matte clean-up: one parameter per per-frame field of the engine's CleanupSettings (the presets'
     * "cleanup" section), applied at render by the engine's MatteCleanup; the temporal window averages
     * the cached neighbouring frames, as the engine's TemporalSmoother does on the farm.
     */
    public static final ParamSpec.Group CLEANUP = new ParamSpec.Group(G_CLEANUP, "Matte clean-up", "Applied at render", null);
    /** cleanup.softAlpha */
    public static final ParamSpec.Bool SOFT_EDGES = new ParamSpec.Bool("softEdges", "Soft edges",
            "Alpha from the model's confidence instead of a hard cut", G_CLEANUP, false);
    /** cleanup.temperature */
    public static final ParamSpec.Real SOFTNESS = new ParamSpec.Real("softness", "Softness",
            "Width of the soft edge (soft edges only)", G_CLEANUP, 1, 0.05, 20);
    /** cleanup.growPixels (rounded to whole pixels) */
    public static final ParamSpec.Real GROW = new ParamSpec.Real("grow", "Grow / shrink",
            "Grows (positive) or shrinks (negative) the matte by a disc, in whole pixels", G_CLEANUP, 0, -50, 50);
    /** cleanup.featherPixels */
    public static final ParamSpec.Real FEATHER = new ParamSpec.Real("feather", "Feather",
            "Blurs the matte edge (Gaussian, sigma = feather / 2), in pixels", G_CLEANUP, 0, 0, 100);
    /** cleanup.threshold */
    public static final ParamSpec.Real THRESHOLD = new ParamSpec.Real("threshold", "Threshold",
            "Model confidence (logit) above which a pixel is inside (hard edges only)", G_CLEANUP, 0, -20, 20);
    /** cleanup.fillHolesArea */
    public static final ParamSpec.Int FILL_HOLES = new ParamSpec.Int("fillHolesArea", "Fill holes up to",
            "Fills holes in the matte up to this many pixels (0 = off)", G_CLEANUP, 0, 0, 1 << 24);
    /** cleanup.removeIslandsArea */
    public static final ParamSpec.Int REMOVE_ISLANDS = new ParamSpec.Int("removeIslandsArea", "Remove islands up to",
            "Removes specks up to this many pixels; the largest piece is always kept (0 = off)", G_CLEANUP, 0, 0, 1 << 24);

    /** cleanup.temporalWindow */
    public static final ParamSpec.Int TEMPORAL_WINDOW = new ParamSpec.Int("temporalWindow", "Temporal smoothing",
            "Averages the matte over this many tracked frames centred on each frame, against chatter (0 or 1 = off)",
            G_CLEANUP, 0, 0, 15);

    /**
     * Which parameter sets which field of the engine's CleanupSettings (record component names); every
     * field has one, which RotoParamsTest checks.
     */
    static final Map<String, ParamSpec> CLEANUP_FIELDS = Map.of("softAlpha", SOFT_EDGES, "temperature", SOFTNESS,
            "threshold", THRESHOLD, "fillHolesArea", FILL_HOLES, "removeIslandsArea", REMOVE_ISLANDS,
            "growPixels", GROW, "featherPixels", FEATHER, "temporalWindow", TEMPORAL_WINDOW);

    public static final ParamSpec.Group OUTPUT = new ParamSpec.Group(G_OUTPUT, "Output", "What the effect outputs", null);
    public static final ParamSpec.Choice OUTPUT_MODE = new ParamSpec.Choice("outputMode", "Output",
            "Matte only, the image with the matte in alpha, or an overlay for checking", G_OUTPUT, OutputMode.labels(), 1);
    public static final ParamSpec.Choice MISSING_FRAMES = new ParamSpec.Choice("missingFrames", "Render missing frames",
            "What render does on a frame with no tracked matte (farm renders: Fail or Track now)", G_OUTPUT,
            MissingFramePolicy.labels(), 0);

    public static final ParamSpec.Group ADVANCED = new ParamSpec.Group(G_ADVANCED, "Advanced", "Cache", null);
    public static final ParamSpec.Text CACHE_DIR = new ParamSpec.Text("cacheDir", "Cache folder",
            "Where tracked mattes are kept; empty = ~/.cache/sam2long/ofx-cache", G_ADVANCED, "", Ofx.STRING_DIRECTORY);
    public static final ParamSpec.Int CACHE_LIMIT_MB = new ParamSpec.Int("cacheLimitMb", "Cache limit (MB)",
            "Least recently used instances are dropped above this size", G_ADVANCED, 4096, 16, 1 << 20);

    public static final ParamSpec.HiddenText PROMPTS = new ParamSpec.HiddenText("prompts", "Prompts",
            "Objects, clicks and boxes as JSON (saved with the project)", null);
    public static final ParamSpec.HiddenInt RESULTS_VERSION = new ParamSpec.HiddenInt("resultsVersion",
            "Results version", "Bumped whenever the tracked mattes change", null, true);
    public static final ParamSpec.HiddenText INSTANCE_ID = new ParamSpec.HiddenText("instanceId", "Instance id",
            "Names this effect's folder in the matte cache", null);

    /** Declaration order (groups before their children). */
    public static final List<ParamSpec> ALL = List.of(
            OBJECTS, CURRENT_OBJECT, OBJECT_NAME, ADD_OBJECT, REMOVE_OBJECT, CLICK_MODE, CLEAR_FRAME_PROMPTS,
            TRACK, TRACK_FORWARD, TRACK_BACKWARD, TRACK_BOTH, CLEAR_TRACK, PRESET, MODEL, MODEL_DIR,
            TREE, PATHWAYS, IOU_THRESHOLD, UNCERTAINTY, MODULATION,
            CLEANUP, SOFT_EDGES, SOFTNESS, GROW, FEATHER, THRESHOLD, FILL_HOLES, REMOVE_ISLANDS, TEMPORAL_WINDOW,
            OUTPUT, OUTPUT_MODE, MISSING_FRAMES,
            ADVANCED, CACHE_DIR, CACHE_LIMIT_MB,
            PROMPTS, RESULTS_VERSION, INSTANCE_ID);
}
