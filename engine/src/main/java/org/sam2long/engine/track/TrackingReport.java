package org.sam2long.engine.track;

/**
 * What a track call did.
 *
 * @param frameSteps       frames processed (one image-encoder run each)
 * @param mattes           mattes emitted to the sink
 * @param seconds          wall time
 * @param cancelled        true when the cancel token stopped it early
 * @param maxFinalisationLag largest distance, in frames, between the live frame and the last final frame
 */
public record TrackingReport(int frameSteps, int mattes, double seconds, boolean cancelled, int maxFinalisationLag) {
    public double framesPerSecond() {
        return seconds > 0 ? frameSteps / seconds : 0;
    }
}
