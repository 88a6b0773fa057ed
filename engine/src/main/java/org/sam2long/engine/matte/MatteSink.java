package org.sam2long.engine.matte;

/**
 * Receives mattes as soon as they are final. Called from the tracking thread, in no guaranteed frame
 * order across directions; each (object, frame) arrives once per tracking run unless a correction
 * re-tracks it, in which case the newer matte replaces the older one.
 */
@FunctionalInterface
public interface MatteSink {
    void accept(Matte matte) throws Exception;
}
