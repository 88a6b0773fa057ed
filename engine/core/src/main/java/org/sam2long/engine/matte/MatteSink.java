package org.sam2long.engine.matte;

/**
 * Receives mattes as soon as they are final. Called from the tracking thread, in no guaranteed frame
 * order across directions. After every track call the sink holds exactly what a fresh session with
 * the same prompts would have given: a re-tracked (object, frame) arrives again and replaces the
 * older matte, and one that no longer exists (its prompt was removed) is {@linkplain #discard discarded}.
 */
@FunctionalInterface
public interface MatteSink {
    void accept(Matte matte) throws Exception;

    /** The matte of this object on this frame (an index of the frame source) no longer exists. */
    default void discard(int objectId, int frameIndex) throws Exception {}
}
