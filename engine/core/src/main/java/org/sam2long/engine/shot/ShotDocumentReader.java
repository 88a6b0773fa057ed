package org.sam2long.engine.shot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link ShotDocument} strictly: wrong types, numbers that do not fit, non-finite numbers,
 * unknown keys, duplicate keys and trailing text are errors. Every problem of one document is
 * collected and thrown together as one {@link ShotDocumentException}, the only exception this class
 * throws; each sentence names the JSON path and, inside a prompt, the object and the plate frame.
 *
 * <p>Two inputs are accepted: the versioned shot document ({@code "format": "sam2long-shot",
 * "version": 1}) and the old prompt JSON ({@code {"objects": [...]}}, no version), which is migrated:
 * its objects and prompts become a version-1 document without source, preset or output. The
 * returned document's {@link ShotDocument#version()} says which one was read (0 = old prompt JSON).
 */
public final class ShotDocumentReader {
    /** Larger files are refused before parsing. */
    public static final long MAX_BYTES = 16L << 20;
    private static final int MAX_LISTED = 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> V1_KEYS = Set.of("format", "version", "id", "source", "objects", "preset", "output");
    private static final Set<String> V0_KEYS = Set.of("objects");

    private final String where;
    private final List<String> problems = new ArrayList<>();

    private ShotDocumentReader(String where) {
        this.where = where;
    }

    /** Reads a file path, or inline JSON when the text starts with '{'. */
    public static ShotDocument readFileOrInline(String fileOrJson) {
        if (fileOrJson == null || fileOrJson.isBlank()) {
            throw new ShotDocumentException("the prompts", List.of("no file name or JSON text was given"));
        }
        String text = fileOrJson.strip();
        if (text.startsWith("{")) {
            return parse(text, "the inline prompts");
        }
        return read(Path.of(fileOrJson));
    }

