package org.sam2long.ofx.effect;

import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.ofx.presets.PresetChoices;

/**
 * Choosing a preset writes its memory-tree and clean-up values into the visible parameters (every
 * per-frame clean-up field; the temporal window has no parameter, see {@link RotoParams#CLEANUP}).
 */
final class PresetEdits {
    private final ParamValues params;
    private final PresetChoices presets;

    PresetEdits(ParamValues params, PresetChoices presets) {
        this.params = params;
        this.presets = presets;
    }

    void apply() {
        PresetChoices.Choice c = presets.get(params.get(RotoParams.PRESET));
        TreeSettings t = c.tree();
        params.set(RotoParams.PATHWAYS, t.pathways());
        params.set(RotoParams.IOU_THRESHOLD, t.iouThreshold());
        params.set(RotoParams.UNCERTAINTY, t.uncertaintyThreshold());
        params.set(RotoParams.MODULATION, t.modulation());
        CleanupSettings k = c.cleanup();
        params.set(RotoParams.SOFT_EDGES, k.softAlpha());
        params.set(RotoParams.SOFTNESS, k.temperature());
        params.set(RotoParams.THRESHOLD, k.threshold());
        params.set(RotoParams.FILL_HOLES, k.fillHolesArea());
        params.set(RotoParams.REMOVE_ISLANDS, k.removeIslandsArea());
        params.set(RotoParams.TEMPORAL_WINDOW, Math.min(k.temporalWindow(), RotoParams.TEMPORAL_WINDOW.max()));
        params.set(RotoParams.GROW, k.growPixels());
        params.set(RotoParams.FEATHER, k.featherPixels());
    }
}
