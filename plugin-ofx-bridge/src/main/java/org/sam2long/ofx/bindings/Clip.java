package org.sam2long.ofx.bindings;

/** A clip instance of an effect: its properties and its images over time. */
public record Clip(ImageEffectSuite suite, String name, long handle, PropertySet properties) {

    /** The image at {@code time} (release it by closing), or null when the clip has none there. */
    public Image image(double time) { return suite.image(this, time); }

    /** Region of definition at {@code time} in canonical coordinates: x1, y1, x2, y2. */
    public double[] regionOfDefinition(double time) { return suite.regionOfDefinition(this, time); }

    public boolean connected() { return properties.getInt(Ofx.CLIP_CONNECTED, 1) != 0; }

    /** First and last frame of the clip, e.g. {0, 23}. */
    public double[] frameRange() { return properties.getDoubles(Ofx.FRAME_RANGE, 2); }
}
