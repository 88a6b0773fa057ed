package org.sam2long.ofx.bindings;

import com.sun.jna.ptr.PointerByReference;

/** OfxInteractSuiteV1: redraw requests and an interact's property set. */
public final class InteractSuite {
    private static final int SWAP_BUFFERS = 0, REDRAW = 1, GET_PROPERTY_SET = 2;

    private final SuiteTable t;
    private final PropertySuite props;

    InteractSuite(long address, PropertySuite props) {
        this.t = new SuiteTable("OfxInteractSuite v1", address, 3);
        this.props = props;
    }

    public void redraw(long interact) { t.callInt(REDRAW, SuiteTable.ptr(interact)); }

    public void swapBuffers(long interact) { t.callInt(SWAP_BUFFERS, SuiteTable.ptr(interact)); }

    public PropertySet propertySet(long interact) {
        PointerByReference out = new PointerByReference();
        OfxStatus.check(t.callInt(GET_PROPERTY_SET, SuiteTable.ptr(interact), out), "interactGetPropertySet");
        return new PropertySet(props, SuiteTable.addr(out.getValue()));
    }
}
