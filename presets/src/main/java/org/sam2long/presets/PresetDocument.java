package org.sam2long.presets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One preset file after reading, migration and per-value checks: the values it sets itself (not
 * yet merged with what it extends) and every problem found in it.
 *
 * @param name        preset name (file name without .json, or the built-in name)
 * @param source      where it was read from
 * @param description artist-facing description, or null
 * @param extendsName the preset it extends, or null when it names none (or names one badly)
 * @param extendsBroken true when {@code extends} is present but unusable (the problem is recorded)
 * @param values      the settings it sets: path to Integer, Double, Boolean or String
 * @param resolved    the informational {@code resolved} block of an exported preset, or null
 * @param problems    everything wrong in this document
 * @param warnings    things that load but should be changed (e.g. an old schema version)
 */
record PresetDocument(String name, PresetSource source, String description, String extendsName, boolean extendsBroken,
                      Map<String, Object> values, JsonNode resolved, List<Problem> problems, List<String> warnings) {

    PresetDocument {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }
}
