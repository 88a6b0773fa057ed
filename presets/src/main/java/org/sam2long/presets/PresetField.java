package org.sam2long.presets;

import java.util.List;
import java.util.Locale;

/**
 * One leaf setting a preset can hold: its JSON path ({@code section.key}), value type and allowed
 * domain. The catalogue of all fields is {@link PresetFields}; validation, overrides, the JSON
 * writer and the schema test all read these, so a setting is declared exactly once.
 *
 * @param path             {@code section.key}, e.g. {@code tracking.pathways}
 * @param type             JSON value type
 * @param choices          allowed values of an {@link ValueType#ENUM} field (lower case), else empty
 * @param minimum          lowest allowed number, or null
 * @param exclusiveMinimum true if {@code minimum} itself is not allowed
 * @param maximum          highest allowed number (inclusive), or null
 * @param pattern          regular expression a text value must contain a match of, or null
 * @param rule             extra check beyond type and range, or null
 * @param description      one line for artists, also published in the JSON Schema
 */
public record PresetField(String path, ValueType type, List<String> choices, Double minimum, boolean exclusiveMinimum,
                          Double maximum, String pattern, ValueRule rule, String description) {

    /** JSON value types a setting can have. */
    public enum ValueType {
        INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), STRING("string"), ENUM("string");

        private final String jsonType;
        ValueType(String jsonType) { this.jsonType = jsonType; }
        /** The JSON Schema {@code type} keyword for this value type. */
        public String jsonType() { return jsonType; }
    }

    /** An extra check on an already type- and range-checked value; returns a problem message or null. */
    @FunctionalInterface
    public interface ValueRule {
        String check(Object value);
    }

    public PresetField {
        choices = List.copyOf(choices);
    }

    static PresetField of(String path, ValueType type, String description) {
        return new PresetField(path, type, List.of(), null, false, null, null, null, description);
    }

    static <E extends Enum<E>> PresetField choice(String path, Class<E> values, String description) {
        List<String> names = java.util.Arrays.stream(values.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        return new PresetField(path, ValueType.ENUM, names, null, false, null, null, null, description);
    }

    PresetField atLeast(double min) {
        return new PresetField(path, type, choices, min, false, maximum, pattern, rule, description);
    }

    PresetField greaterThan(double min) {
        return new PresetField(path, type, choices, min, true, maximum, pattern, rule, description);
    }

    PresetField atMost(double max) {
        return new PresetField(path, type, choices, minimum, exclusiveMinimum, max, pattern, rule, description);
    }

    PresetField matching(String regex) {
        return new PresetField(path, type, choices, minimum, exclusiveMinimum, maximum, regex, rule, description);
    }

    PresetField withRule(ValueRule extra) {
        return new PresetField(path, type, choices, minimum, exclusiveMinimum, maximum, pattern, extra, description);
    }

    /** The section, e.g. {@code tracking}. */
    public String section() {
        return path.substring(0, path.indexOf('.'));
    }

    /** The key inside its section, e.g. {@code pathways}. */
    public String key() {
        return path.substring(path.indexOf('.') + 1);
    }
}
