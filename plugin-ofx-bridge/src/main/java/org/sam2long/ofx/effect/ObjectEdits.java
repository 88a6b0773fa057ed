package org.sam2long.ofx.effect;

import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.ofx.prompt.SavedShot;
import org.sam2long.ofx.prompt.ShotEdits;

/** Object list edits from the Objects group: add, remove, select, rename, clear a frame's clicks. */
final class ObjectEdits {
    private final ParamValues params;

    ObjectEdits(ParamValues params) { this.params = params; }

    void add() {
        ShotDocument doc = ShotEdits.withNewObject(document(), null);
        ShotDocument.ShotObject added = doc.objects().get(doc.objects().size() - 1);
        save(doc);
        params.set(RotoParams.CURRENT_OBJECT, added.id());
        params.set(RotoParams.OBJECT_NAME, added.name());
    }

    void remove() {
        ShotDocument doc = ShotEdits.withoutObject(document(), params.get(RotoParams.CURRENT_OBJECT));
        if (doc.objects().isEmpty()) {
            doc = SavedShot.initial();
        }
        save(doc);
        ShotDocument.ShotObject first = doc.objects().get(0);
        params.set(RotoParams.CURRENT_OBJECT, first.id());
        params.set(RotoParams.OBJECT_NAME, first.name());
    }

    /** The current object id changed: show its name, creating the object if the id is new. */
    void select() {
        int id = params.get(RotoParams.CURRENT_OBJECT);
        ShotDocument doc = ShotEdits.withObject(document(), id, null);
        save(doc);
        doc.objects().stream().filter(o -> o.id() == id).findFirst()
                .ifPresent(o -> params.set(RotoParams.OBJECT_NAME, o.name()));
    }

    /** Renames the current object (a name another object has gets its id added: names are unique in a shot document). */
    void rename() {
        int id = params.get(RotoParams.CURRENT_OBJECT);
        ShotDocument doc = ShotEdits.renamed(document(), id, params.get(RotoParams.OBJECT_NAME));
        save(doc);
        doc.objects().stream().filter(o -> o.id() == id).findFirst()
                .filter(o -> !o.name().equals(params.get(RotoParams.OBJECT_NAME)))
                .ifPresent(o -> params.set(RotoParams.OBJECT_NAME, o.name()));
    }

    void clearFrame(double time) {
        save(ShotEdits.withoutPrompts(document(), params.get(RotoParams.CURRENT_OBJECT), (int) Math.round(time)));
    }

    private ShotDocument document() { return SavedShot.parse(params.get(RotoParams.PROMPTS)); }

    private void save(ShotDocument doc) { params.set(RotoParams.PROMPTS, SavedShot.format(doc)); }
}
