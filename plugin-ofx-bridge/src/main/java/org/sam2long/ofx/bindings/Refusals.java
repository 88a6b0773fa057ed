package org.sam2long.ofx.bindings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The optional properties a host refused while the plug-in described itself (hosts implement
 * different subsets of OFX 1.4/1.5: HostSupport answers kOfxStatErrUnknown for names it does not
 * know). Thread-safe.
 */
public final class Refusals {
    private final Map<String, int[]> refused = new LinkedHashMap<>(); // name -> {count, last status}

    synchronized void add(String name, int status) {
        int[] c = refused.computeIfAbsent(name, n -> new int[2]);
        c[0]++;
        c[1] = status;
    }

    /** How many sets were refused in all. */
    public synchronized int count() {
        return refused.values().stream().mapToInt(c -> c[0]).sum();
    }

    public synchronized boolean isEmpty() { return refused.isEmpty(); }

    /** One sentence for the log, each refused name once, or "" if nothing was refused. */
    public synchronized String summary(String what) {
        if (refused.isEmpty()) {
            return "";
        }
        String names = refused.entrySet().stream()
                .map(e -> e.getKey() + " (" + OfxStatus.name(e.getValue()[1]) + (e.getValue()[0] > 1 ? ", " + e.getValue()[0] + " times" : "") + ")")
                .collect(Collectors.joining(", "));
        return "the host refused " + count() + " optional propert" + (count() == 1 ? "y" : "ies") + " of " + what
                + ", the effect works without them: " + names;
    }
}
