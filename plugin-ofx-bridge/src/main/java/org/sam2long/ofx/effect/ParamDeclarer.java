package org.sam2long.ofx.effect;

import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.ParameterSuite;
import org.sam2long.ofx.bindings.PropertySet;

/** Declares {@link ParamSpec}s on an effect descriptor's parameter set (describe-in-context). */
final class ParamDeclarer {
    private final ParameterSuite suite;
    private final long paramSet;

    ParamDeclarer(ParameterSuite suite, long paramSet) {
        this.suite = suite;
        this.paramSet = paramSet;
    }

    void declare(ParamSpec spec) {
        PropertySet p = suite.define(paramSet, spec.ofxType(), spec.name());
        p.set(Ofx.PROP_LABEL, spec.label());
        p.set(Ofx.PARAM_HINT, spec.hint());
        if (spec.group() != null) {
            p.set(Ofx.PARAM_PARENT, spec.group());
        }
        spec.configure(p);
    }
}
