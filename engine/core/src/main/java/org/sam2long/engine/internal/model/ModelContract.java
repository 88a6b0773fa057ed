package org.sam2long.engine.internal.model;

import java.util.List;
import java.util.Map;
import org.sam2long.engine.model.GraphSpec;
import org.sam2long.engine.model.ModelManifest;
import org.sam2long.engine.model.TensorSpec;

/**
 * The graph inputs and outputs every model must have, derived from the manifest's sizes
 * (docs/model-contract.md). One contract for every model: the loader checks both the manifest's
 * declarations and the real graphs against it.
 */
final class ModelContract {
    private ModelContract() {}

    /** Every graph's inputs and outputs for the manifest's sizes (the optional ones included). */
    public static Map<String, GraphSpec> expected(ModelManifest m) {
        int s = m.imageSize();
        int d = m.featureChannels();
        int c = m.memoryChannels();
        int h = m.gridH();
        int w = m.gridW();
        int mk = m.maskSize();
        int c0 = m.highResChannels()[0];
        int c1 = m.highResChannels()[1];
        return Map.of(
                "image_encoder", graph(
                        List.of(t("image", 1, 3, s, s)),
                        List.of(t("features", 1, d, h, w), t("feature_pos", 1, d, h, w),
                                t("high_res_0", 1, c0, 4 * h, 4 * w), t("high_res_1", 1, c1, 2 * h, 2 * w))),
                "memory_attention", graph(
                        List.of(t("features", 1, d, h, w), t("feature_pos", 1, d, h, w),
                                t("memory", "B", "N", c), t("memory_pos", "B", "N", c),
                                t("pointers", "B", "P", c), t("pointer_pos", "B", "P", c),
                                t("memory_key_scale", "B", "N"), t("pointer_key_scale", "B", "P")),
                        List.of(t("conditioned", "B", d, h, w))),
                "mask_decoder", graph(
                        List.of(t("conditioned", "B", d, h, w), t("high_res_0", 1, c0, 4 * h, 4 * w),
                                t("high_res_1", 1, c1, 2 * h, 2 * w), t("point_coords", "B", "K", 2),
                                t("point_labels", "B", "K"), t("mask_input", "B", 1, mk, mk),
                                t("has_mask_input", "B", 1)),
                        List.of(t("mask_logits", "B", 4, mk, mk), t("iou", "B", 4), t("object_score", "B", 1),
                                t("pointers", "B", 4, d))),
                "memory_encoder", graph(
                        List.of(t("features", 1, d, h, w), t("mask_for_memory", "B", 1, s, s),
                                t("object_score", "B", 1)),
                        List.of(t("memory", "B", c, h, w), t("memory_pos", "B", c, h, w))),
                "mask_prompt", graph(
                        List.of(t("mask", "B", 1, s, s)),
                        List.of(t("mask_input", "B", 1, mk, mk), t("no_object_pointer", "B", d))));
    }

    private static GraphSpec graph(List<TensorSpec> in, List<TensorSpec> out) {
        return new GraphSpec(null, null, in, out);
    }

    private static TensorSpec t(String name, Object... dims) {
        return new TensorSpec(name, List.of(dims), "float32");
    }
}
