package org.sam2long.presets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks between settings that may come from different files, run on the merged values. */
final class CrossChecks {
    private CrossChecks() {}

    static List<Problem> check(Map<String, Object> values, Map<String, PresetSource> sources) {
        List<Problem> problems = new ArrayList<>();
        Object min = values.get(PresetFields.MODULATION_MIN.path());
        Object max = values.get(PresetFields.MODULATION_MAX.path());
        if (min instanceof Double lo && max instanceof Double hi && hi < lo) {
            problems.add(new Problem(PresetFields.MODULATION_MAX.path(),
                    "must be at least tracking.modulationMin (" + ValueChecks.number(lo) + ", from "
                            + sources.get(PresetFields.MODULATION_MIN.path()) + "), got " + ValueChecks.number(hi),
                    sources.get(PresetFields.MODULATION_MAX.path())));
        }
        Object layers = values.get(PresetFields.EXR_LAYERS.path());
        Object format = values.get(PresetFields.FORMAT.path());
        if (Boolean.TRUE.equals(layers) && format instanceof String f && !f.startsWith("exr")) {
            problems.add(new Problem(PresetFields.EXR_LAYERS.path(),
                    "needs an EXR output.format (exr_half or exr_float), but output.format is " + f + " (from "
                            + sources.get(PresetFields.FORMAT.path()) + ")",
                    sources.get(PresetFields.EXR_LAYERS.path())));
        }
        return problems;
    }
}
