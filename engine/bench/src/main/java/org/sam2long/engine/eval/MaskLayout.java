package org.sam2long.engine.eval;

/**
 * How a folder of masks is laid out. Every layout may be a whole data set (one folder per video under
 * the root) or one video (the root is the video).
 */
public enum MaskLayout {
    /** Decide from the folder: see {@link MaskFolder#scan}. */
    AUTO,
    /**
     * DAVIS / YouTube-VOS / LVOS: {@code <video>/<frame>.png}, an indexed (palette) or grayscale PNG whose
     * pixel value k is object k, 0 the background and, in the ground truth, 255 void (ignored).
     */
    PALETTE,
    /** SA-V: {@code <video>/<object>/<frame>.png}, one binary PNG per object; any non-zero value is inside. */
    OBJECTS,
    /**
     * The {@code track} command's output: {@code <object>/<object>.<frame>.png} (8- or 16-bit mattes,
     * alpha if there is an alpha channel); inside where the value is above half its maximum.
     */
    TRACK
}
