package org.sam2long.ofx.effect;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sam2long.ofx.bindings.OfxException;
import org.sam2long.ofx.bindings.Param;
import org.sam2long.ofx.bindings.ParameterSuite;

/**
 * Reads and writes an instance's parameters by their {@link ParamSpec}; handles are fetched once.
 * A parameter the host did not create (the HostSupport example host, for one, makes no string
 * parameters) (or makes one whose value it cannot get or set) reads as its default and keeps written values in memory for this instance's life,
 * with one log line naming it: the effect keeps working, only that state is not saved with the project.
 */
final class ParamValues {
    private final ParameterSuite suite;
    private final long paramSet;
    private final Map<String, Optional<Param>> handles = new ConcurrentHashMap<>();
    private final Map<String, Object> inMemory = new ConcurrentHashMap<>();

    ParamValues(ParameterSuite suite, long paramSet) {
        this.suite = suite;
        this.paramSet = paramSet;
    }

    /** Parameters with no host: every value starts at its default and lives in memory (tests). */
    static ParamValues inMemory() {
        return new ParamValues(null, 0);
    }

    int get(ParamSpec.Int p) { return read(p, Param::getInt, p.def()); }
    int get(ParamSpec.HiddenInt p) { return read(p, Param::getInt, 0); }
    double get(ParamSpec.Real p) { return read(p, Param::getDouble, p.def()); }
    boolean get(ParamSpec.Bool p) { return read(p, Param::getBoolean, p.def()); }
    int get(ParamSpec.Choice p) { return read(p, Param::getInt, p.def()); }
    String get(ParamSpec.Text p) { return read(p, Param::getString, p.def()); }
    String get(ParamSpec.HiddenText p) { return read(p, Param::getString, ""); }

    void set(ParamSpec.Int p, int v) { write(p, h -> h.setInt(v), v); }
    void set(ParamSpec.HiddenInt p, int v) { write(p, h -> h.setInt(v), v); }
    void set(ParamSpec.Real p, double v) { write(p, h -> h.setDouble(v), v); }
    void set(ParamSpec.Bool p, boolean v) { write(p, h -> h.setBoolean(v), v); }
    void set(ParamSpec.Text p, String v) { write(p, h -> h.setString(v), v); }
    void set(ParamSpec.HiddenText p, String v) { write(p, h -> h.setString(v), v); }
    void set(ParamSpec.Choice p, int v) { write(p, h -> h.setInt(v), v); }

    @SuppressWarnings("unchecked")
    private <T> T read(ParamSpec spec, Function<Param, T> get, T def) {
        Optional<Param> h = param(spec);
        if (h.isPresent()) {
            try {
                return get.apply(h.get());
            } catch (OfxException e) {
                inMemoryFromNowOn(spec, e);
            }
        }
        return (T) inMemory.getOrDefault(spec.name(), def);
    }

    private void write(ParamSpec spec, Consumer<Param> set, Object value) {
        Optional<Param> h = param(spec);
        if (h.isPresent()) {
            try {
                set.accept(h.get());
                return;
            } catch (OfxException e) {
                inMemoryFromNowOn(spec, e);
            }
        }
        inMemory.put(spec.name(), value);
    }

    /** The host has the parameter but cannot read or write its value (a stub): keep it in memory. */
    private void inMemoryFromNowOn(ParamSpec spec, OfxException e) {
        if (handles.put(spec.name(), Optional.empty()) != null) {
            System.err.println("SAM2Long Roto: the host cannot get or set parameter \"" + spec.name() + "\" ("
                    + ErrorReport.describe(e) + "); its value is kept in memory only, from its default");
        }
    }

    /** Groups the writes between begin and end into one undo step in hosts that support it (optional: others refuse). */
    void editBegin(String label) {
        if (suite == null) {
            return;
        }
        try {
            suite.editBegin(paramSet, label);
        } catch (OfxException e) {
            // no undo grouping in this host: each write is its own step
        }
    }

    void editEnd() {
        if (suite == null) {
            return;
        }
        try {
            suite.editEnd(paramSet);
        } catch (OfxException e) {
            // see editBegin
        }
    }

    private Object local(ParamSpec spec, Object def) {
        return inMemory.getOrDefault(spec.name(), def);
    }

    private Optional<Param> param(ParamSpec spec) {
        if (suite == null) {
            return Optional.empty();
        }
        return handles.computeIfAbsent(spec.name(), n -> {
            try {
                return Optional.of(suite.param(paramSet, n));
            } catch (OfxException e) {
                System.err.println("SAM2Long Roto: the host has no parameter \"" + n + "\" on this instance ("
                        + ErrorReport.describe(e) + "); its value is kept in memory only, from its default");
                return Optional.empty();
            }
        });
    }
}
