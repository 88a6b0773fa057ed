package org.sam2long.presets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version 0 presets (sam2long 0.x) were flat, with snake_case keys:
 * <pre>
 * {"version": 0, "base": "production", "model": "sam2.1_hiera_large", "pathways": 3,
 *  "iou_threshold": 0.3, "modulation": [0.95, 1.05], "format": "exr16", "alpha_only": true,
 *  "filename": "{name}/{name}.####.{ext}", "feather": 1.5}
 * </pre>
 * Most keys are plain renames. Four changed shape: {@code modulation} was {@code [min, max]} or
 * {@code false}; {@code format} used {@code exr16/exr32}; {@code alpha_only} became
 * {@code output.channels}; {@code filename} marked the frame number with a run of {@code #}, whose
 * length is now {@code output.framePadding}.
 */
final class VersionZeroMigration {
    /** Version 0 key to version 1 path, for keys whose value is unchanged. */
    static final Map<String, String> RENAMES = renames();
    private static final Map<String, String> FORMATS = Map.of(
            "exr16", "exr_half", "exr32", "exr_float", "png16", "png16", "png8", "png8", "tiff16", "tiff16");
    private static final Pattern HASHES = Pattern.compile("#+");

    private VersionZeroMigration() {}

    private static Map<String, String> renames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", "model.name");
        m.put("direction", "tracking.direction");
        m.put("pathways", "tracking.pathways");
        m.put("iou_threshold", "tracking.iouThreshold");
        m.put("uncertainty_threshold", "tracking.uncertaintyThreshold");
        m.put("parity", "tracking.referenceParity");
        m.put("provider", "runtime.provider");
        m.put("threads", "runtime.intraOpThreads");
        m.put("soft", "cleanup.softAlpha");
        m.put("threshold", "cleanup.threshold");
        m.put("fill_holes", "cleanup.fillHolesArea");
        m.put("remove_islands", "cleanup.removeIslandsArea");
        m.put("grow", "cleanup.growPixels");
        m.put("feather", "cleanup.featherPixels");
        m.put("smooth_frames", "cleanup.temporalWindow");
        m.put("layers", "output.exrLayers");
        m.put("frame_offset", "output.frameOffset");
        return Map.copyOf(m);
    }

    static Migrations.Result migrate(ObjectNode v0) {
        ObjectNode v1 = JsonNodeFactory.instance.objectNode();
        v1.put("version", Migrations.CURRENT);
        Map<String, String> oldNames = new LinkedHashMap<>();
        List<String[]> problems = new ArrayList<>();
        List<String> renamed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v0.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "version" -> { }
                case "description" -> v1.set("description", value);
                case "base" -> {
                    v1.set("extends", value);
                    oldNames.put("extends", key);
                    renamed.add("base -> extends");
                }
                case "modulation" -> modulation(value, v1, oldNames, problems, renamed);
                case "format" -> format(value, v1, oldNames, problems, renamed);
                case "alpha_only" -> alphaOnly(value, v1, oldNames, problems, renamed);
                case "filename" -> filename(value, v1, oldNames, problems, renamed);
                default -> {
                    String path = RENAMES.get(key);
                    if (path == null) {
                        problems.add(new String[] {key, "unknown version 0 key" + Suggestions.didYouMean(key, known())});
                    } else {
                        put(v1, path, value);
                        oldNames.put(path, key);
                        renamed.add(key + " -> " + path);
                    }
                }
            }
        }
        return new Migrations.Result(v1, oldNames, problems, renamed);
    }

    private static List<String> known() {
        List<String> keys = new ArrayList<>(RENAMES.keySet());
        keys.addAll(List.of("version", "description", "base", "modulation", "format", "alpha_only", "filename"));
        return keys;
    }

    private static void modulation(JsonNode value, ObjectNode v1, Map<String, String> oldNames,
                                   List<String[]> problems, List<String> renamed) {
        if (value.isBoolean() && !value.booleanValue()) {
            put(v1, PresetFields.MODULATION.path(), value);
        } else if (value.isArray() && value.size() == 2) {
            put(v1, PresetFields.MODULATION.path(), JsonNodeFactory.instance.booleanNode(true));
            put(v1, PresetFields.MODULATION_MIN.path(), value.get(0));
            put(v1, PresetFields.MODULATION_MAX.path(), value.get(1));
        } else {
            problems.add(new String[] {"modulation", "must be [min, max] or false, got " + value});
            return;
        }
        for (PresetField f : List.of(PresetFields.MODULATION, PresetFields.MODULATION_MIN, PresetFields.MODULATION_MAX)) {
            oldNames.put(f.path(), "modulation");
        }
        renamed.add("modulation -> tracking.modulation, tracking.modulationMin, tracking.modulationMax");
    }

    private static void format(JsonNode value, ObjectNode v1, Map<String, String> oldNames,
                               List<String[]> problems, List<String> renamed) {
        String mapped = value.isTextual() ? FORMATS.get(value.textValue()) : null;
        if (mapped == null) {
            problems.add(new String[] {"format", "must be one of exr16, exr32, png16, png8, tiff16, got " + value});
            return;
        }
        put(v1, PresetFields.FORMAT.path(), TextNode.valueOf(mapped));
        oldNames.put(PresetFields.FORMAT.path(), "format");
        renamed.add("format -> output.format");
    }

    private static void alphaOnly(JsonNode value, ObjectNode v1, Map<String, String> oldNames,
                                  List<String[]> problems, List<String> renamed) {
        if (!value.isBoolean()) {
            problems.add(new String[] {"alpha_only", "must be true or false, got " + value});
            return;
        }
        put(v1, PresetFields.CHANNELS.path(), TextNode.valueOf(value.booleanValue() ? "alpha" : "rgba_premultiplied"));
        oldNames.put(PresetFields.CHANNELS.path(), "alpha_only");
        renamed.add("alpha_only -> output.channels");
    }

    private static void filename(JsonNode value, ObjectNode v1, Map<String, String> oldNames,
                                 List<String[]> problems, List<String> renamed) {
        String text = value.isTextual() ? value.textValue() : null;
        Matcher m = text == null ? null : HASHES.matcher(text);
        if (m == null || !m.find()) {
            problems.add(new String[] {"filename", "must mark the frame number with #, e.g. {name}.####.{ext}, got " + value});
            return;
        }
        int padding = m.end() - m.start();
        String template = text.substring(0, m.start()) + "{frame}" + text.substring(m.end());
        if (m.find()) {
            problems.add(new String[] {"filename", "must have one run of # for the frame number, got " + value});
            return;
        }
        put(v1, PresetFields.FILENAME_TEMPLATE.path(), TextNode.valueOf(template));
        put(v1, PresetFields.FRAME_PADDING.path(), JsonNodeFactory.instance.numberNode(padding));
        oldNames.put(PresetFields.FILENAME_TEMPLATE.path(), "filename");
        oldNames.put(PresetFields.FRAME_PADDING.path(), "filename");
        renamed.add("filename -> output.filenameTemplate, output.framePadding");
    }

    private static void put(ObjectNode v1, String path, JsonNode value) {
        int dot = path.indexOf('.');
        String section = path.substring(0, dot);
        ObjectNode s = v1.has(section) ? (ObjectNode) v1.get(section) : v1.putObject(section);
        s.set(path.substring(dot + 1), value);
    }
}
