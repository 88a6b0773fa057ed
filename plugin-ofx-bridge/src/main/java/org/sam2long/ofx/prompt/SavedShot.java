package org.sam2long.ofx.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentException;
import org.sam2long.engine.shot.ShotDocumentReader;
import org.sam2long.engine.shot.ShotDocumentWriter;

/**
 * The plug-in's saved prompts (the hidden "prompts" string parameter) as the engine's shot document
 * ({@code docs/shot-document.md}): the objects and their clicks and boxes in plate (host) frame
 * numbers, read by the engine's strict {@link ShotDocumentReader} and written by its
 * {@link ShotDocumentWriter} (compact, on one line). One relaxation: an object the artist added but
 * has not clicked on yet is kept with an empty prompt list (the reader requires at least one prompt;
 * {@code sam2long track --shot} refuses such an object with a sentence naming it).
 *
 * <p>Older saved projects are still read: the plug-in's own prompt JSON ({@code "format": 1} with a
 * top-level {@code prompts} list and {@code "positive"} clicks) is migrated here, the command line's
 * old prompt JSON by the engine's reader; the next edit writes a shot document.
 */
public final class SavedShot {
    /** How messages name the saved prompts. */
    public static final String WHERE = "the effect's saved prompts";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedShot() {}

    /** One object, "Object 1", and no prompts: what a new instance starts with. */
    public static ShotDocument initial() {
        return ShotDocument.ofObjects(List.of(new ShotDocument.ShotObject(1, "Object 1", List.of())));
    }

    /**
     * The saved prompts; a blank value is {@link #initial()}.
     *
     * @throws IllegalArgumentException one sentence (or a list) naming what is wrong and where
     */
    public static ShotDocument parse(String json) {
        if (json == null || json.isBlank()) {
            return initial();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(WHERE + " are not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            if (root != null && root.isObject() && root.get("format") != null && root.get("format").isIntegralNumber()) {
                return migratePluginFormat1(root);
            }
            return readRelaxed(root, json);
        } catch (ShotDocumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The document as one line of JSON, as the engine's writer lays it out. */
    public static String format(ShotDocument doc) {
        try {
            return JSON.writeValueAsString(ShotDocumentWriter.toTree(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shot document tree is always JSON", e);
        }
    }

    /**
     * The engine's reader on the document, with objects that have no prompts taken out first (and a
     * stand-in object when none would be left, so the rest is still read strictly) and put back after.
     */
    private static ShotDocument readRelaxed(JsonNode root, String text) {
        if (root == null || !root.isObject() || !(root.get("objects") instanceof ArrayNode objects)) {
            return ShotDocumentReader.parse(text, WHERE); // the reader says what is wrong
        }
        ObjectNode copy = root.deepCopy();
        ArrayNode kept = copy.putArray("objects");
        List<Integer> emptyAt = new ArrayList<>();
        List<ShotDocument.ShotObject> empty = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            JsonNode ps = o.get("prompts");
            if (o.isObject() && o.get("id") != null && o.get("id").canConvertToInt() && o.get("id").intValue() >= 0
                    && ps instanceof ArrayNode a && a.isEmpty()
                    && (o.get("name") == null || (o.get("name").isTextual() && !o.get("name").textValue().isBlank()))) {
                int id = o.get("id").intValue();
                emptyAt.add(i);
                empty.add(new ShotDocument.ShotObject(id, o.has("name") ? o.get("name").textValue() : "object" + id, List.of()));
            } else {
                kept.add(o);
            }
        }
        boolean standIn = kept.isEmpty();
        if (standIn) {
            int id = empty.stream().mapToInt(ShotDocument.ShotObject::id).max().orElse(0) + 1;
            JsonNode source = copy.get("source");
            int frame = source != null && source.path("first").canConvertToInt() ? source.get("first").intValue() : 0;
            ObjectNode s = kept.addObject();
            s.put("id", id);
            s.putArray("prompts").addObject().put("frame", frame).putArray("clicks").addObject().put("x", 0).put("y", 0);
        }
        ShotDocument read = ShotDocumentReader.parse(copy.toString(), WHERE);
        List<ShotDocument.ShotObject> all = new ArrayList<>(standIn ? List.of() : read.objects());
        for (int k = 0; k < emptyAt.size(); k++) {
            all.add(Math.min(emptyAt.get(k), all.size()), empty.get(k));
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).id() == all.get(j).id() || all.get(i).name().equals(all.get(j).name())) {
                    throw new IllegalArgumentException(WHERE + ": objects '" + all.get(i).name() + "' and '"
                            + all.get(j).name() + "' have the same id or name");
                }
            }
        }
        return new ShotDocument(ShotDocument.VERSION, read.source(), all, read.preset(), read.output(), read.id());
    }

    /**
     * The plug-in's prompt JSON before the shot document ({@code {"format": 1, "objects": [{"id",
     * "name"}], "prompts": [{"object", "frame", "clicks": [{"x", "y", "positive"}], "box": {"x0", "y0",
     * "x1", "y1"}}]}}, frames in host numbers): the same objects, clicks and boxes, in order.
     */
    private static ShotDocument migratePluginFormat1(JsonNode root) {
        int format = root.get("format").intValue();
        if (format != 1) {
            throw new IllegalArgumentException(WHERE + " have format " + format + ", which this SAM2Long Roto does"
                    + " not know (it reads shot documents, \"format\": \"sam2long-shot\", and the older format 1)");
        }
        ShotDocument doc = ShotDocument.ofObjects(List.of());
        for (JsonNode o : root.path("objects")) {
            int id = o.path("id").asInt(-1);
            if (id < 0) {
                throw new IllegalArgumentException(WHERE + " (format 1) have an object without a valid id: " + o);
            }
            doc = ShotEdits.withObject(doc, id, o.path("name").asText(null));
        }
        for (JsonNode p : root.path("prompts")) {
            int object = p.path("object").asInt(-1);
            if (object < 0 || !p.path("frame").canConvertToInt()) {
                throw new IllegalArgumentException(WHERE + " (format 1) have a prompt without a valid object or frame: " + p);
            }
            int frame = p.get("frame").intValue();
            doc = ShotEdits.withObject(doc, object, null);
            for (JsonNode c : p.path("clicks")) {
                doc = ShotEdits.withClick(doc, object, frame,
                        new ShotDocument.Click(c.path("x").asDouble(), c.path("y").asDouble(), !c.path("positive").asBoolean(true)));
            }
            JsonNode b = p.get("box");
            if (b != null && b.isObject()) {
                doc = ShotEdits.withBox(doc, object, frame, new ShotDocument.Box(b.path("x0").asDouble(), b.path("y0").asDouble(),
                        b.path("x1").asDouble(), b.path("y1").asDouble()));
            }
        }
        if (doc.objects().isEmpty()) {
            return initial();
        }
        // what the engine's reader accepts, checked by it (a migrated project is then as strict as a new one)
        ShotDocument strict = parse(format(doc));
        return strict;
    }
}
