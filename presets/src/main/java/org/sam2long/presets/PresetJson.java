package org.sam2long.presets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The one JSON reader/writer of the presets module: strict on input, stable and readable on output. */
final class PresetJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPrettyPrinter(new DefaultPrettyPrinter().withSeparators(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private PresetJson() {}

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** One readable sentence for a JSON syntax error, with line and column. */
    static String syntaxMessage(JsonProcessingException e) {
        var loc = e.getLocation();
        String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        return "not valid JSON" + at + ": " + (nl < 0 ? msg : msg.substring(0, nl));
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write preset JSON", e);
        }
    }

    /** Puts values (path to Integer/Double/Boolean/String) into {@code doc} as sections, in catalogue order. */
    static void putValues(ObjectNode doc, Map<String, Object> values) {
        for (PresetField f : PresetFields.ALL) {
            Object v = values.get(f.path());
            if (v == null) {
                continue;
            }
            ObjectNode section = doc.has(f.section()) ? (ObjectNode) doc.get(f.section()) : doc.putObject(f.section());
            if (v instanceof Integer i) {
                section.put(f.key(), i);
            } else if (v instanceof Double d) {
                section.put(f.key(), d);
            } else if (v instanceof Boolean b) {
                section.put(f.key(), b);
            } else {
                section.put(f.key(), v.toString());
            }
        }
    }
}
