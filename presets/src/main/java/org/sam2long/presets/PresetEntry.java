package org.sam2long.presets;

/**
 * One preset as {@code presets list} shows it.
 *
 * @param name        what to pass to {@link PresetLibrary#resolve(String, Overrides)}
 * @param source      where it lives
 * @param description its own description, or "" when it has none or cannot be read
 * @param shadowedBy  the later preset of the same name that wins a lookup by name, or null
 */
public record PresetEntry(String name, PresetSource source, String description, PresetSource shadowedBy) {}
