package org.sam2long.ofx.bindings;

import java.util.List;

/**
 * A host property set handle together with the property suite: the view the plug-in code uses.
 * A strict set throws when the host refuses a value; a {@link #lenient lenient} one notes the refusal
 * in its {@link Refusals} and goes on (for optional properties: hosts implement different subsets).
 */
public record PropertySet(PropertySuite suite, long handle, Refusals refusals) {

    /** A strict view: every refused set throws. */
    public PropertySet(PropertySuite suite, long handle) { this(suite, handle, null); }

    /** The same set, whose refused sets are noted in {@code r} instead of thrown. */
    public PropertySet lenient(Refusals r) { return new PropertySet(suite, handle, r); }

    private PropertySet tolerate(String name, Runnable set) {
        if (refusals == null) {
            set.run();
            return this;
        }
        try {
            set.run();
        } catch (OfxException e) {
            refusals.add(name, e.status());
        }
        return this;
    }

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

    public PropertySet set(String name, String value) { return tolerate(name, () -> suite.setString(handle, name, 0, value)); }
    public PropertySet set(String name, int value) { return tolerate(name, () -> suite.setInt(handle, name, 0, value)); }
    public PropertySet set(String name, double value) { return tolerate(name, () -> suite.setDouble(handle, name, 0, value)); }
    public PropertySet setPointer(String name, long value) { return tolerate(name, () -> suite.setPointer(handle, name, 0, value)); }

    /** Sets a multi-valued string property, index by index. */
    public PropertySet set(String name, List<String> values) {
        return tolerate(name, () -> {
            for (int i = 0; i < values.size(); i++) {
                suite.setString(handle, name, i, values.get(i));
            }
        });
    }

    public PropertySet set(String name, double... values) {
        return tolerate(name, () -> {
            for (int i = 0; i < values.length; i++) {
                suite.setDouble(handle, name, i, values[i]);
            }
        });
    }
}
