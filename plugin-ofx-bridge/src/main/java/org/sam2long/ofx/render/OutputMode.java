package org.sam2long.ofx.render;

import java.util.Arrays;
import java.util.List;

/** What the effect outputs; the order is the choice parameter's option order. */
public enum OutputMode {
    ALPHA("Alpha (matte only)"),
    RGBA_PREMULTIPLIED("RGBA, matte in alpha, premultiplied"),
    RGBA_STRAIGHT("RGBA, matte in alpha, unpremultiplied"),
    OVERLAY("Overlay (check the matte over the image)");

    private final String label;

    OutputMode(String label) { this.label = label; }

    public String label() { return label; }

    public boolean alphaOnly() { return this == ALPHA; }

    public static List<String> labels() { return Arrays.stream(values()).map(OutputMode::label).toList(); }

    public static OutputMode ofIndex(int i) { return values()[Math.max(0, Math.min(i, values().length - 1))]; }
}
