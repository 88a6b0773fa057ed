package org.sam2long.presets;

import java.util.Locale;

/**
 * Where a preset, or one value of a resolved preset, came from. Written as text
 * {@code "<kind> <location>"}, e.g. {@code "built-in production"}, {@code "user /home/a/.config/sam2long/presets/x.json"}
 * or {@code "override tracking.pathways=4"}.
 *
 * @param kind     which lookup layer
 * @param location built-in preset name, file path, or the override as typed
 */
public record PresetSource(Kind kind, String location) {

    /** Lookup layers, lowest precedence first. */
    public enum Kind {
        BUILT_IN("built-in"), SITE("site"), USER("user"), FILE("file"), OVERRIDE("override");

        private final String label;
        Kind(String label) { this.label = label; }
        public String label() { return label; }

        static Kind ofLabel(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown preset source kind '" + label + "'");
        }
    }

    public PresetSource {
        if (kind == null || location == null) {
            throw new IllegalArgumentException("a preset source needs a kind and a location");
        }
    }

    public static PresetSource builtIn(String name) {
        return new PresetSource(Kind.BUILT_IN, name);
    }

    public static PresetSource override(String assignment) {
        return new PresetSource(Kind.OVERRIDE, assignment);
    }

    /** Parses the text form written by {@link #toString()}. */
    public static PresetSource parse(String text) {
        int space = text.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("a preset source reads '<kind> <location>', got '" + text + "'");
        }
        return new PresetSource(Kind.ofLabel(text.substring(0, space).toLowerCase(Locale.ROOT)), text.substring(space + 1));
    }

    /** For problem messages: {@code built-in preset 'x'}, a file path, or {@code override 'k=v'}. */
    public String describe() {
        return switch (kind) {
            case BUILT_IN -> "built-in preset '" + location + "'";
            case OVERRIDE -> "override '" + location + "'";
            default -> location;
        };
    }

    @Override
    public String toString() {
        return kind.label() + " " + location;
    }
}
