package org.sam2long.ofx.bindings;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/** OfxPropertySuiteV1. Handles are raw addresses; see {@link PropertySet} for the friendly view. */
public final class PropertySuite {
    private static final int SET_POINTER = 0, SET_STRING = 1, SET_DOUBLE = 2, SET_INT = 3;
    private static final int GET_POINTER = 8, GET_STRING = 9, GET_DOUBLE = 10, GET_INT = 11;
    private static final int GET_DOUBLE_N = 14, GET_INT_N = 15, GET_DIMENSION = 17;

    private final SuiteTable t;

    PropertySuite(long address) { t = new SuiteTable("OfxPropertySuite v1", address, 18); }

    public void setString(long set, String name, int index, String value) {
        OfxStatus.check(t.callInt(SET_STRING, SuiteTable.ptr(set), name, index, value), "propSetString(" + name + ")");
    }

    public void setInt(long set, String name, int index, int value) {
        OfxStatus.check(t.callInt(SET_INT, SuiteTable.ptr(set), name, index, value), "propSetInt(" + name + ")");
    }

    public void setDouble(long set, String name, int index, double value) {
        OfxStatus.check(t.callInt(SET_DOUBLE, SuiteTable.ptr(set), name, index, value), "propSetDouble(" + name + ")");
    }

    public void setPointer(long set, String name, int index, long value) {
        OfxStatus.check(t.callInt(SET_POINTER, SuiteTable.ptr(set), name, index, SuiteTable.ptr(value)),
                "propSetPointer(" + name + ")");
    }

    public String getString(long set, String name, int index) {
        PointerByReference out = new PointerByReference();
        OfxStatus.check(t.callInt(GET_STRING, SuiteTable.ptr(set), name, index, out), "propGetString(" + name + ")");
        Pointer s = out.getValue();
        return s == null ? "" : s.getString(0, "UTF-8");
    }

    public int getInt(long set, String name, int index) {
        IntByReference out = new IntByReference();
        OfxStatus.check(t.callInt(GET_INT, SuiteTable.ptr(set), name, index, out), "propGetInt(" + name + ")");
        return out.getValue();
    }

    public double getDouble(long set, String name, int index) {
        DoubleByReference out = new DoubleByReference();
        OfxStatus.check(t.callInt(GET_DOUBLE, SuiteTable.ptr(set), name, index, out), "propGetDouble(" + name + ")");
        return out.getValue();
    }

    public long getPointer(long set, String name, int index) {
        PointerByReference out = new PointerByReference();
        OfxStatus.check(t.callInt(GET_POINTER, SuiteTable.ptr(set), name, index, out), "propGetPointer(" + name + ")");
        return SuiteTable.addr(out.getValue());
    }

    public int[] getInts(long set, String name, int count) {
        int[] out = new int[count];
        OfxStatus.check(t.callInt(GET_INT_N, SuiteTable.ptr(set), name, count, out), "propGetIntN(" + name + ")");
        return out;
    }

    public double[] getDoubles(long set, String name, int count) {
        double[] out = new double[count];
        OfxStatus.check(t.callInt(GET_DOUBLE_N, SuiteTable.ptr(set), name, count, out), "propGetDoubleN(" + name + ")");
        return out;
    }

    /** Number of values the property holds; throws if the host does not know the property. */
    public int dimension(long set, String name) {
        IntByReference out = new IntByReference();
        OfxStatus.check(t.callInt(GET_DIMENSION, SuiteTable.ptr(set), name, out), "propGetDimension(" + name + ")");
        return out.getValue();
    }

    /** True if the host knows the property on this set (propGetDimension succeeds). */
    public boolean has(long set, String name) {
        return t.callInt(GET_DIMENSION, SuiteTable.ptr(set), name, new IntByReference()) == OfxStatus.OK;
    }
}
