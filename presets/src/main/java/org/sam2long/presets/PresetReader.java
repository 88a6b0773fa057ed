package org.sam2long.presets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads one preset document: checks its version (migrating older ones), then every key and
 * value, collecting all problems instead of stopping at the first.
 */
final class PresetReader {
    /** What a preset name may look like (also the file name without .json). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Keys allowed at the top of a document besides the sections. */
    static final List<String> HEADER_KEYS = List.of("version", "description", "extends", "resolved");

    private final String name;
    private final PresetSource source;
    private final Path baseDir;
    private final boolean checkModelDirectories;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private Map<String, String> oldNames = Map.of();
    private String description;
    private String extendsName;
    private boolean extendsBroken;
    private JsonNode resolved;

    private PresetReader(String name, PresetSource source, Path baseDir, boolean checkModelDirectories) {
        this.name = name;
        this.source = source;
        this.baseDir = baseDir;
        this.checkModelDirectories = checkModelDirectories;
    }

    /** Reads a preset file; a relative model directory in it is taken relative to the file. */
    static PresetDocument read(String name, PresetSource source, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            PresetReader r = new PresetReader(name, source, null, true);
            r.problem("", "cannot be read: " + e.getMessage());
            return r.document();
        }
        return read(name, source, text, file.toAbsolutePath().getParent(), true);
    }

    /**
     * Reads preset JSON text.
     *
     * @param baseDir               directory relative model paths are taken from (null = working directory)
     * @param checkModelDirectories false to accept a model directory that is not on this machine
     */
    static PresetDocument read(String name, PresetSource source, String text, Path baseDir,
                               boolean checkModelDirectories) {
        PresetReader r = new PresetReader(name, source, baseDir, checkModelDirectories);
        r.readText(text);
        return r.document();
    }

    private PresetDocument document() {
        return new PresetDocument(name, source, description, extendsName, extendsBroken, values, resolved, problems, warnings);
    }

    private void readText(String text) {
        JsonNode root;
        try {
            root = PresetJson.parse(text);
        } catch (JsonProcessingException e) {
            problem("", PresetJson.syntaxMessage(e));
            return;
        }
        if (root == null || root.isMissingNode()) {
            problem("", "is empty; a preset is a JSON object such as {\"version\": " + Migrations.CURRENT + "}");
            return;
        }
        if (!root.isObject()) {
            problem("", "must be a JSON object {...}, got " + kind(root));
            return;
        }
        ObjectNode doc = (ObjectNode) root;
        Integer version = version(doc.get("version"));
        if (version == null) {
            return;
        }
        if (version < Migrations.CURRENT) {
            doc = migrate(doc, version);
        }
        readCurrent(doc);
    }

    /** The document's version, or null when it cannot be read at all (the problem is recorded). */
    private Integer version(JsonNode v) {
        int current = Migrations.CURRENT;
        if (v == null) {
            problem("version", "missing; add \"version\": " + current + " (the current preset schema version)");
            return current;
        }
        if (!v.isIntegralNumber()) {
            problem("version", "must be a whole number (the current one is " + current + "), got " + v);
            return current;
        }
        int version = v.intValue();
        if (version > current) {
            problem("version", version + " is newer than this sam2long understands (it reads versions "
                    + Migrations.OLDEST + " to " + current + "); upgrade sam2long, or change \"version\" to " + current
                    + " and remove the settings that preset.schema.json version " + current + " does not list");
            return null;
        }
        if (version < Migrations.OLDEST) {
            problem("version", "must be between " + Migrations.OLDEST + " and " + current + ", got " + version);
            return null;
        }
        return version;
    }

    private ObjectNode migrate(ObjectNode doc, int version) {
        Migrations.Result m = Migrations.toCurrent(doc, version);
        oldNames = m.oldNames();
        for (String[] p : m.problems()) {
            problem(p[0], p[1]);
        }
        warnings.add(source.describe() + " is a version " + version + " preset and was migrated to version "
                + Migrations.CURRENT + " (" + String.join(", ", m.renamed()) + "); rename its keys as listed and set "
                + "\"version\": " + Migrations.CURRENT + " to stop this warning");
        return m.document();
    }

    private void readCurrent(ObjectNode doc) {
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "version" -> { }
                case "description" -> description = text(key, value);
                case "extends" -> extendsName = parentName(value);
                case "resolved" -> resolved = value.isObject() ? value : problemNull(key, "must be an object, got " + kind(value));
                default -> {
                    if (PresetFields.SECTIONS.contains(key)) {
                        readSection(key, value);
                    } else {
                        problem(key, "unknown key" + Suggestions.didYouMean(key,
                                Stream.concat(HEADER_KEYS.stream(), PresetFields.SECTIONS.stream()).toList()));
                    }
                }
            }
        }
    }

    private void readSection(String section, JsonNode node) {
        if (!node.isObject()) {
            problem(section, "must be an object of " + section + " settings {...}, got " + kind(node));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = section + "." + e.getKey();
            PresetField field = PresetFields.find(path).orElse(null);
            if (field == null && PresetFields.RETIRED.containsKey(path)) {
                warnings.add(source.describe() + ": " + path + " is no longer a setting and is ignored ("
                        + PresetFields.RETIRED.get(path) + "); remove it");
                continue;
            }
            if (field == null) {
                problem(path, "unknown setting" + Suggestions.forPath(path));
                continue;
            }
            Object value = ValueChecks.read(field, e.getValue(), msg -> problem(path, msg));
            if (value != null && field == PresetFields.MODEL_NAME) {
                value = ModelCheck.check((String) value, baseDir, checkModelDirectories, msg -> problem(path, msg));
            }
            if (value != null) {
                values.put(path, value);
            }
        }
    }

    private String text(String key, JsonNode value) {
        return value.isTextual() ? value.textValue() : problemNull(key, "must be text, got " + value);
    }

    private String parentName(JsonNode value) {
        if (value.isTextual() && NAME.matcher(value.textValue()).matches()) {
            return value.textValue();
        }
        extendsBroken = true;
        return problemNull("extends", "must be the name of a preset (letters, digits, '.', '_', '-'), got " + value);
    }

    private <T> T problemNull(String path, String message) {
        problem(path, message);
        return null;
    }

    private void problem(String path, String message) {
        problems.add(new Problem(oldNames.getOrDefault(path, path), message, source));
    }

    private static String kind(JsonNode n) {
        if (n.isArray()) {
            return "a list";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }
}
