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

    /** A file of the model with its checksum. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileRef(@JsonProperty("file") String file, @JsonProperty("sha256") String sha256) {}

    public int gridH() { return featureGrid[0]; }
    public int gridW() { return featureGrid[1]; }
    public int gridTokens() { return featureGrid[0] * featureGrid[1]; }
    /** Tokens one d-dim object pointer is split into. */
    public int tokensPerPointer() { return featureChannels / memoryChannels; }
}
