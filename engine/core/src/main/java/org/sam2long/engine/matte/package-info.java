/**
 * Mattes: the engine's per-frame answer ({@link org.sam2long.engine.matte.Matte}), its clean-up
 * into alpha ({@link org.sam2long.engine.matte.MatteCleanup} for the per-frame steps of
 * {@link org.sam2long.engine.matte.CleanupSettings}, {@link org.sam2long.engine.matte.TemporalSmoother}
 * for the temporal one) and the {@link org.sam2long.engine.matte.MatteSink} that receives them.
 *
 * <p>Pure Java, nothing from {@code org.bytedeco} ({@code NoNativesTest} checks): the OpenFX plug-in,
 * whose bundle leaves the JavaCV/OpenCV natives out, runs this same clean-up at render.
 */
package org.sam2long.engine.matte;
