package org.sam2long.engine.track;

/**
 * What a track call did.
 *
 * @param frameSteps         frames processed (one image-encoder run each): the re-computed frames
 * @param mattes             mattes emitted to the sink; each is final
 * @param seconds            wall time
 * @param cancelled          true when the cancel token or a thread interrupt stopped it early
 * @param maxFinalisationLag largest distance, in frames, between the live frame and the last final frame
 * @param discarded          mattes the sink was told to drop because their prompts were removed
 */
public record TrackingReport(int frameSteps, int mattes, double seconds, boolean cancelled, int maxFinalisationLag,
                             int discarded) {
    public double framesPerSecond() {
        return seconds > 0 ? frameSteps / seconds : 0;
    }
}
