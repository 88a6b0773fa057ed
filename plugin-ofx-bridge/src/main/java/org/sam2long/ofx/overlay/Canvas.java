package org.sam2long.ofx.overlay;

/**
 * Where the overlay draws, in canonical coordinates: the host's OFX 1.5 draw suite or, in hosts
 * with only the OpenGL interact, OpenGL itself. The overlay's drawing code is written once against it.
 */
public interface Canvas {
    void colour(float r, float g, float b, float a);

    void lineWidth(float width);

    /** Separate segments: x0, y0, x1, y1 for the first, then the next four values, and so on. */
    void lines(double[] xy);

    /** A closed polyline through x0, y0, x1, y1, ... */
    void loop(double[] xy);

    /** A filled round marker of radius {@code r} centred on (x, y). */
    void dot(double x, double y, double r);
}
