package org.sam2long.ofx.presets;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;
import org.sam2long.presets.PresetLibrary;
import org.sam2long.presets.ResolvedPreset;

/**
 * The plug-in's view of presets: the built-in presets that make sense inside a host, in a fixed
 * order (hosts save the choice index, so this list is append-only whatever the presets module does),
 * resolved through a {@link PresetLibrary} (one per process, from the plug-in's Guice module) when
 * the artist picks one. Resolved choices are kept: render reads them on every frame. Thread-safe.
 */
public final class PresetChoices {
    /**
     * What the plug-in takes from a preset: the memory tree and clean-up (which also fill the
     * parameters), the model it names and the tracking and runtime settings (applied as they are, so
     * a track in the editor runs as {@code sam2long track} does with the same preset).
     *
     * @param model the preset's {@code model.name}: a bundled or installed model's name, or a folder
     */
    public record Choice(String name, TreeSettings tree, CleanupSettings cleanup, TrackingSettings tracking,
                         RuntimeSettings runtime, String model) {}

    private static final List<String> NAMES = List.of("default", "production", "fast-preview", "sam2-baseline",
            "reference-parity");

    private final PresetLibrary library;
    private final Map<String, Choice> resolved = new ConcurrentHashMap<>();

    public PresetChoices(PresetLibrary library) {
        this.library = library;
    }

    /** Choice labels, in option order. */
    public static List<String> labels() { return NAMES; }

    /** Resolves the preset at a choice index (clamped to the list). */
    public Choice get(int index) {
        String name = NAMES.get(Math.max(0, Math.min(index, NAMES.size() - 1)));
        return resolved.computeIfAbsent(name, n -> {
            ResolvedPreset p = library.resolve(n);
            return new Choice(n, p.tree(), p.cleanup(), p.tracking(), p.runtime(), p.model().name());
        });
    }
}
