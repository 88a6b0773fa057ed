package org.sam2long.ofx.effect;

import java.util.List;
import org.sam2long.ofx.bindings.NativeShim;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.bindings.PropertySet;
import org.sam2long.ofx.bindings.Suites;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.ofx.track.EngineTracker;

/**
 * Describes the effect (what it declares) and creates instances, handing each what the plug-in's
 * Guice module provides (settings reader, presets, a tracker of its own).
 */
final class RotoFactory {
    static final String ID = "org.sam2long.roto.SAM2LongRoto";
    static final int VERSION_MAJOR = 1;
    static final int VERSION_MINOR = 0;

    private final Suites suites;
    private final InstanceSettings.Reader settings;
    private final PresetChoices presets;
    private final EngineTracker.Factory trackers;

    RotoFactory(Suites suites, InstanceSettings.Reader settings, PresetChoices presets, EngineTracker.Factory trackers) {
        this.suites = suites;
        this.settings = settings;
        this.presets = presets;
        this.trackers = trackers;
    }

    int describe(PropertySet effect) {
        effect.set(Ofx.PROP_LABEL, "SAM2Long Roto")
                .set(Ofx.PROP_SHORT_LABEL, "SAM2Long")
                .set(Ofx.PROP_LONG_LABEL, "SAM2Long Roto (SAM 2 tracking mattes)")
                .set(Ofx.GROUPING, "Keyer")
                .set(Ofx.PROP_PLUGIN_DESCRIPTION, "Click an object, press Track, get a matte on every frame.")
                .set(Ofx.PROP_VERSION_LABEL, VERSION_MAJOR + "." + VERSION_MINOR)
                .set(Ofx.SUPPORTED_CONTEXTS, List.of(Ofx.CONTEXT_FILTER, Ofx.CONTEXT_GENERAL))
                .set(Ofx.SUPPORTED_PIXEL_DEPTHS, List.of(Ofx.DEPTH_FLOAT, Ofx.DEPTH_SHORT, Ofx.DEPTH_BYTE))
                .set(Ofx.SUPPORTS_TILES, 0)
                .set(Ofx.SUPPORTS_MULTI_RESOLUTION, 0)
                .set(Ofx.TEMPORAL_CLIP_ACCESS, 1)
                .set(Ofx.RENDER_THREAD_SAFETY, Ofx.RENDER_FULLY_SAFE)
                .set(Ofx.HOST_FRAME_THREADING, 0)
                .set(Ofx.SINGLE_INSTANCE, 0)
                .set(Ofx.CLIP_PREFERENCES_SLAVE_PARAM, RotoParams.OUTPUT_MODE.name());
        long overlay = NativeShim.address("s2l_overlay_main");
        effect.setPointer(Ofx.OVERLAY_INTERACT_V1, overlay).setPointer(Ofx.OVERLAY_INTERACT_V2, overlay);
        effect.suite().setInt(effect.handle(), Ofx.PROP_VERSION, 0, VERSION_MAJOR);
        effect.suite().setInt(effect.handle(), Ofx.PROP_VERSION, 1, VERSION_MINOR);
        return OfxStatus.OK;
    }

    int describeInContext(long effect, String context) {
        PropertySet source = suites.imageEffect().clipDefine(effect, Ofx.CLIP_SOURCE);
        source.set(Ofx.SUPPORTED_COMPONENTS, List.of(Ofx.COMPONENT_RGBA, Ofx.COMPONENT_RGB))
                .set(Ofx.TEMPORAL_CLIP_ACCESS, 1)
                .set(Ofx.SUPPORTS_TILES, 0);
        PropertySet output = suites.imageEffect().clipDefine(effect, Ofx.CLIP_OUTPUT);
        output.set(Ofx.SUPPORTED_COMPONENTS, List.of(Ofx.COMPONENT_RGBA, Ofx.COMPONENT_ALPHA))
                .set(Ofx.SUPPORTS_TILES, 0);
        ParamDeclarer declarer = new ParamDeclarer(suites.parameter(), suites.imageEffect().paramSet(effect));
        RotoParams.ALL.forEach(declarer::declare);
        return OfxStatus.OK;
    }

    /** Cheap on purpose: hosts create throw-away instances; nothing is read until it is needed. */
    RotoInstance createInstance(long handle) {
        return new RotoInstance(handle, suites, settings, presets, trackers);
    }
}
