package org.sam2long.ofx.bindings;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional properties a host refused while the plug-in described itself (hosts implement
 * different subsets of OFX 1.4/1.5: HostSupport answers kOfxStatErrUnknown for names it does not
 * know). Thread-safe.
 */
public final class Refusals {
    private final List<String> refused = new ArrayList<>();

    synchronized void add(String name, int status) {
        refused.add(name + " (" + OfxStatus.name(status) + ")");
    }

    public synchronized List<String> all() { return List.copyOf(refused); }

    public synchronized boolean isEmpty() { return refused.isEmpty(); }

    /** One sentence for the log, or "" if nothing was refused. */
    public synchronized String summary(String what) {
        return refused.isEmpty() ? "" : "the host refused " + refused.size() + " optional propert"
                + (refused.size() == 1 ? "y" : "ies") + " of " + what + ", the effect works without them: "
                + String.join(", ", refused);
    }
}
