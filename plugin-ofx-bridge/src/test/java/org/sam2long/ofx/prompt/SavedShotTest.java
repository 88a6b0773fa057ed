package org.sam2long.ofx.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sam2long.engine.prompt.Prompt;
import org.sam2long.engine.shot.PlateFrames;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.engine.shot.ShotDocumentReader;

/** The saved prompts are the engine's shot document; older saved projects are migrated. */
class SavedShotTest {
    /** Shared with the command line's tests (render-node ShotDocumentGoldenTest can read the same file). */
    static final Path GOLDEN = Path.of("../docs/golden/shot-document-engine-calls.json");

    private static JsonNode golden() throws IOException {
        return new ObjectMapper().readTree(GOLDEN.toFile());
    }

    private static PlateFrames plates(JsonNode g) {
        JsonNode p = g.get("plates");
        return PlateFrames.consecutive(p.get("first").intValue(), p.get("count").intValue(), p.get("describe").textValue());
    }

    /** The expected engine calls of the golden file, built from its JSON (not by the code under test). */
    private static List<Prompt> expected(JsonNode g) {
        List<Prompt> out = new ArrayList<>();
        for (JsonNode c : g.get("engineCalls")) {
            List<Prompt.Click> clicks = new ArrayList<>();
            c.get("clicks").forEach(k -> clicks.add(new Prompt.Click(k.get("x").doubleValue(), k.get("y").doubleValue(),
                    k.get("positive").booleanValue())));
            JsonNode b = c.get("box");
            out.add(new Prompt(c.get("objectId").intValue(), c.get("frameIndex").intValue(), clicks,
                    b.isNull() ? null : new Prompt.Box(b.get(0).doubleValue(), b.get(1).doubleValue(), b.get(2).doubleValue(),
                            b.get(3).doubleValue()), null));
        }
        return out;
    }

    private static List<Prompt> engineCalls(ShotDocument doc, PlateFrames frames) {
        return ShotEdits.enginePrompts(doc, ShotEdits.objectIds(doc), frames);
    }

    @Test
    void theGoldenDocumentsGiveTheGoldenEngineCallsThroughThePlugIn() throws IOException {
        JsonNode g = golden();
        PlateFrames frames = plates(g);
        List<Prompt> want = expected(g);
        for (String name : List.of("shot", "cliPromptJson", "pluginPromptJsonFormat1")) {
            ShotDocument doc = SavedShot.parse(g.get("documents").get(name).toString());
            assertEquals(want, engineCalls(doc, frames), name);
            assertEquals(want, engineCalls(SavedShot.parse(SavedShot.format(doc)), frames), name + " after saving it again");
        }
        // what the plug-in saves is a shot document the engine's own (strict) reader reads to the same calls
        ShotDocument migrated = SavedShot.parse(g.get("documents").get("pluginPromptJsonFormat1").toString());
        ShotDocument strict = ShotDocumentReader.parse(SavedShot.format(migrated), "saved.json");
        assertEquals(want, engineCalls(strict, frames));
        assertEquals(List.of("hero", "object4"), strict.objects().stream().map(ShotDocument.ShotObject::name).toList());
        // the source, preset and output of a shot document survive the plug-in's edits and saves
        ShotDocument shot = SavedShot.parse(g.get("documents").get("shot").toString());
        ShotDocument edited = SavedShot.parse(SavedShot.format(ShotEdits.withNewObject(shot, "car")));
        assertEquals(shot.source(), edited.source());
        assertEquals(shot.preset(), edited.preset());
        assertEquals("golden/sq01/sh010", edited.id(), "the shot id survives the plug-in's edits and saves");
    }

    @Test
    void aPromptOutsideTheClipIsNamedByItsPlateFrame() throws IOException {
        ShotDocument doc = SavedShot.parse(golden().get("documents").get("shot").toString());
        PlateFrames shorter = PlateFrames.consecutive(1001, 5, "the host's Source clip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engineCalls(doc, shorter));
        assertEquals("the prompt of object 1 'hero' is on plate frame 1007, but the host's Source clip has plate frames 1001..1005",
                e.getMessage());
    }

    @Test
    void aBlankValueIsOneObjectWithoutPromptsAndObjectsWithoutPromptsSurviveASave() {
        ShotDocument doc = SavedShot.parse("  ");
        assertEquals(List.of(1), ShotEdits.objectIds(doc));
        assertTrue(doc.objects().get(0).prompts().isEmpty());
        ShotDocument two = ShotEdits.withClick(ShotEdits.withNewObject(doc, "Car"), 2, 5,
                new ShotDocument.Click(1, 2, false));
        ShotDocument back = SavedShot.parse(SavedShot.format(two));
        assertEquals(two.objects(), back.objects());
        assertEquals(List.of(1, 2), ShotEdits.objectIds(back), "the empty object keeps its place");
        assertEquals(SavedShot.initial().objects(), SavedShot.parse(SavedShot.format(SavedShot.initial())).objects());
    }

    @Test
    void brokenOrNewerSavedPromptsFailWithOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SavedShot.parse("{oops"));
        assertTrue(e.getMessage().startsWith("the effect's saved prompts are not valid JSON"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SavedShot.parse(
                "{\"format\":\"sam2long-shot\",\"version\":7,\"objects\":[{\"id\":1,\"prompts\":[]}]}"));
        assertTrue(e.getMessage().contains("version 7 is not known"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SavedShot.parse("{\"format\":9}"));
        assertTrue(e.getMessage().contains("format 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SavedShot.parse("{\"format\":\"sam2long-shot\",\"version\":1,"
                + "\"objects\":[{\"id\":1,\"prompts\":[{\"frame\":3,\"clicks\":[{\"x\":1,\"y\":2,\"positive\":true}]}]}]}"));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }
}
