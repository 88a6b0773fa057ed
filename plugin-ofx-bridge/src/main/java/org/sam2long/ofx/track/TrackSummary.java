package org.sam2long.ofx.track;

/**
 * What a tracking run did: mattes delivered, frame steps taken (fewer than the clip's frames when
 * only a correction was re-tracked), and whether it was cancelled before the end.
 */
public record TrackSummary(int mattes, int frameSteps, boolean cancelled) {}
