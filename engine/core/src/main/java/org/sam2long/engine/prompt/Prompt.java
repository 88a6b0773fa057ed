package org.sam2long.engine.prompt;

import java.util.List;

/**
 * What an artist told the engine about one object on one frame: clicks, an optional box and an
 * optional mask, all in source pixels. A prompted frame becomes a conditioning frame for the object.
 */
public record Prompt(int objectId, int frameIndex, List<Click> clicks, Box box, MaskPrompt mask) {
    public Prompt {
        clicks = clicks == null ? List.of() : List.copyOf(clicks);
    }

    public static Prompt clicks(int objectId, int frameIndex, Click... clicks) {
        return new Prompt(objectId, frameIndex, List.of(clicks), null, null);
    }

    public static Prompt box(int objectId, int frameIndex, Box box) {
        return new Prompt(objectId, frameIndex, List.of(), box, null);
    }

    public static Prompt mask(int objectId, int frameIndex, MaskPrompt mask) {
        return new Prompt(objectId, frameIndex, List.of(), null, mask);
    }

    public boolean isEmpty() { return clicks.isEmpty() && box == null && mask == null; }

    /** A click in source pixels; {@code positive} false means "not this". */
    public record Click(double x, double y, boolean positive) {
        public static Click positive(double x, double y) { return new Click(x, y, true); }
        public static Click negative(double x, double y) { return new Click(x, y, false); }
    }

    /** A box in source pixels, corners inclusive. */
    public record Box(double x0, double y0, double x1, double y1) {}

    /** A binary mask at source resolution, row-major, true = object. */
    public record MaskPrompt(int width, int height, boolean[] inside) {}
}
