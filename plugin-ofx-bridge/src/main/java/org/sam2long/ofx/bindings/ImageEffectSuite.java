package org.sam2long.ofx.bindings;

import com.sun.jna.ptr.PointerByReference;

/** OfxImageEffectSuiteV1: effect and clip property sets, clip images, abort. */
public final class ImageEffectSuite {
    private static final int GET_PROPERTY_SET = 0, GET_PARAM_SET = 1, CLIP_DEFINE = 2, CLIP_GET_HANDLE = 3;
    private static final int CLIP_GET_IMAGE = 5, CLIP_RELEASE_IMAGE = 6, CLIP_GET_ROD = 7, ABORT = 8;

    private final SuiteTable t;
    private final PropertySuite props;

    ImageEffectSuite(long address, PropertySuite props) {
        this.t = new SuiteTable("OfxImageEffectSuite v1", address, 13);
        this.props = props;
    }

    public PropertySet propertySet(long effect) {
        PointerByReference out = new PointerByReference();
        OfxStatus.check(t.callInt(GET_PROPERTY_SET, SuiteTable.ptr(effect), out), "getPropertySet");
        return new PropertySet(props, SuiteTable.addr(out.getValue()));
    }

    /** The effect's parameter set handle. */
    public long paramSet(long effect) {
        PointerByReference out = new PointerByReference();
        OfxStatus.check(t.callInt(GET_PARAM_SET, SuiteTable.ptr(effect), out), "getParamSet");
        return SuiteTable.addr(out.getValue());
    }

    /** Declares a clip (describe-in-context only); returns its descriptor properties. */
    public PropertySet clipDefine(long effect, String name) {
        PointerByReference out = new PointerByReference();
        OfxStatus.check(t.callInt(CLIP_DEFINE, SuiteTable.ptr(effect), name, out), "clipDefine(" + name + ")");
        return new PropertySet(props, SuiteTable.addr(out.getValue()));
    }

    public Clip clip(long effect, String name) {
        PointerByReference clip = new PointerByReference();
        PointerByReference clipProps = new PointerByReference();
        OfxStatus.check(t.callInt(CLIP_GET_HANDLE, SuiteTable.ptr(effect), name, clip, clipProps),
                "clipGetHandle(" + name + ")");
        return new Clip(this, name, SuiteTable.addr(clip.getValue()),
                new PropertySet(props, SuiteTable.addr(clipProps.getValue())));
    }

    /** The clip's image at {@code time}, or null when the host has none there (kOfxStatFailed). */
    Image image(Clip clip, double time) {
        PointerByReference out = new PointerByReference();
        int status = t.callInt(CLIP_GET_IMAGE, SuiteTable.ptr(clip.handle()), time, null, out);
        if (status == OfxStatus.FAILED) {
            return null;
        }
        OfxStatus.check(status, "clipGetImage(" + clip.name() + ", " + time + ")");
        return new Image(this, new PropertySet(props, SuiteTable.addr(out.getValue())));
    }

    void release(Image image) {
        OfxStatus.check(t.callInt(CLIP_RELEASE_IMAGE, SuiteTable.ptr(image.properties().handle())), "clipReleaseImage");
    }

    /** Region of definition in canonical coordinates: x1, y1, x2, y2. */
    double[] regionOfDefinition(Clip clip, double time) {
        double[] rect = new double[4];
        OfxStatus.check(t.callInt(CLIP_GET_ROD, SuiteTable.ptr(clip.handle()), time, rect),
                "clipGetRegionOfDefinition(" + clip.name() + ")");
        return rect;
    }

    /** True when the host asks the effect to stop what it is doing. */
    public boolean abort(long effect) {
        return t.callInt(ABORT, SuiteTable.ptr(effect)) != 0;
    }
}
