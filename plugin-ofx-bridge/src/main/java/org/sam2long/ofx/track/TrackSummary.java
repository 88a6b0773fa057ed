package org.sam2long.ofx.track;

/** What a tracking run did: mattes delivered, and whether it was cancelled before the end. */
public record TrackSummary(int mattes, boolean cancelled) {}
