package org.sam2long.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of a model directory (format {@code sam2long-model/1}, see
 * docs/model-contract.md). Every size the engine uses comes from here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
        @JsonProperty("format") String format,
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("licence") String licence,
        @JsonProperty("image_size") int imageSize,
        @JsonProperty("image_mean") float[] imageMean,
        @JsonProperty("image_std") float[] imageStd,
        @JsonProperty("feature_grid") int[] featureGrid,
        @JsonProperty("feature_channels") int featureChannels,
        @JsonProperty("memory_channels") int memoryChannels,
        @JsonProperty("high_res_channels") int[] highResChannels,
        @JsonProperty("mask_size") int maskSize,
        @JsonProperty("num_maskmem") int numMaskmem,
        @JsonProperty("max_obj_ptrs") int maxObjPtrs,
        @JsonProperty("sigmoid_scale") float sigmoidScale,
        @JsonProperty("sigmoid_bias") float sigmoidBias,
        @JsonProperty("binarize_mask_from_points") boolean binarizeMaskFromPoints,
        @JsonProperty("multimask_stability_delta") float multimaskStabilityDelta,
        @JsonProperty("multimask_stability_thresh") float multimaskStabilityThresh,
        @JsonProperty("fill_hole_area") int fillHoleArea,
        @JsonProperty("graphs") Map<String, GraphSpec> graphs,
        @JsonProperty("host_tensors") FileRef hostTensors) {

    public static final String FORMAT = "sam2long-model/1";
    public static final List<String> GRAPH_NAMES =
            List.of("image_encoder", "memory_attention", "mask_decoder", "memory_encoder");
    /**
     * Graphs a model may have: {@code mask_prompt} (the reference's mask-prompt path, see
     * docs/model-contract.md). Exports made before it and the bundled demo model lack it.
     */
    public static final List<String> OPTIONAL_GRAPH_NAMES = List.of("mask_prompt");

    /** A file of the model with its checksum. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileRef(@JsonProperty("file") String file, @JsonProperty("sha256") String sha256) {}

    /** Whether the model has the optional {@code mask_prompt} graph, i.e. the reference's mask-prompt path. */
    public boolean hasMaskPrompt() { return graphs != null && graphs.containsKey("mask_prompt"); }

    /** The required graphs and the optional ones this model has, in that order. */
    public List<String> graphNames() {
        List<String> names = new java.util.ArrayList<>(GRAPH_NAMES);
        OPTIONAL_GRAPH_NAMES.stream().filter(g -> graphs != null && graphs.containsKey(g)).forEach(names::add);
        return names;
    }

    public int gridH() { return featureGrid[0]; }
    public int gridW() { return featureGrid[1]; }
    public int gridTokens() { return featureGrid[0] * featureGrid[1]; }
    /** Tokens one d-dim object pointer is split into. */
    public int tokensPerPointer() { return featureChannels / memoryChannels; }
}
