package org.sam2long.ofx.bindings;

/** OfxDrawSuiteV1 (OFX 1.5 overlays without OpenGL): colour, line width and primitives. */
public final class DrawSuite {
    private static final int SET_COLOUR = 1, SET_LINE_WIDTH = 2, DRAW = 4;

    /** OfxDrawPrimitive values. */
    public enum Primitive { LINES, LINE_STRIP, LINE_LOOP, RECTANGLE, POLYGON, ELLIPSE }

    private final SuiteTable t;

    DrawSuite(long address) { t = new SuiteTable("OfxDrawSuite v1", address, 6); }

    public void setColour(long context, float r, float g, float b, float a) {
        t.callInt(SET_COLOUR, SuiteTable.ptr(context), new float[] {r, g, b, a});
    }

    public void setLineWidth(long context, float width) {
        t.callInt(SET_LINE_WIDTH, SuiteTable.ptr(context), width);
    }

    /** Draws a primitive through points given as x0, y0, x1, y1, ... in canonical coordinates. */
    public void draw(long context, Primitive primitive, double[] xy) {
        t.callInt(DRAW, SuiteTable.ptr(context), primitive.ordinal(), xy, xy.length / 2);
    }
}
