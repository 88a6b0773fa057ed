package org.sam2long.rendernode.shot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sam2long.engine.prompt.Prompt;

/**
 * The prompts of a shot as artists write them (a JSON file or inline text): objects with an id,
 * a name and prompts on frames given by the frame numbers the user sees (e.g. 1001).
 * <pre>
 * {"objects": [{"id": 1, "name": "hero",
 *   "prompts": [{"frame": 1001, "clicks": [{"x": 640, "y": 360}, {"x": 700, "y": 300, "negative": true}],
 *                "box": [600, 300, 720, 420]}]}]}
 * </pre>
 */
public record ShotPrompts(Map<Integer, String> names, List<FramePrompt> prompts) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A prompt before frame numbers are mapped to indices. */
    public record FramePrompt(int objectId, int frameNumber, List<Prompt.Click> clicks, Prompt.Box box) {
        public Prompt toPrompt(int frameIndex) {
            return new Prompt(objectId, frameIndex, clicks, box, null);
        }
    }

    /** Reads a file path, or inline JSON when the text starts with '{'. */
    public static ShotPrompts read(String fileOrJson) {
        String text = fileOrJson.strip();
        String where = "the inline prompts";
        if (!text.startsWith("{")) {
            Path p = Path.of(fileOrJson);
            where = p.toString();
            try {
                text = Files.readString(p);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the prompt file " + p + ": " + e.getMessage());
            }
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return parse(root, where);
    }

    static ShotPrompts parse(JsonNode root, String where) {
        keys(root, where, "", Set.of("objects"));
        JsonNode objects = root.get("objects");
        if (objects == null || !objects.isArray() || objects.isEmpty()) {
            throw new IllegalArgumentException(where + ": objects must be a non-empty list");
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        List<FramePrompt> prompts = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode o = objects.get(i);
            String path = "objects[" + i + "]";
            keys(o, where, path, Set.of("id", "name", "prompts"));
            int id = integer(o, "id", where, path);
            if (names.containsKey(id)) {
                throw new IllegalArgumentException(where + ": " + path + ".id " + id + " is used twice");
            }
            names.put(id, o.hasNonNull("name") ? o.get("name").asText() : "object" + id);
            JsonNode ps = o.get("prompts");
            if (ps == null || !ps.isArray() || ps.isEmpty()) {
                throw new IllegalArgumentException(where + ": " + path + ".prompts must be a non-empty list");
            }
            for (int k = 0; k < ps.size(); k++) {
                prompts.add(prompt(id, ps.get(k), where, path + ".prompts[" + k + "]"));
            }
        }
        return new ShotPrompts(names, prompts);
    }

    private static FramePrompt prompt(int id, JsonNode p, String where, String path) {
        keys(p, where, path, Set.of("frame", "clicks", "box"));
        int frame = integer(p, "frame", where, path);
        List<Prompt.Click> clicks = new ArrayList<>();
        JsonNode cs = p.get("clicks");
        if (cs != null) {
            for (int i = 0; i < cs.size(); i++) {
                JsonNode c = cs.get(i);
                String cp = path + ".clicks[" + i + "]";
                keys(c, where, cp, Set.of("x", "y", "negative"));
                clicks.add(new Prompt.Click(number(c, "x", where, cp), number(c, "y", where, cp),
                        !(c.has("negative") && c.get("negative").asBoolean())));
            }
        }
        Prompt.Box box = null;
        JsonNode b = p.get("box");
        if (b != null) {
            if (!b.isArray() || b.size() != 4 || !b.get(0).isNumber()) {
                throw new IllegalArgumentException(where + ": " + path + ".box must be [x0, y0, x1, y1]");
            }
            box = new Prompt.Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
        }
        if (clicks.isEmpty() && box == null) {
            throw new IllegalArgumentException(where + ": " + path + " needs clicks or a box");
        }
        return new FramePrompt(id, frame, clicks, box);
    }

    private static void keys(JsonNode n, String where, String path, Set<String> allowed) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + ": " + (path.isEmpty() ? "the document" : path) + " must be an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + (path.isEmpty() ? k : path + "." + k)
                        + "' (expected one of " + allowed + ")");
            }
        }
    }

    private static int integer(JsonNode n, String key, String where, String path) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToExactIntegral()) {
            throw new IllegalArgumentException(where + ": " + path + "." + key + " must be a whole number");
        }
        return v.asInt();
    }

    private static double number(JsonNode n, String key, String where, String path) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + ": " + path + "." + key + " must be a number");
        }
        return v.asDouble();
    }
}
