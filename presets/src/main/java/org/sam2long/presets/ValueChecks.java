package org.sam2long.presets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Type and domain checks of one JSON value against its {@link PresetField}. */
final class ValueChecks {
    private ValueChecks() {}

    /**
     * Reads {@code node} as the field's type and checks its domain. Returns the value (Integer,
     * Double, Boolean or String), or null after passing one message to {@code problem}.
     */
    static Object read(PresetField field, JsonNode node, Consumer<String> problem) {
        Object value = typed(field, node);
        if (value == null) {
            problem.accept(typeMessage(field, node));
            return null;
        }
        String domain = domainMessage(field, value, node);
        if (domain != null) {
            problem.accept(domain);
            return null;
        }
        return value;
    }

    private static Object typed(PresetField field, JsonNode node) {
        if (node == null) {
            return null;
        }
        return switch (field.type()) {
            case INTEGER -> wholeNumber(node);
            case NUMBER -> node.isNumber() ? node.doubleValue() : null;
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
            case STRING -> node.isTextual() ? node.textValue() : null;
            case ENUM -> node.isTextual() && field.choices().contains(node.textValue()) ? node.textValue() : null;
        };
    }

    private static Integer wholeNumber(JsonNode node) {
        if (!node.isNumber()) {
            return null;
        }
        double d = node.doubleValue();
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            return null;
        }
        return (int) d;
    }

    private static String typeMessage(PresetField field, JsonNode node) {
        String got = ", got " + (node == null ? "nothing" : node.toString());
        return switch (field.type()) {
            case INTEGER -> "must be a whole number" + got;
            case NUMBER -> "must be a number" + got;
            case BOOLEAN -> "must be true or false" + got;
            case STRING -> "must be text" + got;
            case ENUM -> "must be one of " + String.join(", ", field.choices()) + got + caseHint(field, node);
        };
    }

    private static String caseHint(PresetField field, JsonNode node) {
        if (node == null || !node.isTextual()) {
            return "";
        }
        if (field.choices().contains(node.textValue().toLowerCase(Locale.ROOT))) {
            return " (write it in lower case)";
        }
        return "";
    }

    private static String domainMessage(PresetField field, Object value, JsonNode node) {
        if (value instanceof Number n) {
            String range = rangeMessage(field, n.doubleValue(), node.toString());
            if (range != null) {
                return range;
            }
        }
        if (field.rule() != null) {
            String ruled = field.rule().check(value);
            if (ruled != null) {
                return ruled;
            }
        }
        if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher((String) value).find()) {
            return "must match " + field.pattern() + ", got " + node;
        }
        return null;
    }

    private static String rangeMessage(PresetField f, double v, String got) {
        Double min = f.minimum();
        Double max = f.maximum();
        boolean belowMin = min != null && (f.exclusiveMinimum() ? v <= min : v < min);
        boolean aboveMax = max != null && v > max;
        if (!belowMin && !aboveMax) {
            return null;
        }
        if (min != null && max != null && !f.exclusiveMinimum()) {
            return "must be between " + number(min) + " and " + number(max) + ", got " + got;
        }
        if (belowMin) {
            return (f.exclusiveMinimum() ? "must be greater than " : "must be at least ") + number(min) + ", got " + got;
        }
        return "must be at most " + number(max) + ", got " + got;
    }

    /** A bound as an artist would write it: 1 rather than 1.0. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
