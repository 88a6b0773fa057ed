package org.sam2long.ofx.bindings;

import java.util.List;

/** A host property set handle together with the property suite: the view the plug-in code uses. */
public record PropertySet(PropertySuite suite, long handle) {

    public String getString(String name) { return suite.getString(handle, name, 0); }
    public String getString(String name, int index) { return suite.getString(handle, name, index); }
    public int getInt(String name) { return suite.getInt(handle, name, 0); }
    public double getDouble(String name) { return suite.getDouble(handle, name, 0); }
    public long getPointer(String name) { return suite.getPointer(handle, name, 0); }
    public int[] getInts(String name, int count) { return suite.getInts(handle, name, count); }
    public double[] getDoubles(String name, int count) { return suite.getDoubles(handle, name, count); }
    public boolean has(String name) { return suite.has(handle, name); }
    public int dimension(String name) { return suite.dimension(handle, name); }

    /** Integer property, or {@code fallback} if the host does not have it. */
    public int getInt(String name, int fallback) { return has(name) ? getInt(name) : fallback; }

    public PropertySet set(String name, String value) { suite.setString(handle, name, 0, value); return this; }
    public PropertySet set(String name, int value) { suite.setInt(handle, name, 0, value); return this; }
    public PropertySet set(String name, double value) { suite.setDouble(handle, name, 0, value); return this; }
    public PropertySet setPointer(String name, long value) { suite.setPointer(handle, name, 0, value); return this; }

    /** Sets a multi-valued string property, index by index. */
    public PropertySet set(String name, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            suite.setString(handle, name, i, values.get(i));
        }
        return this;
    }

    public PropertySet set(String name, double... values) {
        for (int i = 0; i < values.length; i++) {
            suite.setDouble(handle, name, i, values[i]);
        }
        return this;
    }
}
