package org.sam2long.ofx.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes the prompts parameter's JSON. A blank value is the initial document. */
public final class PromptJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PromptJson() {}

    public static PromptDocument parse(String json) {
        if (json == null || json.isBlank()) {
            return PromptDocument.initial();
        }
        try {
            PromptDocument doc = JSON.readValue(json, PromptDocument.class);
            if (doc.format() > PromptDocument.FORMAT) {
                throw new IllegalArgumentException("the prompts were saved by a newer SAM2Long Roto (format "
                        + doc.format() + ", this one reads up to " + PromptDocument.FORMAT + ")");
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the prompts parameter is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String format(PromptDocument doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the prompts as JSON", e);
        }
    }
}
