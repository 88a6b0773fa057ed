package org.sam2long.presets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Single settings changed on top of a preset, written {@code key.path=value} as on the command line
 * ({@code tracking.pathways=4}, {@code output.format=exr_half}). Parsing never fails: bad
 * assignments are reported with every other problem when the preset is resolved. Later
 * assignments to the same key win. Immutable.
 */
public final class Overrides {
    private static final Overrides NONE = new Overrides(List.of());
    private final List<String> assignments;

    private Overrides(List<String> assignments) {
        this.assignments = List.copyOf(assignments);
    }

    public static Overrides none() {
        return NONE;
    }

    /** {@code key.path=value} strings, applied in order. */
    public static Overrides of(List<String> assignments) {
        return assignments == null || assignments.isEmpty() ? NONE : new Overrides(assignments);
    }

    public static Overrides of(String... assignments) {
        return of(List.of(assignments));
    }

    /** A copy with one more assignment, for plug-ins that hold typed values: {@code with("tracking.pathways", 4)}. */
    public Overrides with(String path, Object value) {
        List<String> more = new ArrayList<>(assignments);
        more.add(path + "=" + value);
        return new Overrides(more);
    }

    /** The assignments as given. */
    public List<String> assignments() {
        return assignments;
    }

    public boolean isEmpty() {
        return assignments.isEmpty();
    }

    /**
     * Checks every assignment and puts the good ones into {@code values}/{@code sources};
     * returns the problems (one per bad assignment).
     */
    List<Problem> applyTo(Map<String, Object> values, Map<String, PresetSource> sources) {
        List<Problem> problems = new ArrayList<>();
        for (String assignment : assignments) {
            PresetSource source = PresetSource.override(assignment);
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                problems.add(new Problem("", "must be written key.path=value, e.g. tracking.pathways=4", source));
                continue;
            }
            String path = assignment.substring(0, eq).trim();
            String text = assignment.substring(eq + 1).trim();
            PresetField field = PresetFields.find(path).orElse(null);
            if (field == null) {
                problems.add(new Problem(path, "unknown setting" + Suggestions.forPath(path), source));
                continue;
            }
            List<String> messages = new ArrayList<>();
            Object value = ValueChecks.read(field, node(field, text), messages::add);
            if (value != null && field == PresetFields.MODEL_NAME) {
                value = ModelCheck.check((String) value, Path.of("").toAbsolutePath(), true, messages::add);
            }
            if (value == null) {
                messages.forEach(m -> problems.add(new Problem(path, m, source)));
            } else {
                values.put(path, value);
                sources.put(path, source);
            }
        }
        return problems;
    }

    /** Text as the JSON value the field expects: numbers and booleans parsed, text kept as typed. */
    private static JsonNode node(PresetField field, String text) {
        return switch (field.type()) {
            case STRING, ENUM -> TextNode.valueOf(text);
            default -> {
                try {
                    JsonNode n = PresetJson.parse(text);
                    yield n != null && n.isValueNode() ? n : TextNode.valueOf(text);
                } catch (JsonProcessingException e) {
                    yield TextNode.valueOf(text);
                }
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Overrides other && other.assignments.equals(assignments);
    }

    @Override
    public int hashCode() {
        return assignments.hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", assignments);
    }
}
