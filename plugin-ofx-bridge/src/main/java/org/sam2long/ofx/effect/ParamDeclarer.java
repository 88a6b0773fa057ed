package org.sam2long.ofx.effect;

import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.ParameterSuite;
import org.sam2long.ofx.bindings.PropertySet;
import org.sam2long.ofx.bindings.Refusals;

/** Declares {@link ParamSpec}s on an effect descriptor's parameter set (describe-in-context). */
final class ParamDeclarer {
    private final ParameterSuite suite;
    private final long paramSet;
    private final Refusals refused;

    /** Defining a parameter is required; the host may refuse any of its properties (noted in {@code refused}). */
    ParamDeclarer(ParameterSuite suite, long paramSet, Refusals refused) {
        this.suite = suite;
        this.paramSet = paramSet;
        this.refused = refused;
    }

    void declare(ParamSpec spec) {
        PropertySet p = suite.define(paramSet, spec.ofxType(), spec.name()).lenient(refused);
        p.set(Ofx.PROP_LABEL, spec.label());
        p.set(Ofx.PARAM_HINT, spec.hint());
        if (spec.group() != null) {
            p.set(Ofx.PARAM_PARENT, spec.group());
        }
        spec.configure(p);
    }
}
