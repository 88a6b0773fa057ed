package org.sam2long.rendernode.shot;

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
import org.sam2long.engine.shot.ShotDocumentWriter;

/** The old prompt JSON and the shot document it migrates to give the engine the same prompts, on the same indices. */
class ShotDocumentGoldenTest {
    static final String OLD = "{\"objects\":[{\"id\":1,\"name\":\"hero\",\"prompts\":[{\"frame\":1002,"
            + "\"clicks\":[{\"x\":10,\"y\":20},{\"x\":30,\"y\":40,\"negative\":true}],\"box\":[1,2,50,60]}]},"
            + "{\"id\":4,\"prompts\":[{\"frame\":1010,\"box\":[5,6,7,8]}]}]}";
    static final String SHOT = """
            {"format": "sam2long-shot", "version": 1, "source": {"path": "plate.####.exr", "first": 1001, "last": 1010},
             "objects": [{"id": 1, "name": "hero", "prompts": [{"frame": 1002,
                 "clicks": [{"x": 10, "y": 20}, {"x": 30, "y": 40, "negative": true}], "box": [1, 2, 50, 60]}]},
               {"id": 4, "name": "object4", "prompts": [{"frame": 1010, "box": [5, 6, 7, 8]}]}]}
            """;

    private static List<Prompt> engineCalls(ShotDocument doc, PlateFrames frames) {
        List<Prompt> calls = new ArrayList<>();
        for (ShotDocument.ShotObject o : doc.objects()) {
            for (ShotDocument.FramePrompt p : o.prompts()) {
                calls.add(TrackJob.toPrompt(o.id(), frames.index(p.frame(), "object " + o.id()), p));
            }
        }
        return calls;
    }

    @Test
    void oldPromptJsonAndShotDocumentGiveTheSameEngineCalls() {
        PlateFrames frames = PlateFrames.consecutive(1001, 10, "plate.####.exr");
        ShotDocument old = ShotDocumentReader.parse(OLD, "old.json");
        ShotDocument shot = ShotDocumentReader.parse(SHOT, "shot.json");
        List<Prompt> a = engineCalls(old, frames);
        List<Prompt> b = engineCalls(shot, frames);
        assertEquals(a, b);
        assertEquals(1, a.get(0).frameIndex(), "plate 1002 is index 1");
        assertEquals(9, a.get(1).frameIndex());
        assertEquals(List.of(new Prompt.Click(10, 20, true), new Prompt.Click(30, 40, false)), a.get(0).clicks());
        assertEquals(b, engineCalls(ShotDocumentReader.parse(ShotDocumentWriter.toJson(old), "migrated.json"), frames));
    }

    @Test
    void framesOutsideTheClipAreNamedByPlateNumber() {
        PlateFrames frames = PlateFrames.consecutive(1001, 10, "plate.####.exr");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> frames.index(1200, "the prompt of object 1"));
        assertEquals("the prompt of object 1 is on plate frame 1200, but plate.####.exr has plate frames 1001..1010", e.getMessage());
        List<String> problems = org.sam2long.engine.shot.ShotChecks.against(ShotDocumentReader.parse(SHOT, "s"), frames, 40, 40);
        assertTrue(problems.stream().anyMatch(p -> p.equals(
                "the prompt of object 1 'hero' on plate frame 1002 has a box [1, 2, 50, 60] outside the 40x40 frame")), problems.toString());
    }

    /** Shared with the plug-in's SavedShotTest: the same documents must give the plug-in and the CLI the same calls. */
    static final Path GOLDEN = Path.of("../docs/golden/shot-document-engine-calls.json");

    @Test
    void theSharedGoldenDocumentsGiveTheGoldenEngineCallsThroughTheCommandLine() throws IOException {
        JsonNode g = new ObjectMapper().readTree(GOLDEN.toFile());
        JsonNode p = g.get("plates");
        PlateFrames frames = PlateFrames.consecutive(p.get("first").intValue(), p.get("count").intValue(), p.get("describe").textValue());
        List<Prompt> want = new ArrayList<>();
        for (JsonNode c : g.get("engineCalls")) {
            List<Prompt.Click> clicks = new ArrayList<>();
            c.get("clicks").forEach(k -> clicks.add(new Prompt.Click(k.get("x").doubleValue(), k.get("y").doubleValue(),
                    k.get("positive").booleanValue())));
            JsonNode b = c.get("box");
            want.add(new Prompt(c.get("objectId").intValue(), c.get("frameIndex").intValue(), clicks,
                    b.isNull() ? null : new Prompt.Box(b.get(0).doubleValue(), b.get(1).doubleValue(), b.get(2).doubleValue(),
                            b.get(3).doubleValue()), null));
        }
        for (String name : List.of("shot", "cliPromptJson")) {
            ShotDocument doc = ShotDocumentReader.parse(g.get("documents").get(name).toString(), name + ".json");
            assertEquals(want, engineCalls(doc, frames), name);
        }
        ShotDocument shot = ShotDocumentReader.parse(g.get("documents").get("shot").toString(), "shot.json");
        assertEquals(g.get("documents").get("shot").get("id").textValue(), shot.id());
        ShotDocument again = ShotDocumentReader.parse(ShotDocumentWriter.toJson(shot), "written.json");
        assertEquals(shot, again, "the writer keeps the shot id and everything else");
        assertEquals(null, ShotDocumentReader.parse(g.get("documents").get("cliPromptJson").toString(), "old.json").id());
    }

    @Test
    void aShotIdIsOptionalTextOfAtMost200CharactersAndEveryBadOneIsNamed() {
        String base = SHOT.replace("\"version\": 1,", "\"version\": 1, \"id\": %s,");
        assertEquals("a/b c", ShotDocumentReader.parse(base.formatted("\"a/b c\""), "s.json").id());
        assertEquals(null, ShotDocumentReader.parse(SHOT, "s.json").id());
        for (String[] bad : new String[][] {{"7", "id must be text (in quotes), got 7"}, {"\"\"", "id is empty"},
                {"\"a\\tb\"", "id holds a control character"},
                {"\"" + "x".repeat(201) + "\"", "id is 201 characters long; a shot id may have at most 200"}}) {
            org.sam2long.engine.shot.ShotDocumentException e = assertThrows(org.sam2long.engine.shot.ShotDocumentException.class,
                    () -> ShotDocumentReader.parse(base.formatted(bad[0]), "s.json"));
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains("s.json"), e.getMessage());
        }
    }
}
