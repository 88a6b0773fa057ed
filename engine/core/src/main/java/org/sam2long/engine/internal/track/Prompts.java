package org.sam2long.engine.internal.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sam2long.engine.prompt.Prompt;

/** The one place where prompts are merged and compared (the editor and the farm share it). */
final class Prompts {
    private Prompts() {}

    /** Clicks accumulate; a new box or mask replaces the old one. */
    static Prompt merge(Prompt old, Prompt p) {
        if (old == null) {
            return p;
        }
        List<Prompt.Click> clicks = new ArrayList<>(old.clicks());
        clicks.addAll(p.clicks());
        return new Prompt(p.objectId(), p.frameIndex(), clicks, p.box() != null ? p.box() : old.box(),
                p.mask() != null ? p.mask() : old.mask());
    }

    /** Value equality of two prompt sets (masks compared by content). */
    static boolean same(Map<Integer, Prompt> a, Map<Integer, Prompt> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<Integer, Prompt> e : a.entrySet()) {
            if (!same(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean same(Prompt a, Prompt b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return a.objectId() == b.objectId() && a.frameIndex() == b.frameIndex() && a.clicks().equals(b.clicks())
                && Objects.equals(a.box(), b.box()) && sameMask(a.mask(), b.mask());
    }

    private static boolean sameMask(Prompt.MaskPrompt a, Prompt.MaskPrompt b) {
        if (a == b) {
            return true;
        }
        return a != null && b != null && a.width() == b.width() && a.height() == b.height()
                && Arrays.equals(a.inside(), b.inside());
    }
}
