package org.sam2long.ofx.render;

import java.util.Arrays;
import java.util.List;

/** What render does for a frame with no cached matte. */
public enum MissingFramePolicy {
    /** Output an empty matte (interactive default: render never waits for the model). */
    EMPTY("Empty matte"),
    /** Fail the frame with a message naming it (farm renders that must not ship empty mattes). */
    FAIL("Fail the frame"),
    /** Track now from the saved prompts, then render (headless and farm renders). */
    TRACK("Track now (slow)");

    private final String label;

    MissingFramePolicy(String label) { this.label = label; }

    public String label() { return label; }

    public static List<String> labels() { return Arrays.stream(values()).map(MissingFramePolicy::label).toList(); }

    public static MissingFramePolicy ofIndex(int i) { return values()[Math.max(0, Math.min(i, values().length - 1))]; }
}
