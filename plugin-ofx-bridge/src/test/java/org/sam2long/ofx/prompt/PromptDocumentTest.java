package org.sam2long.ofx.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptDocumentTest {
    private static final PromptDocument.ClickEntry CLICK = new PromptDocument.ClickEntry(1, 2, true);

    @Test
    void clicksOnTheSameObjectAndFrameGoIntoOnePrompt() {
        PromptDocument doc = PromptDocument.initial().withClick(1, 5, CLICK).withClick(1, 5, CLICK).withClick(1, 6, CLICK);
        assertEquals(2, doc.prompts().size());
        assertEquals(2, doc.prompts().get(0).clicks().size());
    }

    @Test
    void newObjectsTakeTheNextFreeIdAndADefaultName() {
        PromptDocument doc = PromptDocument.initial().withObject(5, "Five").withNewObject(" ");
        assertEquals(List.of(1, 5, 6), doc.objectIds());
        assertEquals("Object 6", doc.objects().get(2).name());
    }

    @Test
    void removingAnObjectRemovesItsPrompts() {
        PromptDocument doc = PromptDocument.initial().withNewObject("B").withClick(1, 0, CLICK).withClick(2, 0, CLICK)
                .withoutObject(1);
        assertEquals(List.of(2), doc.objectIds());
        assertTrue(doc.prompts().stream().allMatch(p -> p.object() == 2));
    }

    @Test
    void clearingAFrameKeepsOtherFramesAndObjects() {
        PromptDocument doc = PromptDocument.initial().withNewObject("B")
                .withClick(1, 0, CLICK).withClick(1, 1, CLICK).withClick(2, 0, CLICK)
                .withoutPrompts(1, 0);
        assertEquals(2, doc.prompts().size());
    }

    @Test
    void renamingChangesOnlyThatObject() {
        PromptDocument doc = PromptDocument.initial().withNewObject("B").renamed(2, "Car");
        assertEquals("Object 1", doc.objects().get(0).name());
        assertEquals("Car", doc.objects().get(1).name());
    }
}
