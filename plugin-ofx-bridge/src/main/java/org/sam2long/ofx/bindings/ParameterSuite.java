package org.sam2long.ofx.bindings;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * OfxParameterSuiteV1. The varargs functions (paramGetValue, paramSetValue, ...AtTime) are called
 * through the shim's fixed-arity {@code s2l_param_*} helpers, never as varargs from Java.
 */
public final class ParameterSuite {
    private static final int DEFINE = 0, GET_HANDLE = 1, GET_PROPERTY_SET = 3, EDIT_BEGIN = 16, EDIT_END = 17;

    private final SuiteTable t;
    private final Pointer self;
    private final PropertySuite props;

    ParameterSuite(long address, PropertySuite props) {
        this.t = new SuiteTable("OfxParameterSuite v1", address, 18);
        this.self = new Pointer(address);
        this.props = props;
    }

    /** Declares a parameter (describe-in-context only); returns its descriptor properties. */
    public PropertySet define(long paramSet, String type, String name) {
        PointerByReference out = new PointerByReference();
        OfxStatus.check(t.callInt(DEFINE, SuiteTable.ptr(paramSet), type, name, out), "paramDefine(" + name + ")");
        return new PropertySet(props, SuiteTable.addr(out.getValue()));
    }

    public Param param(long paramSet, String name) {
        PointerByReference handle = new PointerByReference();
        PointerByReference paramProps = new PointerByReference();
        OfxStatus.check(t.callInt(GET_HANDLE, SuiteTable.ptr(paramSet), name, handle, paramProps),
                "paramGetHandle(" + name + ")");
        return new Param(this, name, SuiteTable.addr(handle.getValue()),
                new PropertySet(props, SuiteTable.addr(paramProps.getValue())));
    }

    public void editBegin(long paramSet, String label) {
        OfxStatus.check(t.callInt(EDIT_BEGIN, SuiteTable.ptr(paramSet), label), "paramEditBegin");
    }

    public void editEnd(long paramSet) {
        OfxStatus.check(t.callInt(EDIT_END, SuiteTable.ptr(paramSet)), "paramEditEnd");
    }

    int getInt(Param p) {
        IntByReference out = new IntByReference();
        check(helper("s2l_param_get_int", p, out), "paramGetValue", p);
        return out.getValue();
    }

    int getIntAt(Param p, double time) {
        IntByReference out = new IntByReference();
        check(helper("s2l_param_get_int_at", p, time, out), "paramGetValueAtTime", p);
        return out.getValue();
    }

    double getDouble(Param p) {
        DoubleByReference out = new DoubleByReference();
        check(helper("s2l_param_get_double", p, out), "paramGetValue", p);
        return out.getValue();
    }

    double getDoubleAt(Param p, double time) {
        DoubleByReference out = new DoubleByReference();
        check(helper("s2l_param_get_double_at", p, time, out), "paramGetValueAtTime", p);
        return out.getValue();
    }

    String getString(Param p) {
        PointerByReference out = new PointerByReference();
        check(helper("s2l_param_get_string", p, out), "paramGetValue", p);
        Pointer s = out.getValue();
        return s == null ? "" : s.getString(0, "UTF-8");
    }

    void setInt(Param p, int v) { check(helper("s2l_param_set_int", p, v), "paramSetValue", p); }

    void setDouble(Param p, double v) { check(helper("s2l_param_set_double", p, v), "paramSetValue", p); }

    void setString(Param p, String v) { check(helper("s2l_param_set_string", p, v), "paramSetValue", p); }

    private int helper(String fn, Param p, Object... rest) {
        Object[] args = new Object[rest.length + 2];
        args[0] = self;
        args[1] = SuiteTable.ptr(p.handle());
        System.arraycopy(rest, 0, args, 2, rest.length);
        Function f = NativeShim.helper(fn);
        return f.invokeInt(args);
    }

    private static void check(int status, String what, Param p) {
        OfxStatus.check(status, what + "(" + p.name() + ")");
    }
}
