/**
 * Video in, mattes out.
 *
 * <p><b>Input.</b> {@link org.sam2long.engine.media.FrameSources#open(String)} turns what a user typed
 * into a {@link org.sam2long.engine.frame.FrameSource}: a video file
 * ({@link org.sam2long.engine.media.VideoFrameSource}, FFmpeg, frame-accurate, rotation applied,
 * variable frame rate reported) or an image sequence
 * ({@link org.sam2long.engine.media.ImageSequenceFrameSource}: {@code plate.%04d.exr},
 * {@code plate.####.png}, {@code plate.$F4.dpx}, optional {@code " 1001-1240"}; frame numbers kept;
 * EXR shown through {@link org.sam2long.engine.media.Srgb}). Wrap either in
 * {@link org.sam2long.engine.media.PrefetchingFrameSource} to decode ahead on a thread. Every failure
 * is a {@link org.sam2long.engine.frame.FrameSourceException} with one sentence naming the file or
 * frame. No environment variable is needed: EXR plates are read by FFmpeg, not OpenCV.
 *
 * <p><b>Output.</b> {@link org.sam2long.engine.media.MatteExport} is the tracker's
 * {@link org.sam2long.engine.matte.MatteSink}: clean-up, temporal smoothing, files through
 * {@link org.sam2long.engine.media.MatteWriter} (EXR half/float single or layered, PNG16, TIFF16,
 * PNG8; alpha or RGBA; every file atomic via {@link org.sam2long.engine.media.AtomicFiles}),
 * sidecar JSON ({@link org.sam2long.engine.media.Sidecar}) and, at
 * {@link org.sam2long.engine.media.MatteExport#finish(boolean)}, previews
 * ({@link org.sam2long.engine.media.Previews}, {@link org.sam2long.engine.media.ConfidencePlot}).
 * Write failures are {@link org.sam2long.engine.media.MatteWriteException}s naming the file.
 */
package org.sam2long.engine.media;
