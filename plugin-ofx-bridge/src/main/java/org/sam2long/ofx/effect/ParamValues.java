package org.sam2long.ofx.effect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sam2long.ofx.bindings.Param;
import org.sam2long.ofx.bindings.ParameterSuite;

/** Reads and writes an instance's parameters by their {@link ParamSpec}; handles are fetched once. */
final class ParamValues {
    private final ParameterSuite suite;
    private final long paramSet;
    private final Map<String, Param> handles = new ConcurrentHashMap<>();

    ParamValues(ParameterSuite suite, long paramSet) {
        this.suite = suite;
        this.paramSet = paramSet;
    }

    int get(ParamSpec.Int p) { return param(p).getInt(); }
    int get(ParamSpec.HiddenInt p) { return param(p).getInt(); }
    double get(ParamSpec.Real p) { return param(p).getDouble(); }
    boolean get(ParamSpec.Bool p) { return param(p).getBoolean(); }
    int get(ParamSpec.Choice p) { return param(p).getInt(); }
    String get(ParamSpec.Text p) { return param(p).getString(); }
    String get(ParamSpec.HiddenText p) { return param(p).getString(); }

    void set(ParamSpec.Int p, int v) { param(p).setInt(v); }
    void set(ParamSpec.HiddenInt p, int v) { param(p).setInt(v); }
    void set(ParamSpec.Real p, double v) { param(p).setDouble(v); }
    void set(ParamSpec.Bool p, boolean v) { param(p).setBoolean(v); }
    void set(ParamSpec.Text p, String v) { param(p).setString(v); }
    void set(ParamSpec.HiddenText p, String v) { param(p).setString(v); }

    /** Groups the writes between begin and end into one undo step in hosts that support it. */
    void editBegin(String label) { suite.editBegin(paramSet, label); }
    void editEnd() { suite.editEnd(paramSet); }

    private Param param(ParamSpec spec) {
        return handles.computeIfAbsent(spec.name(), n -> suite.param(paramSet, n));
    }
}
