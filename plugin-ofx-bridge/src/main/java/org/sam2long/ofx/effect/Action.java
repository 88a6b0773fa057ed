package org.sam2long.ofx.effect;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The OFX actions the plug-in knows, keyed by their action strings; anything else is {@link #OTHER}. */
enum Action {
    LOAD("OfxActionLoad"),
    UNLOAD("OfxActionUnload"),
    DESCRIBE("OfxActionDescribe"),
    DESCRIBE_IN_CONTEXT("OfxImageEffectActionDescribeInContext"),
    CREATE_INSTANCE("OfxActionCreateInstance"),
    DESTROY_INSTANCE("OfxActionDestroyInstance"),
    BEGIN_INSTANCE_CHANGED("OfxActionBeginInstanceChanged"),
    INSTANCE_CHANGED("OfxActionInstanceChanged"),
    END_INSTANCE_CHANGED("OfxActionEndInstanceChanged"),
    GET_CLIP_PREFERENCES("OfxImageEffectActionGetClipPreferences"),
    IS_IDENTITY("OfxImageEffectActionIsIdentity"),
    RENDER("OfxImageEffectActionRender"),
    BEGIN_SEQUENCE_RENDER("OfxImageEffectActionBeginSequenceRender"),
    END_SEQUENCE_RENDER("OfxImageEffectActionEndSequenceRender"),
    PURGE_CACHES("OfxActionPurgeCaches"),
    SYNC_PRIVATE_DATA("OfxActionSyncPrivateData"),
    // overlay interact actions (Describe, CreateInstance and DestroyInstance share the strings above)
    DRAW("OfxInteractActionDraw"),
    PEN_DOWN("OfxInteractActionPenDown"),
    PEN_MOTION("OfxInteractActionPenMotion"),
    PEN_UP("OfxInteractActionPenUp"),
    KEY_DOWN("OfxInteractActionKeyDown"),
    KEY_UP("OfxInteractActionKeyUp"),
    OTHER("");

    private static final Map<String, Action> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(a -> a.id, Function.identity()));

    private final String id;

    Action(String id) { this.id = id; }

    static Action of(String id) { return BY_ID.getOrDefault(id, OTHER); }

    /** True for actions on an effect instance (messages about them go to that instance). */
    boolean onInstance() {
        return this != LOAD && this != UNLOAD && this != DESCRIBE && this != DESCRIBE_IN_CONTEXT && this != OTHER;
    }
}
