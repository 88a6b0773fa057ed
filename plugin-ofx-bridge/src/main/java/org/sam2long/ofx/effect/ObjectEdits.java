package org.sam2long.ofx.effect;

import org.sam2long.ofx.prompt.PromptDocument;
import org.sam2long.ofx.prompt.PromptJson;

/** Object list edits from the Objects group: add, remove, select, rename, clear a frame's clicks. */
final class ObjectEdits {
    private final ParamValues params;

    ObjectEdits(ParamValues params) { this.params = params; }

    void add() {
        PromptDocument doc = document().withNewObject(null);
        PromptDocument.ObjectEntry added = doc.objects().get(doc.objects().size() - 1);
        save(doc);
        params.set(RotoParams.CURRENT_OBJECT, added.id());
        params.set(RotoParams.OBJECT_NAME, added.name());
    }

    void remove() {
        PromptDocument doc = document().withoutObject(params.get(RotoParams.CURRENT_OBJECT));
        if (doc.objects().isEmpty()) {
            doc = PromptDocument.initial();
        }
        save(doc);
        PromptDocument.ObjectEntry first = doc.objects().get(0);
        params.set(RotoParams.CURRENT_OBJECT, first.id());
        params.set(RotoParams.OBJECT_NAME, first.name());
    }

    /** The current object id changed: show its name, creating the object if the id is new. */
    void select() {
        int id = params.get(RotoParams.CURRENT_OBJECT);
        PromptDocument doc = document().withObject(id, null);
        save(doc);
        doc.objects().stream().filter(o -> o.id() == id).findFirst()
                .ifPresent(o -> params.set(RotoParams.OBJECT_NAME, o.name()));
    }

    void rename() {
        save(document().renamed(params.get(RotoParams.CURRENT_OBJECT), params.get(RotoParams.OBJECT_NAME)));
    }

    void clearFrame(double time) {
        save(document().withoutPrompts(params.get(RotoParams.CURRENT_OBJECT), (int) Math.round(time)));
    }

    private PromptDocument document() { return PromptJson.parse(params.get(RotoParams.PROMPTS)); }

    private void save(PromptDocument doc) { params.set(RotoParams.PROMPTS, PromptJson.format(doc)); }
}
