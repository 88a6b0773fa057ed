package org.sam2long.ofx.effect;

import java.util.List;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.bindings.PropertySet;
import org.sam2long.ofx.bindings.Refusals;
import org.sam2long.ofx.bindings.Suites;
import org.sam2long.ofx.presets.PresetChoices;
import org.sam2long.ofx.track.ClickPreview;
import org.sam2long.ofx.track.EngineTracker;

/**
 * Describes the effect in a context (clips, parameters; the native shim describes the effect itself,
 * so a host's plug-in scan never starts Java) and creates instances, handing each what the plug-in's
 * Guice module provides (settings reader, presets, a tracker of its own).
 */
final class RotoFactory {
    private final Suites suites;
    private final InstanceSettings.Reader settings;
    private final PresetChoices presets;
    private final EngineTracker.Factory trackers;
    private final ClickPreview.Factory previewers;

    RotoFactory(Suites suites, InstanceSettings.Reader settings, PresetChoices presets, EngineTracker.Factory trackers,
                ClickPreview.Factory previewers) {
        this.suites = suites;
        this.settings = settings;
        this.presets = presets;
        this.trackers = trackers;
        this.previewers = previewers;
    }

    /**
     * Clips and parameters. Defining them is required; their properties beyond the clips' components
     * are optional: a host that refuses one (an older or stricter host) still gets a working effect,
     * and one log line names what it refused.
     */
    int describeInContext(long effect, String context) {
        Refusals refused = new Refusals();
        PropertySet source = suites.imageEffect().clipDefine(effect, Ofx.CLIP_SOURCE);
        source.set(Ofx.SUPPORTED_COMPONENTS, List.of(Ofx.COMPONENT_RGBA, Ofx.COMPONENT_RGB));
        source.lenient(refused).set(Ofx.TEMPORAL_CLIP_ACCESS, 1).set(Ofx.SUPPORTS_TILES, 0);
        PropertySet output = suites.imageEffect().clipDefine(effect, Ofx.CLIP_OUTPUT);
        output.set(Ofx.SUPPORTED_COMPONENTS, List.of(Ofx.COMPONENT_RGBA, Ofx.COMPONENT_ALPHA));
        output.lenient(refused).set(Ofx.SUPPORTS_TILES, 0);
        ParamDeclarer declarer = new ParamDeclarer(suites.parameter(), suites.imageEffect().paramSet(effect), refused);
        RotoParams.ALL.forEach(declarer::declare);
        if (!refused.isEmpty()) {
            System.err.println("SAM2Long Roto: describe in context " + context + ": " + refused.summary("clips and parameters"));
        }
        return OfxStatus.OK;
    }

    /** Cheap on purpose: hosts create throw-away instances; nothing is read until it is needed. */
    RotoInstance createInstance(long handle) {
        return new RotoInstance(handle, suites, settings, presets, trackers, previewers);
    }
}
