package org.sam2long.ofx.overlay;

import org.sam2long.ofx.bindings.DrawSuite;

/** A {@link Canvas} on the OFX 1.5 draw suite and the draw context of one draw action. */
public final class DrawSuiteCanvas implements Canvas {
    private final DrawSuite suite;
    private final long context;

    public DrawSuiteCanvas(DrawSuite suite, long context) {
        this.suite = suite;
        this.context = context;
    }

    @Override public void colour(float r, float g, float b, float a) { suite.setColour(context, r, g, b, a); }

    @Override public void lineWidth(float width) { suite.setLineWidth(context, width); }

    @Override public void lines(double[] xy) {
        if (xy.length >= 4) {
            suite.draw(context, DrawSuite.Primitive.LINES, xy);
        }
    }

    @Override public void loop(double[] xy) { suite.draw(context, DrawSuite.Primitive.LINE_LOOP, xy); }

    @Override public void dot(double x, double y, double r) {
        suite.draw(context, DrawSuite.Primitive.ELLIPSE, new double[] {x - r, y - r, x + r, y + r});
    }
}
