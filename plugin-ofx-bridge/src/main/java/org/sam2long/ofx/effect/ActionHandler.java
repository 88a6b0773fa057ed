package org.sam2long.ofx.effect;

/** Handles one action; returns an OFX status. Exceptions go to the single catch point in {@link OfxEntry}. */
@FunctionalInterface
interface ActionHandler {
    int handle(ActionCall call) throws Exception;
}
