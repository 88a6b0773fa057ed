package org.sam2long.presets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sam2long.engine.matte.CleanupSettings;
import org.sam2long.engine.matte.OutputSettings;
import org.sam2long.engine.model.RuntimeSettings;
import org.sam2long.engine.track.TrackingSettings;
import org.sam2long.engine.tree.TreeSettings;

/**
 * A preset fully expanded: every setting has a value and a recorded origin. Holds the engine
 * records built from those values, so an instance always means a valid engine configuration.
 * {@link #toJson()} is what goes into every output sidecar and farm job; {@link #fromJson(String)}
 * reads it back to an equal instance.
 */
public final class ResolvedPreset {
    private final String name;
    private final String description;
    private final Map<String, Object> values;
    private final Map<String, PresetSource> sources;
    private final List<PresetSource> chain;
    private final List<String> warnings;
    private final ModelReference model;
    private final TrackingSettings tracking;
    private final TreeSettings tree;
    private final RuntimeSettings runtime;
    private final CleanupSettings cleanup;
    private final OutputSettings output;

    /** Builds the engine records; throws IllegalArgumentException if the engine rejects a value. */
    ResolvedPreset(String name, String description, Map<String, Object> values, Map<String, PresetSource> sources,
                   List<PresetSource> chain, List<String> warnings) {
        this.name = name;
        this.description = description == null ? "" : description;
        this.values = ordered(values);
        this.sources = ordered(sources);
        this.chain = List.copyOf(chain);
        this.warnings = List.copyOf(warnings);
        EngineRecords records = new EngineRecords(this.values);
        this.model = records.model();
        this.tracking = records.tracking();
        this.tree = records.tree();
        this.runtime = records.runtime();
        this.cleanup = records.cleanup();
        this.output = records.output();
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        Map<String, V> m = new LinkedHashMap<>();
        for (String path : PresetFields.paths()) {
            if (map.containsKey(path)) {
                m.put(path, map.get(path));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The preset's name (the file name without .json for a file). */
    public String name() { return name; }
    /** The preset's own description, or "". */
    public String description() { return description; }
    public ModelReference model() { return model; }
    public TrackingSettings tracking() { return tracking; }
    public TreeSettings tree() { return tree; }
    public RuntimeSettings runtime() { return runtime; }
    public CleanupSettings cleanup() { return cleanup; }
    public OutputSettings output() { return output; }

    /** Every setting by path ({@code tracking.pathways}), in document order: Integer, Double, Boolean or String. */
    public Map<String, Object> values() { return values; }

    /** Where each setting's value came from, by path. */
    public Map<String, PresetSource> sources() { return sources; }

    /** The documents used, the named preset first and the built-in default last. */
    public List<PresetSource> chain() { return chain; }

    /** Things that loaded but should be changed (e.g. version 0 files); not part of equality or JSON. */
    public List<String> warnings() { return warnings; }

    /** One setting's value; throws for an unknown path. */
    public Object value(String path) {
        PresetFields.get(path);
        return values.get(path);
    }

    /** Where one setting's value came from; throws for an unknown path. */
    public PresetSource source(String path) {
        PresetFields.get(path);
        return sources.get(path);
    }

    /** The standalone preset document: every value, plus a {@code resolved} block with name, chain and origins. */
    public ObjectNode toJsonTree() {
        ObjectNode doc = PresetJson.MAPPER.createObjectNode();
        doc.put("version", Migrations.CURRENT);
        if (!description.isEmpty()) {
            doc.put("description", description);
        }
        PresetJson.putValues(doc, values);
        ObjectNode resolved = doc.putObject("resolved");
        resolved.put("preset", name);
        ArrayNode chainNode = resolved.putArray("chain");
        chain.forEach(s -> chainNode.add(s.toString()));
        ObjectNode sourceNode = resolved.putObject("sources");
        sources.forEach((path, s) -> sourceNode.put(path, s.toString()));
        return doc;
    }

    /** {@link #toJsonTree()} as indented text. */
    public String toJson() {
        return PresetJson.write(toJsonTree());
    }

    /** Reads back what {@link #toJson()} wrote. A model directory need not exist on this machine. */
    public static ResolvedPreset fromJson(String json) {
        return fromJson(json, new PresetSource(PresetSource.Kind.FILE, "resolved preset JSON"));
    }

    /** Reads a resolved preset from a file (e.g. a sidecar written by an earlier render). */
    public static ResolvedPreset read(Path file) {
        try {
            return fromJson(Files.readString(file), new PresetSource(PresetSource.Kind.FILE, file.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resolved preset " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a resolved preset embedded in a larger JSON document (e.g. a farm job). */
    public static ResolvedPreset fromJson(JsonNode node) {
        return fromJson(PresetJson.write(node));
    }

    private static ResolvedPreset fromJson(String json, PresetSource src) {
        PresetDocument doc = PresetReader.read("resolved", src, json, null, false);
        List<Problem> problems = new ArrayList<>(doc.problems());
        if (doc.extendsName() != null) {
            problems.add(new Problem("extends", "a resolved preset is complete and extends nothing", src));
        }
        for (PresetField f : PresetFields.ALL) {
            if (!doc.values().containsKey(f.path()) && problems.stream().noneMatch(p -> f.path().equals(p.path()))) {
                problems.add(new Problem(f.path(), "missing; a resolved preset lists every setting", src));
            }
        }
        String name = null;
        List<PresetSource> chain = new ArrayList<>();
        Map<String, PresetSource> sources = new LinkedHashMap<>();
        JsonNode resolved = doc.resolved();
        if (resolved == null) {
            if (problems.stream().noneMatch(p -> "resolved".equals(p.path()))) {
                problems.add(new Problem("resolved", "missing; this is a preset, not a resolved preset", src));
            }
        } else {
            name = resolvedName(resolved, src, problems);
            readChain(resolved.get("chain"), src, problems, chain);
            readSources(resolved.get("sources"), src, problems, sources);
        }
        for (String path : doc.values().keySet()) {
            sources.putIfAbsent(path, src);
        }
        if (problems.isEmpty()) {
            problems.addAll(CrossChecks.check(doc.values(), sources));
        }
        if (!problems.isEmpty()) {
            throw new PresetException("resolved preset", problems);
        }
        try {
            return new ResolvedPreset(name, doc.description(), doc.values(), sources, chain, doc.warnings());
        } catch (IllegalArgumentException e) {
            throw new PresetException("resolved preset", List.of(new Problem("", e.getMessage(), src)));
        }
    }

    private static String resolvedName(JsonNode resolved, PresetSource src, List<Problem> problems) {
        JsonNode n = resolved.get("preset");
        if (n == null || !n.isTextual()) {
            problems.add(new Problem("resolved.preset", "must be the preset's name, got " + n, src));
            return null;
        }
        return n.textValue();
    }

    private static void readChain(JsonNode node, PresetSource src, List<Problem> problems, List<PresetSource> chain) {
        if (node == null) {
            return;
        }
        if (!node.isArray()) {
            problems.add(new Problem("resolved.chain", "must be a list of sources, got " + node, src));
            return;
        }
        for (JsonNode s : node) {
            PresetSource parsed = source(s, "resolved.chain", src, problems);
            if (parsed != null) {
                chain.add(parsed);
            }
        }
    }

    private static void readSources(JsonNode node, PresetSource src, List<Problem> problems,
                                    Map<String, PresetSource> sources) {
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new Problem("resolved.sources", "must be an object of setting: source, got " + node, src));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "resolved.sources." + e.getKey();
            if (PresetFields.RETIRED.containsKey(e.getKey())) {
                continue;
            }
            if (PresetFields.find(e.getKey()).isEmpty()) {
                problems.add(new Problem(at, "unknown setting" + Suggestions.forPath(e.getKey()), src));
                continue;
            }
            PresetSource parsed = source(e.getValue(), at, src, problems);
            if (parsed != null) {
                sources.put(e.getKey(), parsed);
            }
        }
    }

    private static PresetSource source(JsonNode n, String at, PresetSource src, List<Problem> problems) {
        try {
            if (n.isTextual()) {
                return PresetSource.parse(n.textValue());
            }
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(at, e.getMessage(), src));
            return null;
        }
        problems.add(new Problem(at, "must be text like \"built-in default\", got " + n, src));
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvedPreset r && r.name.equals(name) && r.description.equals(description)
                && r.values.equals(values) && r.sources.equals(sources) && r.chain.equals(chain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, values, sources, chain);
    }

    @Override
    public String toString() {
        return "ResolvedPreset[" + name + ", " + values + "]";
    }
}
