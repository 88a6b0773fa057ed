package org.sam2long.ofx.overlay;

import org.sam2long.ofx.bindings.OpenGl;

/** A {@link Canvas} in legacy OpenGL, for hosts whose overlay interact has no draw suite. */
public final class GlCanvas implements Canvas {
    private static final int DOT_SIDES = 16;
    private final OpenGl gl;

    public GlCanvas(OpenGl gl) {
        this.gl = gl;
    }

    @Override public void colour(float r, float g, float b, float a) { gl.colour(r, g, b, a); }

    @Override public void lineWidth(float width) { gl.lineWidth(width); }

    @Override public void lines(double[] xy) {
        if (xy.length >= 4) {
            gl.draw(OpenGl.LINES, xy);
        }
    }

    @Override public void loop(double[] xy) { gl.draw(OpenGl.LINE_LOOP, xy); }

    @Override public void dot(double x, double y, double r) {
        double[] xy = new double[2 * DOT_SIDES];
        for (int i = 0; i < DOT_SIDES; i++) {
            double a = 2 * Math.PI * i / DOT_SIDES;
            xy[2 * i] = x + r * Math.cos(a);
            xy[2 * i + 1] = y + r * Math.sin(a);
        }
        gl.draw(OpenGl.POLYGON, xy);
    }
}