    /** Reads a shot document (or old prompt JSON) from a file. */
    public static ShotDocument read(Path file) {
        String where = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ShotDocumentException(where, List.of("this is a folder, not a shot or prompt file"));
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ShotDocumentException(where, List.of("the file is larger than " + (MAX_BYTES >> 20)
                        + " MB, too large for a shot or prompt file"));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ShotDocumentException(where, List.of("the file does not exist"));
        } catch (AccessDeniedException e) {
            throw new ShotDocumentException(where, List.of("the file cannot be read: permission denied"));
        } catch (IOException | SecurityException e) {
            throw new ShotDocumentException(where, List.of("the file cannot be read"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ShotDocumentException(where, List.of("the file is not UTF-8 text (is it a binary file?)"));
        }
        return parse(text, where);
    }

    /** Parses JSON text; {@code where} names it in messages (a file name or "the inline prompts"). */
    public static ShotDocument parse(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new ShotDocumentException(where, List.of("it is empty; a shot document is a JSON object"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ShotDocumentException(where, List.of(syntax(e)));
        } catch (RuntimeException e) {
            // Jackson signals some limits (nesting depth, number length) with unchecked exceptions
            throw new ShotDocumentException(where, List.of("it is not well-formed JSON"));
        }
        ShotDocumentReader r = new ShotDocumentReader(where);
        ShotDocument doc;
        try {
            doc = r.document(root);
        } catch (StackOverflowError | RuntimeException e) {
            // a bug here must still reach the user as one sentence
            r.problems.add("it could not be read as a shot document");
            doc = null;
        }
        if (!r.problems.isEmpty() || doc == null) {
            List<String> listed = r.problems.size() <= MAX_LISTED ? r.problems : new ArrayList<>(r.problems.subList(0, MAX_LISTED));
            if (r.problems.size() > MAX_LISTED) {
                listed.add("... and " + (r.problems.size() - MAX_LISTED) + " more problems");
            }
            throw new ShotDocumentException(where, listed);
        }
        return doc;
    }

    // ---- the document ----

    private ShotDocument document(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add("the document must be a JSON object ({...}), got " + kind(root));
            return null;
        }
        boolean versioned = root.has("version") || root.has("format");
        if (!versioned) {
            unknownKeys(root, "", V0_KEYS, " (an old prompt file holds only \"objects\"; a shot document starts with"
                    + " \"format\": \"sam2long-shot\", \"version\": 1)");
            List<ShotDocument.ShotObject> objects = objects(root.get("objects"));
            return problems.isEmpty() ? new ShotDocument(0, null, objects, null, null) : null;
        }
        unknownKeys(root, "", V1_KEYS, "");
        JsonNode format = root.get("format");
        if (format == null) {
            problems.add("format is missing; it must be \"" + ShotDocument.FORMAT + "\"");
        } else if (!format.isTextual() || !format.textValue().equals(ShotDocument.FORMAT)) {
            problems.add("format must be \"" + ShotDocument.FORMAT + "\", got " + shown(format));
        }
        Integer version = integer(root.get("version"), "version", "", true);
        if (version != null && version != ShotDocument.VERSION) {
            problems.add("version " + version + " is not known to this sam2long, which reads version "
                    + ShotDocument.VERSION + (version > ShotDocument.VERSION ? " (was it written by a newer sam2long?)" : ""));
        }
        String id = text(root.get("id"), "id", false);
        if (id != null && id.length() > ShotDocument.MAX_ID_LENGTH) {
            problems.add("id is " + id.length() + " characters long; a shot id may have at most " + ShotDocument.MAX_ID_LENGTH);
        }
        ShotDocument.Source source = source(root.get("source"));
        List<ShotDocument.ShotObject> objects = objects(root.get("objects"));
        ShotDocument.PresetChoice preset = preset(root.get("preset"));
        ShotDocument.Output output = output(root.get("output"));
        if (source != null && source.first() != null && source.last() != null && source.first() > source.last()) {
            problems.add("source.first (plate frame " + source.first() + ") is after source.last (plate frame "
                    + source.last() + ")");
        }
        if (source != null && objects != null) {
            for (int i = 0; i < objects.size(); i++) {
                ShotDocument.ShotObject o = objects.get(i);
                for (int k = 0; k < o.prompts().size(); k++) {
                    int f = o.prompts().get(k).frame();
                    if ((source.first() != null && f < source.first()) || (source.last() != null && f > source.last())) {
                        problems.add("objects[" + i + "].prompts[" + k + "] is on plate frame " + f
                                + ", outside the source's frame range " + range(source) + " (object " + o.id() + " '" + o.name() + "')");
                    }
                }
            }
        }
        return problems.isEmpty() ? new ShotDocument(ShotDocument.VERSION, source, objects, preset, output, id) : null;
    }

    private static String range(ShotDocument.Source s) {
        return (s.first() == null ? "start" : s.first().toString()) + ".." + (s.last() == null ? "end" : s.last().toString());
    }

    private ShotDocument.Source source(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (!objectAt(n, "source")) {
            return null;
        }
        unknownKeys(n, "source", Set.of("path", "first", "last"), "");
        String path = text(n.get("path"), "source.path", false);
        Integer first = integer(n.get("first"), "source.first", "", false);
        Integer last = integer(n.get("last"), "source.last", "", false);
        return new ShotDocument.Source(path, first, last);
    }

    private ShotDocument.PresetChoice preset(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (!objectAt(n, "preset")) {
            return null;
        }
        unknownKeys(n, "preset", Set.of("name", "overrides"), "");
        String name = text(n.get("name"), "preset.name", false);
        Map<String, String> overrides = new LinkedHashMap<>();
        JsonNode o = n.get("overrides");
        if (o != null && objectAt(o, "preset.overrides")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "preset.overrides." + e.getKey();
                JsonNode v = e.getValue();
                if (e.getKey().isBlank()) {
                    problems.add("preset.overrides has an empty key; keys are preset paths such as tracking.pathways");
                } else if (v.isTextual()) {
                    overrides.put(e.getKey(), v.textValue());
                } else if (v.isBoolean()) {
                    overrides.put(e.getKey(), Boolean.toString(v.booleanValue()));
                } else if (v.isNumber()) {
                    if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
                        problems.add(path + " must be a finite number, got " + shown(v));
                    } else {
                        overrides.put(e.getKey(), v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.asText());
                    }
                } else {
                    problems.add(path + " must be a string, number or true/false, got " + kind(v));
                }
            }
        }
        return new ShotDocument.PresetChoice(name, overrides);
    }

    private ShotDocument.Output output(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (!objectAt(n, "output")) {
            return null;
        }
        unknownKeys(n, "output", Set.of("folder", "format"), "");
        return new ShotDocument.Output(text(n.get("folder"), "output.folder", false), text(n.get("format"), "output.format", false));
    }

    private List<ShotDocument.ShotObject> objects(JsonNode objects) {
        if (objects == null) {
            problems.add("objects is missing; it must be a non-empty list of objects");
            return null;
        }
        if (!objects.isArray() || objects.isEmpty()) {
            problems.add("objects must be a non-empty list, got " + kind(objects));
            return null;
        }
        List<ShotDocument.ShotObject> out = new ArrayList<>();
        Map<Integer, Integer> ids = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            String path = "objects[" + i + "]";
            if (!objectAt(o, path)) {
                continue;
            }
            unknownKeys(o, path, Set.of("id", "name", "prompts"), "");
            Integer id = integer(o.get("id"), path + ".id", "", true);
            if (id != null && id < 0) {
                problems.add(path + ".id must be 0 or more, got " + id);
                id = null;
            }
            if (id != null && ids.containsKey(id)) {
                problems.add(path + ".id " + id + " is already used by objects[" + ids.get(id) + "]");
            } else if (id != null) {
                ids.put(id, i);
            }
            String name = text(o.get("name"), path + ".name", false);
            if (name != null && names.containsKey(name)) {
                problems.add(path + ".name '" + name + "' is already used by objects[" + names.get(name) + "]");
            } else if (name != null) {
                names.put(name, i);
            }
            String who = "object " + (id == null ? "?" : id) + (name == null ? "" : " '" + name + "'");
            List<ShotDocument.FramePrompt> prompts = new ArrayList<>();
            JsonNode ps = o.get("prompts");
            if (ps == null) {
                problems.add(path + ".prompts is missing; " + who + " needs at least one prompt");
            } else if (!ps.isArray() || ps.isEmpty()) {
                problems.add(path + ".prompts must be a non-empty list, got " + kind(ps) + " (" + who + ")");
            } else {
                Map<Integer, Integer> frames = new HashMap<>();
                for (int k = 0; k < ps.size(); k++) {
                    ShotDocument.FramePrompt p = prompt(ps.get(k), path + ".prompts[" + k + "]", who);
                    if (p == null) {
                        continue;
                    }
                    Integer before = frames.put(p.frame(), k);
                    if (before != null) {
                        problems.add(path + ".prompts[" + k + "] is a second prompt on plate frame " + p.frame() + " ("
                                + who + "); put its clicks into prompts[" + before + "]");
                    }
                    prompts.add(p);
                }
            }
            if (id != null) {
                out.add(new ShotDocument.ShotObject(id, name == null ? "object" + id : name, prompts));
            }
        }
        return out;
    }

    private ShotDocument.FramePrompt prompt(JsonNode p, String path, String who) {
        if (!objectAt(p, path)) {
            return null;
        }
        unknownKeys(p, path, Set.of("frame", "clicks", "box"), " (" + who + ")");
        int before = problems.size();
        Integer frame = integer(p.get("frame"), path + ".frame", " (" + who + ")", true);
        String at = " (" + who + (frame == null ? "" : ", plate frame " + frame) + ")";
        List<ShotDocument.Click> clicks = new ArrayList<>();
        JsonNode cs = p.get("clicks");
        if (cs != null) {
            if (!cs.isArray()) {
                problems.add(path + ".clicks must be a list of {\"x\": ..., \"y\": ...}, got " + kind(cs) + at);
            } else {
                for (int i = 0; i < cs.size(); i++) {
                    JsonNode c = cs.get(i);
                    String cp = path + ".clicks[" + i + "]";
                    if (!c.isObject()) {
                        problems.add(cp + " must be an object {\"x\": ..., \"y\": ...}, got " + kind(c) + at);
                        continue;
                    }
                    unknownKeys(c, cp, Set.of("x", "y", "negative"), at);
                    Double x = number(c.get("x"), cp + ".x", at);
                    Double y = number(c.get("y"), cp + ".y", at);
                    boolean negative = false;
                    JsonNode neg = c.get("negative");
                    if (neg != null && !neg.isBoolean()) {
                        problems.add(cp + ".negative must be true or false, got " + shown(neg) + at);
                    } else if (neg != null) {
                        negative = neg.booleanValue();
                    }
                    if (x != null && y != null) {
                        clicks.add(new ShotDocument.Click(x, y, negative));
                    }
                }
            }
        }
        ShotDocument.Box box = null;
        JsonNode b = p.get("box");
        if (b != null) {
            if (!b.isArray() || b.size() != 4) {
                problems.add(path + ".box must be a list of four numbers [x0, y0, x1, y1], got " + kind(b) + at);
            } else {
                String[] names = {"x0", "y0", "x1", "y1"};
                double[] v = new double[4];
                boolean ok = true;
                for (int i = 0; i < 4; i++) {
                    Double d = number(b.get(i), path + ".box[" + i + "] (" + names[i] + ")", at);
                    ok &= d != null;
                    v[i] = d == null ? 0 : d;
                }
                if (ok && !(v[0] < v[2] && v[1] < v[3])) {
                    problems.add(path + ".box [" + fmt(v[0]) + ", " + fmt(v[1]) + ", " + fmt(v[2]) + ", " + fmt(v[3])
                            + "] is empty: x0 must be less than x1 and y0 less than y1" + at);
                } else if (ok) {
                    box = new ShotDocument.Box(v[0], v[1], v[2], v[3]);
                }
            }
        }
        if ((cs == null || (cs.isArray() && cs.isEmpty())) && b == null) {
            problems.add(path + " needs clicks or a box" + at);
        }
        if (problems.size() > before || frame == null) {
            return null;
        }
        return new ShotDocument.FramePrompt(frame, clicks, box);
    }

    // ---- values ----

    private boolean objectAt(JsonNode n, String path) {
        if (n != null && n.isObject()) {
            return true;
        }
        problems.add(path + " must be an object {...}, got " + kind(n));
        return false;
    }

    private void unknownKeys(JsonNode n, String path, Set<String> allowed, String suffix) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                problems.add("unknown key '" + (path.isEmpty() ? k : path + "." + k) + "' (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")" + suffix);
            }
        }
    }

    private Integer integer(JsonNode v, String path, String suffix, boolean required) {
        if (v == null) {
            if (required) {
                problems.add(path + " is missing; it must be a whole number" + suffix);
            }
            return null;
        }
        if (v.isIntegralNumber()) {
            if (v.canConvertToInt()) {
                return v.intValue();
            }
            problems.add(path + " is " + v.asText() + ", too large: it must lie between " + Integer.MIN_VALUE + " and "
                    + Integer.MAX_VALUE + suffix);
            return null;
        }
        problems.add(path + " must be a whole number, got " + shown(v) + suffix);
        return null;
    }

    private Double number(JsonNode v, String path, String suffix) {
        if (v == null) {
            problems.add(path + " is missing; it must be a number" + suffix);
            return null;
        }
        if (!v.isNumber()) {
            problems.add(path + " must be a number, got " + shown(v) + suffix);
            return null;
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d) || Math.abs(d) > 1e9) {
            problems.add(path + " is " + v.asText() + ", out of range for a pixel position" + suffix);
            return null;
        }
        return d;
    }

    private String text(JsonNode v, String path, boolean required) {
        if (v == null) {
            if (required) {
                problems.add(path + " is missing; it must be text");
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(path + " must be text (in quotes), got " + shown(v));
            return null;
        }
        if (v.textValue().isBlank()) {
            problems.add(path + " is empty");
            return null;
        }
        if (v.textValue().chars().anyMatch(c -> c < 0x20)) {
            problems.add(path + " holds a control character (a tab or line break)");
            return null;
        }
        return v.textValue();
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return n.isEmpty() ? "an empty list" : "a list of " + n.size();
        }
        return shown(n);
    }

    /** A value as the user wrote it, short. */
    private static String shown(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        if (n.isObject() || n.isArray()) {
            return kind(n);
        }
        String s = n.isTextual() ? "\"" + n.textValue() + "\"" : n.asText();
        s = s.chars().anyMatch(c -> c < 0x20) ? "a text with control characters" : s;
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
    }

    static String syntax(JsonProcessingException e) {
        return JsonText.syntax(e);
    }
}
