package org.sam2long.engine.track;

/**
 * How SAM 2 tracking behaves. Defaults are the official SAM 2.1 video predictor's behaviour except
 * where a named option says otherwise.
 *
 * @param direction                  which way to track from the prompts
 * @param fillHoleArea               fill holes up to this many pixels in the low-res mask (official: 8; 0 = off; -1 = the model's value)
 * @param bfloat16Memory             round stored memories to bfloat16 as the official predictor does (parity); off = keep float32
 * @param bicubicResize              resize frames to the model input with bicubic filtering as PIL does (parity); off = bilinear
 */
public record TrackingSettings(Direction direction, int fillHoleArea,
                               boolean bfloat16Memory, boolean bicubicResize) {

    public TrackingSettings {
        if (direction == null) {
            throw new IllegalArgumentException("tracking.direction must be one of FORWARD, BACKWARD, BOTH");
        }
        if (fillHoleArea < -1) {
            throw new IllegalArgumentException("tracking.fillHoleArea must be -1 (model default), 0 (off) or a pixel count, got " + fillHoleArea);
        }
    }

    public static TrackingSettings defaults() {
        return builder().build();
    }

    public TrackingSettings withDirection(Direction d) {
        return toBuilder().direction(d).build();
    }

    /** A builder starting from the defaults (both directions, the model's hole filling, float32, bilinear). */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().direction(direction)
                .fillHoleArea(fillHoleArea).bfloat16Memory(bfloat16Memory).bicubicResize(bicubicResize);
    }

    /** Named setters for every setting; {@link #build} validates them. */
    public static final class Builder {
        private Direction direction = Direction.BOTH;
        private int fillHoleArea = -1;
        private boolean bfloat16Memory;
        private boolean bicubicResize;

        private Builder() {}

        public Builder direction(Direction d) { direction = d; return this; }
        public Builder fillHoleArea(int pixels) { fillHoleArea = pixels; return this; }
        public Builder bfloat16Memory(boolean on) { bfloat16Memory = on; return this; }
        public Builder bicubicResize(boolean on) { bicubicResize = on; return this; }

        public TrackingSettings build() {
            return new TrackingSettings(direction, fillHoleArea, bfloat16Memory, bicubicResize);
        }
    }
}
