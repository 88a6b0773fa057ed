package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.sam2long.presets.TestPresets.problemsOf;
import static org.sam2long.presets.TestPresets.v1;
import static org.sam2long.presets.TestPresets.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sam2long.presets.PresetSource.Kind;

class LookupOrderTest {
    @TempDir
    Path tmp;

    private Path site() { return tmp.resolve("site"); }
    private Path user() { return tmp.resolve("user"); }
    private PresetLibrary library() { return new PresetLibrary(List.of(site()), user()); }

    @Test
    void builtIn_isFoundWhenNoDirectoryHasTheName() {
        ResolvedPreset p = library().resolve("production");
        assertEquals(PresetSource.builtIn("production"), p.source("model.name"));
        assertEquals(List.of(PresetSource.builtIn("production"), PresetSource.builtIn("default")), p.chain());
    }

    @Test
    void siteShadowsBuiltIn_andUserShadowsSite_eachExtendingTheEarlierOneOfTheSameName() {
        Path siteFile = write(site(), "production", v1("\"extends\": \"production\", \"tracking\": {\"pathways\": 5}"));
        Path userFile = write(user(), "production", v1("\"extends\": \"production\", \"cleanup\": {\"growPixels\": 2}"));

        ResolvedPreset p = library().resolve("production");

        assertEquals(List.of(new PresetSource(Kind.USER, userFile.toString()), new PresetSource(Kind.SITE, siteFile.toString()),
                PresetSource.builtIn("production"), PresetSource.builtIn("default")), p.chain());
        assertEquals(2, p.cleanup().growPixels());
        assertEquals(new PresetSource(Kind.USER, userFile.toString()), p.source("cleanup.growPixels"));
        assertEquals(5, p.tree().pathways());
        assertEquals(new PresetSource(Kind.SITE, siteFile.toString()), p.source("tracking.pathways"));
        assertEquals("sam2.1_hiera_large", p.model().name());
        assertEquals(PresetSource.builtIn("production"), p.source("model.name"));
        assertEquals(PresetSource.builtIn("default"), p.source("output.format"));
    }

    @Test
    void siteDirectories_followPathRules_firstListedWins() {
        Path first = tmp.resolve("site1");
        Path second = tmp.resolve("site2");
        Path a = write(first, "shot", v1("\"extends\": \"shot\", \"tracking\": {\"pathways\": 2}"));
        Path b = write(second, "shot", v1("\"tracking\": {\"pathways\": 4, \"direction\": \"forward\"}"));

        ResolvedPreset p = new PresetLibrary(List.of(first, second), null).resolve("shot");

        assertEquals(2, p.tree().pathways());
        assertEquals("forward", p.value("tracking.direction"));
        assertEquals(List.of(new PresetSource(Kind.SITE, a.toString()), new PresetSource(Kind.SITE, b.toString()),
                PresetSource.builtIn("default")), p.chain());
    }

    @Test
    void sitePreset_cannotExtendAUserPreset() {
        write(user(), "mine", v1(""));
        Path site = write(site(), "studio", v1("\"extends\": \"mine\""));

        assertEquals(List.of("extends: no preset named 'mine' among built-in, site " + site().toAbsolutePath()
                        + "; available: default, editor-png16, fast-preview, nuke-exr-layers, production, "
                        + "reference-parity, sam2-baseline (in " + site + ")"),
                problemsOf(() -> library().resolve("studio")));
    }

    @Test
    void explicitFile_comesLastAndMayExtendUserSiteOrBuiltIn() {
        write(site(), "studio", v1("\"extends\": \"production\", \"output\": {\"frameOffset\": 1000}"));
        Path userFile = write(user(), "studio", v1("\"extends\": \"studio\", \"cleanup\": {\"featherPixels\": 1.5}"));
        Path shot = write(tmp.resolve("shots/sh010"), "sh010", v1("\"extends\": \"studio\", \"tracking\": {\"pathways\": 4}"));

        ResolvedPreset byPath = library().resolve(shot.toString());
        ResolvedPreset byFile = library().resolveFile(shot, Overrides.none());

        assertEquals(byPath, byFile);
        assertEquals("sh010", byPath.name());
        assertEquals(4, byPath.tree().pathways());
        assertEquals(1.5, byPath.cleanup().featherPixels());
        assertEquals(1000, byPath.output().frameOffset());
        assertEquals(new PresetSource(Kind.FILE, shot.toString()), byPath.source("tracking.pathways"));
        assertEquals(new PresetSource(Kind.USER, userFile.toString()), byPath.chain().get(1));
    }

    @Test
    void userDefault_replacesTheBuiltInDefaultForPresetsThatNameNoParent() {
        write(user(), "default", v1("\"output\": {\"frameOffset\": 1001}"));
        write(user(), "quick", v1("\"tracking\": {\"pathways\": 1}"));

        assertEquals(1001, library().resolveDefault(Overrides.none()).output().frameOffset());
        ResolvedPreset quick = library().resolve("quick");
        assertEquals(1001, quick.output().frameOffset());
        assertEquals(3, quick.chain().size());
    }

    @Test
    void unknownName_listsWhatIsAvailable() {
        assertEquals(List.of("no such preset (did you mean production?); available: default, editor-png16, "
                        + "fast-preview, nuke-exr-layers, production, reference-parity, sam2-baseline (looked in "
                        + "built-in, site " + site().toAbsolutePath() + ", user " + user().toAbsolutePath() + ")"),
                problemsOf(() -> library().resolve("producton")));
    }

    @Test
    void list_showsEveryLayerAndWhichOneWins() {
        Path siteFile = write(site(), "production", v1("\"extends\": \"production\", \"description\": \"Studio production\""));
        List<PresetEntry> entries = library().list();

        List<PresetEntry> production = entries.stream().filter(e -> e.name().equals("production")).toList();
        assertEquals(2, production.size());
        assertEquals(new PresetEntry("production", new PresetSource(Kind.SITE, siteFile.toString()), "Studio production", null),
                production.get(0));
        assertEquals(new PresetSource(Kind.SITE, siteFile.toString()), production.get(1).shadowedBy());
        assertNull(entries.stream().filter(e -> e.name().equals("default")).findFirst().orElseThrow().shadowedBy());
        assertEquals(BuiltInPresets.NAMES.size() + 1, entries.size());
    }

    @Test
    void fromEnvironment_readsPropertyBeforeEnvironmentAndXdgConfigHome() {
        Properties props = new Properties();
        props.setProperty("user.home", "/home/artist");
        Map<String, String> env = Map.of(PresetLibrary.PATH_ENV, "/env/a", "XDG_CONFIG_HOME", "/xdg");

        PresetLibrary fromEnv = PresetLibrary.fromEnvironment(env, props);
        assertEquals(List.of(Path.of("/env/a")), fromEnv.siteDirectories());
        assertEquals(Path.of("/xdg/sam2long/presets"), fromEnv.userDirectory().orElseThrow());

        props.setProperty(PresetLibrary.PATH_PROPERTY, "/studio/presets::/show/presets");
        PresetLibrary fromProperty = PresetLibrary.fromEnvironment(Map.of(), props);
        assertEquals(List.of(Path.of("/studio/presets"), Path.of("/show/presets")), fromProperty.siteDirectories());
        assertEquals(Path.of("/home/artist/.config/sam2long/presets"), fromProperty.userDirectory().orElseThrow());
    }
}
