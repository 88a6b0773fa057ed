package org.sam2long.ofx.effect;

import org.sam2long.ofx.bindings.PropertySet;

/** One mainEntry call: the effect handle and the in/out argument property sets (handle 0 = none). */
record ActionCall(Action action, long handle, PropertySet in, PropertySet out) {}
