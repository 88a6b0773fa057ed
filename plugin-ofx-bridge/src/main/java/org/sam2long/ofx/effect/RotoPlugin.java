package org.sam2long.ofx.effect;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.OfxException;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.bindings.Suites;

/** The plug-in for one setHost: the action table, the factory and the live instances. */
final class RotoPlugin {
    private final Suites suites;
    private final ErrorReport errors;
    private final RotoFactory factory;
    private final Map<Long, RotoInstance> instances = new ConcurrentHashMap<>();
    private final Map<Action, ActionHandler> table = new EnumMap<>(Action.class);
    private final Map<Action, ActionHandler> overlayTable = new EnumMap<>(Action.class);

    RotoPlugin(Suites suites, ErrorReport errors, RotoFactory factory) {
        this.suites = suites;
        this.errors = errors;
        this.factory = factory;
        ActionHandler ok = c -> OfxStatus.OK;
        table.put(Action.UNLOAD, c -> unload());
        // Load and Describe are answered by the native shim (sam2long_ofx.c), so a host scan never starts Java
        table.put(Action.DESCRIBE_IN_CONTEXT, c -> factory.describeInContext(c.handle(), c.in().getString(Ofx.CONTEXT)));
        table.put(Action.CREATE_INSTANCE, c -> create(c.handle()));
        table.put(Action.DESTROY_INSTANCE, c -> destroy(c.handle()));
        table.put(Action.BEGIN_INSTANCE_CHANGED, ok);
        table.put(Action.INSTANCE_CHANGED, c -> instance(c).changed(c.in()));
        table.put(Action.END_INSTANCE_CHANGED, ok);
        table.put(Action.GET_CLIP_PREFERENCES, c -> instance(c).clipPreferences(c.out()));
        table.put(Action.RENDER, c -> instance(c).render(c.in()));
        table.put(Action.BEGIN_SEQUENCE_RENDER, ok);
        table.put(Action.END_SEQUENCE_RENDER, ok);
        table.put(Action.PURGE_CACHES, ok);
        table.put(Action.SYNC_PRIVATE_DATA, ok);

        overlayTable.put(Action.DESCRIBE, ok);
        overlayTable.put(Action.CREATE_INSTANCE, ok);
        overlayTable.put(Action.DESTROY_INSTANCE, ok);
        overlayTable.put(Action.DRAW, c -> overlay(c).draw(c.in()));
        overlayTable.put(Action.PEN_DOWN, c -> overlay(c).penDown(c.in()));
        overlayTable.put(Action.PEN_MOTION, c -> overlay(c).penMotion(c.in()));
        overlayTable.put(Action.PEN_UP, c -> overlay(c).penUp(c.handle(), c.in()));
        overlayTable.put(Action.KEY_DOWN, c -> overlay(c).key(c.in(), true));
        overlayTable.put(Action.KEY_UP, c -> overlay(c).key(c.in(), false));
    }

    Suites suites() { return suites; }

    ErrorReport errors() { return errors; }

    int dispatch(ActionCall call) throws Exception {
        ActionHandler h = table.get(call.action());
        return h == null ? OfxStatus.REPLY_DEFAULT : h.handle(call);
    }

    /** Overlay interact actions; the handle is the interact, the effect comes in the arguments. */
    int dispatchOverlay(ActionCall call) throws Exception {
        ActionHandler h = overlayTable.get(call.action());
        return h == null ? OfxStatus.REPLY_DEFAULT : h.handle(call);
    }

    /** The effect handle an overlay action is about (kOfxPropEffectInstance), or 0. */
    long overlayEffect(ActionCall c) {
        return c.in().handle() != 0 && c.in().has(Ofx.PROP_EFFECT_INSTANCE) ? c.in().getPointer(Ofx.PROP_EFFECT_INSTANCE) : 0;
    }

    private PromptOverlay overlay(ActionCall c) {
        RotoInstance i = instances.get(overlayEffect(c));
        if (i == null) {
            throw new OfxException(OfxStatus.ERR_BAD_HANDLE, c.action() + " for an effect instance this plug-in does not know");
        }
        return i.overlay();
    }

    private int create(long handle) {
        instances.put(handle, factory.createInstance(handle));
        return OfxStatus.OK;
    }

    private int destroy(long handle) {
        RotoInstance i = instances.remove(handle);
        if (i != null) {
            i.destroy();
        }
        return OfxStatus.OK;
    }

    private int unload() {
        instances.values().forEach(RotoInstance::destroy);
        instances.clear();
        return OfxStatus.OK;
    }

    private RotoInstance instance(ActionCall c) {
        RotoInstance i = instances.get(c.handle());
        if (i == null) {
            throw new OfxException(OfxStatus.ERR_BAD_HANDLE, c.action() + " on an instance that was never created");
        }
        return i;
    }
}
