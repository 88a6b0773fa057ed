package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published preset.schema.json and the code's field catalogue describe the same settings. */
class SchemaConsistencyTest {
    private final JsonNode schema = parse(BuiltInPresets.schema());

    private static JsonNode parse(String text) {
        try {
            return PresetJson.parse(text);
        } catch (Exception e) {
            throw new AssertionError("preset.schema.json is not valid JSON", e);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void schema_isDraft202012ForTheCurrentVersion() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").textValue());
        assertEquals(Migrations.CURRENT, schema.get("properties").get("version").get("const").intValue());
        assertFalse(schema.get("additionalProperties").booleanValue());
    }

    @Test
    void topLevelKeys_matchTheReader() {
        assertEquals(Stream.concat(PresetReader.HEADER_KEYS.stream(), PresetFields.SECTIONS.stream()).toList(),
                names(schema.get("properties")));
        assertEquals("^" + PresetReader.NAME.pattern() + "$",
                schema.get("properties").get("extends").get("pattern").textValue());
    }

    @Test
    void everySchemaSetting_isKnownToTheCode_inTheSameOrder() {
        List<String> schemaPaths = new ArrayList<>();
        for (String section : PresetFields.SECTIONS) {
            JsonNode s = schema.get("properties").get(section);
            assertEquals("object", s.get("type").textValue(), section);
            assertFalse(s.get("additionalProperties").booleanValue(), section + " must reject unknown keys");
            names(s.get("properties")).forEach(k -> schemaPaths.add(section + "." + k));
        }
        assertEquals(PresetFields.paths(), schemaPaths);
    }

    @Test
    void everyCodeSetting_hasTheSameTypeDomainAndDescriptionInTheSchema() {
        for (PresetField f : PresetFields.ALL) {
            JsonNode node = schema.get("properties").get(f.section()).get("properties").get(f.key());
            assertNotNull(node, f.path() + " missing from preset.schema.json");
            assertEquals(f.type().jsonType(), node.get("type").textValue(), f.path() + " type");
            assertEquals(f.choices(), node.has("enum") ? texts(node.get("enum")) : List.of(), f.path() + " enum");
            assertEquals(f.exclusiveMinimum() ? null : f.minimum(), number(node, "minimum"), f.path() + " minimum");
            assertEquals(f.exclusiveMinimum() ? f.minimum() : null, number(node, "exclusiveMinimum"),
                    f.path() + " exclusiveMinimum");
            assertEquals(f.maximum(), number(node, "maximum"), f.path() + " maximum");
            assertEquals(f.pattern(), node.has("pattern") ? node.get("pattern").textValue() : null, f.path() + " pattern");
            assertEquals(f.description(), node.get("description").textValue(), f.path() + " description");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.textValue()));
        return texts;
    }

    private static Double number(JsonNode node, String key) {
        return node.has(key) ? node.get(key).doubleValue() : null;
    }
}
