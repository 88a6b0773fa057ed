package org.sam2long.presets;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for misspelt keys and names. */
final class Suggestions {
    private Suggestions() {}

    /** A candidate the typed text begins, else the closest within a few edits, formatted as {@code " (did you mean x?)"}, or "". */
    static String didYouMean(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        if (typed.length() >= 3) {
            for (String c : candidates) {
                if (c.toLowerCase(Locale.ROOT).startsWith(typed.toLowerCase(Locale.ROOT))) {
                    return " (did you mean " + c + "?)";
                }
            }
        }
        for (String c : candidates) {
            int d = distance(typed.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, typed.length() / 4);
        return best != null && bestDistance <= allowed ? " (did you mean " + best + "?)" : "";
    }

    /** For a {@code section.key} not in the catalogue: the same key in another section, else the nearest path. */
    static String forPath(String path) {
        String key = path.substring(path.indexOf('.') + 1);
        for (PresetField f : PresetFields.ALL) {
            if (f.key().equalsIgnoreCase(key)) {
                return " (did you mean " + f.path() + "?)";
            }
        }
        return didYouMean(path, PresetFields.paths());
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
