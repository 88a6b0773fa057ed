package org.sam2long.ofx.effect;

import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.ofx.presets.PresetChoices;

/** Choosing a preset writes its memory-tree and clean-up values into the visible parameters. */
final class PresetEdits {
    private final ParamValues params;

    PresetEdits(ParamValues params) { this.params = params; }

    void apply() {
        PresetChoices.Choice c = PresetChoices.get(params.get(RotoParams.PRESET));
        TreeSettings t = c.tree();
        params.set(RotoParams.PATHWAYS, t.pathways());
        params.set(RotoParams.IOU_THRESHOLD, t.iouThreshold());
        params.set(RotoParams.UNCERTAINTY, t.uncertaintyThreshold());
        params.set(RotoParams.MODULATION, t.modulation());
        CleanupSettings k = c.cleanup();
        params.set(RotoParams.SOFT_EDGES, k.softAlpha());
        params.set(RotoParams.SOFTNESS, k.temperature());
        params.set(RotoParams.GROW, k.growPixels());
        params.set(RotoParams.FEATHER, k.featherPixels());
    }
}
