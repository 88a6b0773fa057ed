/**
 * Mattes: the engine's per-frame answer ({@link org.sam2long.engine.matte.Matte}), its clean-up
 * into alpha ({@link org.sam2long.engine.matte.MatteCleanup} for the per-frame steps of
 * {@link org.sam2long.engine.matte.CleanupSettings}, {@link org.sam2long.engine.matte.TemporalSmoother}
 * for the temporal one) and the {@link org.sam2long.engine.matte.MatteSink} that receives them.
 */
package org.sam2long.engine.matte;
