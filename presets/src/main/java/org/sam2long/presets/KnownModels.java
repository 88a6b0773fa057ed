package org.sam2long.presets;

import java.util.List;
import java.util.stream.Stream;
import org.sam2long.engine.model.BundledModels;

/** Model names a preset may use without a directory path. */
public final class KnownModels {
    /** Shipped inside the engine jar. */
    public static final List<String> BUNDLED = List.of(BundledModels.DEMO);
    /** The official SAM 2.1 checkpoints, smallest first. */
    public static final List<String> OFFICIAL = List.of(
            "sam2.1_hiera_tiny", "sam2.1_hiera_small", "sam2.1_hiera_base_plus", "sam2.1_hiera_large");
    /** Every known name. */
    public static final List<String> ALL = Stream.concat(BUNDLED.stream(), OFFICIAL.stream()).toList();
    /** Precisions a model can run in (the model contract is float32 only for now). */

    private KnownModels() {}

    public static boolean isKnown(String name) {
        return ALL.contains(name);
    }
}
