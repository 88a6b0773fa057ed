package org.sam2long.engine.track;

/**
 * How SAM 2 tracking behaves. Defaults are the official SAM 2.1 video predictor's behaviour except
 * where a named option says otherwise.
 *
 * @param direction                  which way to track from the prompts
 * @param clearNonCondMemoryAroundInput official option: drop non-conditioning memories near new prompts
 * @param fillHoleArea               fill holes up to this many pixels in the low-res mask (official: 8; 0 = off; -1 = the model's value)
 * @param bfloat16Memory             round stored memories to bfloat16 as the official predictor does (parity); off = keep float32
 * @param bicubicResize              resize frames to the model input with bicubic filtering as PIL does (parity); off = bilinear
 */
public record TrackingSettings(Direction direction, boolean clearNonCondMemoryAroundInput, int fillHoleArea,
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
        return new TrackingSettings(Direction.BOTH, false, -1, false, false);
    }

    public TrackingSettings withDirection(Direction d) {
        return new TrackingSettings(d, clearNonCondMemoryAroundInput, fillHoleArea, bfloat16Memory, bicubicResize);
    }
}
