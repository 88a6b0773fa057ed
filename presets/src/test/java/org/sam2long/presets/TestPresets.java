package org.sam2long.presets;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.OutputSettings;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/** Shared builders and assertions for preset tests. */
final class TestPresets {
    private TestPresets() {}

    /** Writes {@code dir/name.json} (creating dir) and returns its absolute path. */
    static Path write(Path dir, String name, String json) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve(name + ".json").toAbsolutePath();
            Files.writeString(f, json);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A version 1 document with the given members, e.g. {@code v1("\"extends\": \"production\"")}. */
    static String v1(String members) {
        return "{\"version\": 1" + (members.isBlank() ? "" : ", " + members) + "}";
    }

    /** Runs {@code action}, expects a PresetException and returns its problems as text lines. */
    static List<String> problemsOf(Executable action) {
        PresetException e = assertThrows(PresetException.class, action);
        return e.problems().stream().map(Problem::toString).toList();
    }

    /** A library with only a user directory. */
    static PresetLibrary userLibrary(Path userDir) {
        return new PresetLibrary(List.of(), userDir);
    }

    /** The engine records of a resolved preset, for one-line equality checks. */
    record Engine(ModelReference model, TrackingSettings tracking, TreeSettings tree, RuntimeSettings runtime,
                  CleanupSettings cleanup, OutputSettings output) {
        static Engine of(ResolvedPreset p) {
            return new Engine(p.model(), p.tracking(), p.tree(), p.runtime(), p.cleanup(), p.output());
        }
    }

    static final String STANDARD_TEMPLATE = "{name}/{name}.{frame}.{ext}";

    /** What {@code default} resolves to, built from engine factories only. */
    static Engine defaultEngine() {
        return new Engine(new ModelReference("sam2long-demo"), TrackingSettings.defaults(),
                TreeSettings.paper(), RuntimeSettings.defaults(), CleanupSettings.none(), OutputSettings.defaults());
    }

    /** What {@code production} resolves to. */
    static Engine productionEngine() {
        Engine d = defaultEngine();
        return new Engine(new ModelReference("sam2.1_hiera_large"), d.tracking(), TreeSettings.paper(),
                d.runtime(), d.cleanup(), d.output());
    }
}
