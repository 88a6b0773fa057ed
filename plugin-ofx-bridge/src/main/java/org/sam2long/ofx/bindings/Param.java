package org.sam2long.ofx.bindings;

/** A parameter instance: typed value access plus its property set. */
public record Param(ParameterSuite suite, String name, long handle, PropertySet properties) {
    public int getInt() { return suite.getInt(this); }
    public int getInt(double time) { return suite.getIntAt(this, time); }
    public boolean getBoolean() { return suite.getInt(this) != 0; }
    public double getDouble() { return suite.getDouble(this); }
    public double getDouble(double time) { return suite.getDoubleAt(this, time); }
    public String getString() { return suite.getString(this); }
    public void setInt(int v) { suite.setInt(this, v); }
    public void setBoolean(boolean v) { suite.setInt(this, v ? 1 : 0); }
    public void setDouble(double v) { suite.setDouble(this, v); }
    public void setString(String v) { suite.setString(this, v); }
}
