package org.sam2long.ofx.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.prompt.Prompt;

class PromptJsonTest {

    @Test
    void blankParameterIsTheInitialDocumentWithOneObject() {
        PromptDocument doc = PromptJson.parse("  ");
        assertEquals(List.of(1), doc.objectIds());
        assertTrue(doc.prompts().isEmpty());
    }

    @Test
    void documentSurvivesAWriteAndReadUnchanged() {
        PromptDocument doc = PromptDocument.initial()
                .withClick(1, 1001, new PromptDocument.ClickEntry(10.5, 20, true))
                .withClick(1, 1001, new PromptDocument.ClickEntry(30, 40, false))
                .withBox(1, 1010, new PromptDocument.BoxEntry(1, 2, 3, 4))
                .withNewObject("Car");
        assertEquals(doc, PromptJson.parse(PromptJson.format(doc)));
    }

    @Test
    void unknownFieldsFromLaterMinorVersionsAreIgnored() {
        PromptDocument doc = PromptJson.parse("{\"format\":1,\"objects\":[{\"id\":2,\"name\":\"A\",\"colour\":\"red\"}],\"extra\":1}");
        assertEquals(List.of(2), doc.objectIds());
    }

    @Test
    void aNewerFormatIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptJson.parse("{\"format\":9}"));
        assertTrue(e.getMessage().contains("newer SAM2Long Roto"), e.getMessage());
    }

    @Test
    void brokenJsonNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptJson.parse("{oops"));
        assertTrue(e.getMessage().startsWith("the prompts parameter is not valid JSON"), e.getMessage());
    }

    @Test
    void enginePromptsUseZeroBasedIndicesAndSkipFramesOutsideTheClip() {
        PromptDocument doc = PromptDocument.initial()
                .withClick(1, 1001, new PromptDocument.ClickEntry(5, 6, true))
                .withClick(1, 2000, new PromptDocument.ClickEntry(5, 6, true))
                .withClick(7, 1001, new PromptDocument.ClickEntry(5, 6, true));
        List<Prompt> prompts = doc.enginePrompts(List.of(1), 1001, 100);
        assertEquals(1, prompts.size());
        assertEquals(0, prompts.get(0).frameIndex());
        assertEquals(Prompt.Click.positive(5, 6), prompts.get(0).clicks().get(0));
    }
}
