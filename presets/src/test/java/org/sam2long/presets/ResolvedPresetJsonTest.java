package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sam2long.presets.TestPresets.problemsOf;
import static org.sam2long.presets.TestPresets.userLibrary;
import static org.sam2long.presets.TestPresets.v1;
import static org.sam2long.presets.TestPresets.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.presets.TestPresets.Engine;

class ResolvedPresetJsonTest {
    @TempDir
    Path tmp;

    @Test
    void everyBuiltIn_roundTripsThroughJson_toAnEqualPreset() {
        PresetLibrary lib = PresetLibrary.builtInOnly();
        for (String name : BuiltInPresets.NAMES) {
            ResolvedPreset p = lib.resolve(name);
            ResolvedPreset back = ResolvedPreset.fromJson(p.toJson());
            assertEquals(p, back, name);
            assertEquals(Engine.of(p), Engine.of(back), name);
            assertEquals(p.sources(), back.sources(), name);
        }
    }

    @Test
    void provenanceOfFilesAndOverrides_survivesTheRoundTrip() throws IOException {
        Path user = tmp.resolve("user");
        Path f = write(user, "shot", v1("\"extends\": \"production\", \"output\": {\"frameOffset\": 1001}"));
        ResolvedPreset p = userLibrary(user).resolve("shot", Overrides.of("tracking.pathways=4"));

        Path sidecar = tmp.resolve("sidecar.json");
        Files.writeString(sidecar, p.toJson());
        ResolvedPreset back = ResolvedPreset.read(sidecar);

        assertEquals(p, back);
        assertEquals("user " + f, back.source("output.frameOffset").toString());
        assertEquals("override tracking.pathways=4", back.source("tracking.pathways").toString());
        assertEquals(p.chain(), back.chain());
    }

    @Test
    void json_isAStandalonePresetWithAResolvedBlock() {
        JsonNode doc = PresetLibrary.builtInOnly().resolve("nuke-exr-layers").toJsonTree();
        assertEquals(1, doc.get("version").intValue());
        assertEquals("exr_half", doc.get("output").get("format").textValue());
        assertEquals(0.3, doc.get("tracking").get("iouThreshold").doubleValue());
        assertEquals("nuke-exr-layers", doc.get("resolved").get("preset").textValue());
        assertEquals("built-in nuke-exr-layers", doc.get("resolved").get("sources").get("output.exrLayers").textValue());
        assertEquals(List.of("built-in nuke-exr-layers", "built-in production", "built-in default"),
                List.of(doc.get("resolved").get("chain").get(0).textValue(), doc.get("resolved").get("chain").get(1).textValue(),
                        doc.get("resolved").get("chain").get(2).textValue()));
    }

    @Test
    void exportedJson_usedAsAPresetFile_givesTheSameEngineSettings() throws IOException {
        ResolvedPreset p = PresetLibrary.builtInOnly().resolve("reference-parity", Overrides.of("cleanup.featherPixels=1.5"));
        Path exported = tmp.resolve("exported.json");
        Files.writeString(exported, p.toJson());

        ResolvedPreset reloaded = PresetLibrary.builtInOnly().resolveFile(exported, Overrides.none());

        assertEquals(Engine.of(p), Engine.of(reloaded));
        assertEquals("file " + exported.toAbsolutePath(), reloaded.source("tracking.pathways").toString());
    }

    @Test
    void fromJson_embeddedInAFarmJob_readsTheSameValues() {
        ResolvedPreset p = PresetLibrary.builtInOnly().resolve("production");
        var job = PresetJson.MAPPER.createObjectNode();
        job.put("shot", "sh010");
        job.set("preset", p.toJsonTree());
        assertEquals(p, ResolvedPreset.fromJson(job.get("preset")));
    }

    @Test
    void fromJson_ofAPartialPreset_listsWhatIsMissing() {
        List<String> problems = problemsOf(() -> ResolvedPreset.fromJson(v1("\"tracking\": {\"pathways\": 2}")));
        assertEquals(PresetFields.ALL.size(), problems.size());
        assertEquals("model.name: missing; a resolved preset lists every setting (in resolved preset JSON)", problems.get(0));
        assertEquals("resolved: missing; this is a preset, not a resolved preset (in resolved preset JSON)",
                problems.get(problems.size() - 1));
    }

    @Test
    void fromJson_acceptsAModelDirectoryThatIsNotOnThisMachine() {
        String json = PresetLibrary.builtInOnly().resolve("default").toJson()
                .replace("\"sam2long-demo\"", "\"/studio/models/custom\"");
        assertEquals(Path.of("/studio/models/custom"), ResolvedPreset.fromJson(json).model().directory().orElseThrow());
    }
}
