package org.sam2long.ofx.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.shot.PlateFrames;
import org.sam2long.engine.shot.ShotDocument;

/**
 * The artist's edits on a {@link ShotDocument} (clicks, boxes, objects), each returning a new
 * document, and the engine prompts it gives. Frames are plate (host) frame numbers; the engine's
 * {@link PlateFrames} maps them to clip indices, and every message names the plate frame.
 */
public final class ShotEdits {
    private ShotEdits() {}

    public static List<Integer> objectIds(ShotDocument doc) {
        return doc.objects().stream().map(ShotDocument.ShotObject::id).toList();
    }

    /** Adds a click to the object's prompt on that plate frame. */
    public static ShotDocument withClick(ShotDocument doc, int object, int frame, ShotDocument.Click click) {
        return edit(doc, object, frame, p -> {
            List<ShotDocument.Click> clicks = new ArrayList<>(p.clicks());
            clicks.add(click);
            return new ShotDocument.FramePrompt(frame, clicks, p.box());
        });
    }

    /** Sets (replaces) the object's box on that plate frame; an empty box (no width or height) changes nothing. */
    public static ShotDocument withBox(ShotDocument doc, int object, int frame, ShotDocument.Box box) {
        if (!(box.x0() < box.x1() && box.y0() < box.y1())) {
            return doc;
        }
        return edit(doc, object, frame, p -> new ShotDocument.FramePrompt(frame, p.clicks(), box));
    }

    /** Removes the object's prompt on one plate frame. */
    public static ShotDocument withoutPrompts(ShotDocument doc, int object, int frame) {
        return mapObjects(doc, o -> o.id() != object ? o : new ShotDocument.ShotObject(o.id(), o.name(),
                o.prompts().stream().filter(p -> p.frame() != frame).toList()));
    }

    /** Adds an object with the next free id and the name (blank: "Object id"). */
    public static ShotDocument withNewObject(ShotDocument doc, String name) {
        return withObject(doc, doc.objects().stream().mapToInt(ShotDocument.ShotObject::id).max().orElse(0) + 1, name);
    }

    /** Adds an object with the given id (no change if it exists); a blank or taken name becomes "Object id". */
    public static ShotDocument withObject(ShotDocument doc, int id, String name) {
        if (objectIds(doc).contains(id)) {
            return doc;
        }
        List<ShotDocument.ShotObject> list = new ArrayList<>(doc.objects());
        list.add(new ShotDocument.ShotObject(id, freeName(doc, id, name), List.of()));
        return doc.withObjects(list);
    }

    /** Renames an object; a blank name becomes "Object id", a name another object has gets " (id)" added. */
    public static ShotDocument renamed(ShotDocument doc, int object, String name) {
        return mapObjects(doc, o -> o.id() != object ? o : new ShotDocument.ShotObject(o.id(), freeName(doc, o.id(), name), o.prompts()));
    }

    /** Removes an object and its prompts. */
    public static ShotDocument withoutObject(ShotDocument doc, int object) {
        return doc.withObjects(doc.objects().stream().filter(o -> o.id() != object).toList());
    }

    /** The object's prompt on a plate frame, or null. */
    public static ShotDocument.FramePrompt promptOn(ShotDocument doc, int object, int frame) {
        return doc.objects().stream().filter(o -> o.id() == object).flatMap(o -> o.prompts().stream())
                .filter(p -> p.frame() == frame).findFirst().orElse(null);
    }

    /**
     * The engine prompts of the given objects, in document order, on the clip's indices.
     *
     * @throws IllegalArgumentException naming the object and its plate frame when a prompt is outside the clip
     */
    public static List<Prompt> enginePrompts(ShotDocument doc, List<Integer> objectIds, PlateFrames frames) {
        List<Prompt> out = new ArrayList<>();
        for (ShotDocument.ShotObject o : doc.objects()) {
            if (!objectIds.contains(o.id())) {
                continue;
            }
            for (ShotDocument.FramePrompt p : o.prompts()) {
                Prompt prompt = enginePrompt(o.id(), frames.index(p.frame(), "the prompt of object " + o.id() + " '" + o.name() + "'"), p);
                if (!prompt.isEmpty()) {
                    out.add(prompt);
                }
            }
        }
        return out;
    }

    /** One plate-frame prompt as the engine's prompt on clip index {@code index} (what {@code sam2long track} makes of it). */
    public static Prompt enginePrompt(int object, int index, ShotDocument.FramePrompt p) {
        List<Prompt.Click> clicks = p.clicks().stream().map(c -> new Prompt.Click(c.x(), c.y(), !c.negative())).toList();
        Prompt.Box box = p.box() == null ? null : new Prompt.Box(p.box().x0(), p.box().y0(), p.box().x1(), p.box().y1());
        return new Prompt(object, index, clicks, box, null);
    }

    private static String freeName(ShotDocument doc, int id, String name) {
        String n = name == null || name.isBlank() ? "Object " + id : name.strip();
        boolean taken = doc.objects().stream().anyMatch(o -> o.id() != id && o.name().equals(n));
        return taken ? n + " (" + id + ")" : n;
    }

    private static ShotDocument edit(ShotDocument doc, int object, int frame, UnaryOperator<ShotDocument.FramePrompt> change) {
        ShotDocument d = withObject(doc, object, null);
        return mapObjects(d, o -> {
            if (o.id() != object) {
                return o;
            }
            List<ShotDocument.FramePrompt> ps = new ArrayList<>(o.prompts());
            int at = -1;
            for (int i = 0; i < ps.size(); i++) {
                if (ps.get(i).frame() == frame) {
                    at = i;
                }
            }
            if (at < 0) {
                ps.add(change.apply(new ShotDocument.FramePrompt(frame, List.of(), null)));
            } else {
                ps.set(at, change.apply(ps.get(at)));
            }
            return new ShotDocument.ShotObject(o.id(), o.name(), ps);
        });
    }

    private static ShotDocument mapObjects(ShotDocument doc, UnaryOperator<ShotDocument.ShotObject> f) {
        return doc.withObjects(doc.objects().stream().map(f).toList());
    }
}
