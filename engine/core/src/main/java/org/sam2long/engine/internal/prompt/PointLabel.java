package org.sam2long.engine.internal.prompt;

/** Meaning of a prompt point, with the value the mask decoder expects. */
enum PointLabel {
    NEGATIVE(0), POSITIVE(1), BOX_TOP_LEFT(2), BOX_BOTTOM_RIGHT(3), PADDING(-1);

    private final int code;
    PointLabel(int code) { this.code = code; }
    public int code() { return code; }
}
