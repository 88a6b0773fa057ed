package org.sam2long.ofx.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.shot.ShotDocument;

class ShotEditsTest {
    private static final ShotDocument.Click CLICK = new ShotDocument.Click(1, 2, false);

    @Test
    void clicksAccumulateAndABoxReplacesPerObjectAndFrame() {
        ShotDocument doc = ShotEdits.withClick(SavedShot.initial(), 1, 1001, CLICK);
        doc = ShotEdits.withClick(doc, 1, 1001, new ShotDocument.Click(3, 4, true));
        doc = ShotEdits.withBox(doc, 1, 1001, new ShotDocument.Box(0, 0, 5, 5));
        doc = ShotEdits.withBox(doc, 1, 1001, new ShotDocument.Box(1, 1, 6, 6));
        doc = ShotEdits.withClick(doc, 1, 1002, CLICK);
        ShotDocument.FramePrompt p = ShotEdits.promptOn(doc, 1, 1001);
        assertEquals(2, p.clicks().size());
        assertEquals(new ShotDocument.Box(1, 1, 6, 6), p.box());
        assertEquals(2, doc.objects().get(0).prompts().size());
    }

    @Test
    void anEmptyBoxChangesNothing() {
        ShotDocument doc = SavedShot.initial();
        assertSame(doc, ShotEdits.withBox(doc, 1, 3, new ShotDocument.Box(5, 5, 9, 5)));
    }

    @Test
    void newObjectsTakeTheNextFreeIdAndADefaultName() {
        ShotDocument doc = ShotEdits.withNewObject(ShotEdits.withObject(SavedShot.initial(), 5, "Five"), " ");
        assertEquals(List.of(1, 5, 6), ShotEdits.objectIds(doc));
        assertEquals("Object 6", doc.objects().get(2).name());
    }

    @Test
    void namesStayUniqueAsTheShotDocumentRequires() {
        ShotDocument doc = ShotEdits.renamed(ShotEdits.withNewObject(SavedShot.initial(), "Car"), 1, "Car");
        assertEquals(List.of("Car (1)", "Car"), doc.objects().stream().map(ShotDocument.ShotObject::name).toList());
        assertEquals("Object 2", ShotEdits.renamed(doc, 2, "  ").objects().get(1).name());
    }

    @Test
    void removingAnObjectRemovesItsPromptsAndClearingAFrameKeepsTheRest() {
        ShotDocument doc = ShotEdits.withNewObject(SavedShot.initial(), "B");
        doc = ShotEdits.withClick(ShotEdits.withClick(ShotEdits.withClick(doc, 1, 0, CLICK), 1, 1, CLICK), 2, 0, CLICK);
        ShotDocument cleared = ShotEdits.withoutPrompts(doc, 1, 0);
        assertEquals(1, cleared.objects().get(0).prompts().size());
        assertEquals(1, cleared.objects().get(1).prompts().size());
        ShotDocument removed = ShotEdits.withoutObject(doc, 1);
        assertEquals(List.of(2), ShotEdits.objectIds(removed));
        assertTrue(removed.objects().get(0).prompts().stream().allMatch(p -> p.frame() == 0));
    }
}
