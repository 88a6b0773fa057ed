package org.sam2long.engine.shot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shot, as a versioned document ({@code docs/shot-document.md}, schema
 * {@code docs/shot-document.schema.json}): the source and its frame range, the objects and their
 * prompts in PLATE frame numbers (the numbers an artist sees, e.g. 1001), the preset plus overrides,
 * and the output. Read it with {@link ShotDocumentReader} (which also migrates the old prompt JSON),
 * write it with {@link ShotDocumentWriter}; map plate numbers to clip indices with {@link PlateFrames}.
 *
 * @param version the format version ({@link #VERSION} when read, whatever the file said before migration)
 * @param source  the plate and the frame range to track, or null when the command line gives it
 * @param objects at least one object, ids unique
 * @param preset  the preset name (null = the default preset) and overrides
 * @param output  where the mattes go, or null when the command line gives it
 * @param id      the shot's own id (e.g. {@code "projectA/sq010/sh010"}), or null: what makes two
 *                submissions "the same shot" on a farm; unique per queue, at most {@value #MAX_ID_LENGTH} characters
 */
public record ShotDocument(int version, Source source, List<ShotObject> objects, PresetChoice preset, Output output,
        String id) {
    /** The value of the {@code format} key. */
    public static final String FORMAT = "sam2long-shot";
    /** The version this code writes and reads natively. */
    public static final int VERSION = 1;
    /** The longest shot id the reader accepts. */
    public static final int MAX_ID_LENGTH = 200;

    public ShotDocument {
        objects = List.copyOf(objects);
        preset = preset == null ? new PresetChoice(null, Map.of()) : preset;
    }

    /** A document without a shot id. */
    public ShotDocument(int version, Source source, List<ShotObject> objects, PresetChoice preset, Output output) {
        this(version, source, objects, preset, output, null);
    }

    /** The same document with other objects (its id, source, preset and output kept). */
    public ShotDocument withObjects(List<ShotObject> objects) {
        return new ShotDocument(version, source, objects, preset, output, id);
    }

    /** A document holding only objects and prompts (what the old prompt JSON held). */
    public static ShotDocument ofObjects(List<ShotObject> objects) {
        return new ShotDocument(VERSION, null, objects, null, null);
    }

    /**
     * @param path  video file or image-sequence pattern, or null
     * @param first first plate frame to track (inclusive), or null = the clip's first
     * @param last  last plate frame to track (inclusive), or null = the clip's last
     */
    public record Source(String path, Integer first, Integer last) {}

    /** One tracked object; {@code name} names its files and layers. */
    public record ShotObject(int id, String name, List<FramePrompt> prompts) {
        public ShotObject {
            prompts = List.copyOf(prompts);
        }
    }

    /** Clicks and/or a box on one plate frame. */
    public record FramePrompt(int frame, List<Click> clicks, Box box) {
        public FramePrompt {
            clicks = clicks == null ? List.of() : List.copyOf(clicks);
        }
    }

    /** A click in pixels of the plate; {@code negative} = "not this". */
    public record Click(double x, double y, boolean negative) {}

    /** A box in pixels of the plate, corners (x0, y0) and (x1, y1). */
    public record Box(double x0, double y0, double x1, double y1) {}

    /**
     * @param name      preset name or file, null = the default preset
     * @param overrides preset paths to values (JSON scalars as text), applied on top, in order
     */
    public record PresetChoice(String name, Map<String, String> overrides) {
        public PresetChoice {
            overrides = overrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }

        /** The overrides as {@code key=value} assignments. */
        public List<String> assignments() {
            return overrides.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
    }

    /** @param folder output folder, or null; @param format matte format ({@code output.format}), or null */
    public record Output(String folder, String format) {}

    /** The object's name, or "object&lt;id&gt;". */
    public String nameOf(int objectId) {
        return objects.stream().filter(o -> o.id() == objectId).map(ShotObject::name).findFirst()
                .orElse("object" + objectId);
    }
}
