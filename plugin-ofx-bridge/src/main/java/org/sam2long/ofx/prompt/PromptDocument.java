package org.sam2long.ofx.prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sam2long.engine.prompt.Prompt;

/**
 * Everything the artist told the plug-in, as stored in the hidden "prompts" string parameter: the
 * objects (id and name) and the clicks and boxes per object and host frame number. Coordinates are
 * source pixels with the origin at the top-left, as the engine and the command line expect.
 * Immutable: every edit returns a new document.
 */
public record PromptDocument(int format, List<ObjectEntry> objects, List<PromptEntry> prompts) {
    public static final int FORMAT = 1;

    public PromptDocument {
        objects = objects == null ? List.of() : List.copyOf(objects);
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
    }

    /** One object, "Object 1", and no prompts: what a new instance starts with. */
    public static PromptDocument initial() {
        return new PromptDocument(FORMAT, List.of(new ObjectEntry(1, "Object 1")), List.of());
    }

    public record ObjectEntry(int id, String name) {}

    /** The clicks and optional box for one object on one host frame. */
    public record PromptEntry(int object, int frame, List<ClickEntry> clicks, BoxEntry box) {
        public PromptEntry {
            clicks = clicks == null ? List.of() : List.copyOf(clicks);
        }
    }

    public record ClickEntry(double x, double y, boolean positive) {}

    public record BoxEntry(double x0, double y0, double x1, double y1) {}

    public List<Integer> objectIds() {
        return objects.stream().map(ObjectEntry::id).toList();
    }

    /** Adds a click to the object's prompt on that frame. */
    public PromptDocument withClick(int object, int frame, ClickEntry click) {
        return edit(object, frame, e -> {
            List<ClickEntry> clicks = new ArrayList<>(e.clicks());
            clicks.add(click);
            return new PromptEntry(object, frame, clicks, e.box());
        });
    }

    /** Sets (replaces) the object's box on that frame. */
    public PromptDocument withBox(int object, int frame, BoxEntry box) {
        return edit(object, frame, e -> new PromptEntry(object, frame, e.clicks(), box));
    }

    /** Removes the object's prompts on one frame. */
    public PromptDocument withoutPrompts(int object, int frame) {
        return new PromptDocument(format, objects,
                prompts.stream().filter(p -> p.object() != object || p.frame() != frame).toList());
    }

    /** Adds an object with the next free id; returns the new document. */
    public PromptDocument withNewObject(String name) {
        return withObject(objects.stream().mapToInt(ObjectEntry::id).max().orElse(0) + 1, name);
    }

    /** Adds an object with the given id (no change if it exists); a blank name becomes "Object id". */
    public PromptDocument withObject(int id, String name) {
        if (objectIds().contains(id)) {
            return this;
        }
        List<ObjectEntry> list = new ArrayList<>(objects);
        list.add(new ObjectEntry(id, name == null || name.isBlank() ? "Object " + id : name));
        return new PromptDocument(format, list, prompts);
    }

    public PromptDocument renamed(int object, String name) {
        return new PromptDocument(format,
                objects.stream().map(o -> o.id() == object ? new ObjectEntry(o.id(), name) : o).toList(), prompts);
    }

    /** Removes an object and its prompts. */
    public PromptDocument withoutObject(int object) {
        return new PromptDocument(format, objects.stream().filter(o -> o.id() != object).toList(),
                prompts.stream().filter(p -> p.object() != object).toList());
    }

    /**
     * Engine prompts for the given objects, frames mapped to 0-based indices by subtracting
     * {@code firstFrame}; prompts outside 0..frameCount-1 are left out.
     */
    public List<Prompt> enginePrompts(List<Integer> objectIds, int firstFrame, int frameCount) {
        List<Prompt> out = new ArrayList<>();
        for (PromptEntry p : prompts) {
            int index = p.frame() - firstFrame;
            if (!objectIds.contains(p.object()) || index < 0 || index >= frameCount) {
                continue;
            }
            List<Prompt.Click> clicks = p.clicks().stream().map(c -> new Prompt.Click(c.x(), c.y(), c.positive())).toList();
            Prompt.Box box = p.box() == null ? null : new Prompt.Box(p.box().x0(), p.box().y0(), p.box().x1(), p.box().y1());
            Prompt prompt = new Prompt(p.object(), index, clicks, box, null);
            if (!prompt.isEmpty()) {
                out.add(prompt);
            }
        }
        return out;
    }

    private PromptDocument edit(int object, int frame, java.util.function.UnaryOperator<PromptEntry> change) {
        Map<String, PromptEntry> byKey = new LinkedHashMap<>();
        for (PromptEntry p : prompts) {
            byKey.put(p.object() + "@" + p.frame(), p);
        }
        String key = object + "@" + frame;
        byKey.put(key, change.apply(byKey.getOrDefault(key, new PromptEntry(object, frame, List.of(), null))));
        return new PromptDocument(format, objects, new ArrayList<>(byKey.values()));
    }
}
