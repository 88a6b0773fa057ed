package org.sam2long.presets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Follows a preset's {@code extends} chain down to the built-in default, merges the values (later
 * wins), applies overrides and checks the result. All problems of all documents are collected and
 * thrown together; nothing is returned unless everything is valid.
 */
final class PresetResolver {
    private final List<PresetLayer> layers;

    /** @param layers lookup layers, lowest precedence (built-in) first */
    PresetResolver(List<PresetLayer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The preset a lookup by name finds at or below {@code fromLayer}, skipping {@code self} itself. */
    PresetLocation find(String name, int fromLayer, String selfName) {
        int start = name.equals(selfName) ? fromLayer - 1 : fromLayer;
        for (int i = Math.min(start, layers.size() - 1); i >= 0; i--) {
            PresetLocation loc = layers.get(i).entries().get(name);
            if (loc != null) {
                return loc;
            }
        }
        return null;
    }

    ResolvedPreset resolve(PresetLocation top, Overrides overrides) {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<PresetDocument> chain = new ArrayList<>();
        boolean complete = follow(top, chain, problems);
        chain.forEach(d -> warnings.addAll(d.warnings()));

        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, PresetSource> sources = new LinkedHashMap<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            PresetDocument doc = chain.get(i);
            doc.values().forEach((path, value) -> {
                values.put(path, value);
                sources.put(path, doc.source());
            });
        }
        problems.addAll(overrides.applyTo(values, sources));
        if (complete) {
            for (PresetField f : PresetFields.ALL) {
                if (!values.containsKey(f.path()) && problems.stream().noneMatch(p -> f.path().equals(p.path()))) {
                    problems.add(new Problem(f.path(), "is set by no preset in the chain", top.source()));
                }
            }
            problems.addAll(CrossChecks.check(values, sources));
        }
        String subject = "preset '" + top.name() + "'";
        if (!problems.isEmpty()) {
            throw new PresetException(subject, problems);
        }
        try {
            return new ResolvedPreset(top.name(), chain.get(0).description(), values, sources,
                    chain.stream().map(PresetDocument::source).toList(), warnings);
        } catch (IllegalArgumentException e) {
            throw new PresetException(subject, List.of(new Problem("", e.getMessage(), top.source())));
        }
    }

    /** Reads the chain from {@code top}; returns true if it reached the built-in default. */
    private boolean follow(PresetLocation top, List<PresetDocument> chain, List<Problem> problems) {
        Set<PresetLocation> visited = new LinkedHashSet<>();
        PresetLocation loc = top;
        while (true) {
            visited.add(loc);
            PresetDocument doc = loc.read();
            chain.add(doc);
            problems.addAll(doc.problems());
            if (loc.isRoot()) {
                return true;
            }
            if (doc.extendsBroken()) {
                return false;
            }
            String parent = doc.extendsName() != null ? doc.extendsName() : PresetLibrary.DEFAULT_PRESET;
            PresetLocation next = find(parent, loc.layer(), doc.name());
            if (next == null) {
                problems.add(new Problem("extends", unknownParent(parent, loc), doc.source()));
                return false;
            }
            if (visited.contains(next)) {
                problems.add(new Problem("extends", cycle(visited, next), doc.source()));
                return false;
            }
            loc = next;
        }
    }

    private String unknownParent(String parent, PresetLocation from) {
        Set<String> visible = new java.util.TreeSet<>();
        List<String> scope = new ArrayList<>();
        for (int layerIndex = Math.min(from.layer(), layers.size() - 1); layerIndex >= 0; layerIndex--) {
            int i = layerIndex;
            PresetLayer layer = layers.get(i);
            layer.entries().keySet().stream()
                    .filter(n -> i != from.layer() || !n.equals(from.name())).forEach(visible::add);
            if (layer.kind() != PresetSource.Kind.FILE) {
                scope.add(0, layer.describe());
            }
        }
        String self = parent.equals(from.name())
                ? " other than itself (a preset may extend one of the same name only from an earlier directory)" : "";
        return "no preset named '" + parent + "'" + self + Suggestions.didYouMean(parent, visible)
                + " among " + String.join(", ", scope) + "; available: " + String.join(", ", visible);
    }

    private static String cycle(Set<PresetLocation> visited, PresetLocation repeated) {
        List<String> names = new ArrayList<>();
        boolean inCycle = false;
        for (PresetLocation l : visited) {
            inCycle |= l.equals(repeated);
            if (inCycle) {
                names.add(l.name());
            }
        }
        names.add(repeated.name());
        return "presets extend each other in a cycle (" + names.stream().collect(Collectors.joining(" -> "))
                + "); make one of them extend a preset outside the cycle";
    }
}
