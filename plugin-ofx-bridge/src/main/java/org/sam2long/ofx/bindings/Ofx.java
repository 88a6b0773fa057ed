package org.sam2long.ofx.bindings;

/** String constants from the OFX headers that the plug-in uses, under shorter Java names. */
public final class Ofx {
    private Ofx() {}

    // suites
    public static final String PROPERTY_SUITE = "OfxPropertySuite";
    public static final String IMAGE_EFFECT_SUITE = "OfxImageEffectSuite";
    public static final String PARAMETER_SUITE = "OfxParameterSuite";
    public static final String MEMORY_SUITE = "OfxMemorySuite";
    public static final String MESSAGE_SUITE = "OfxMessageSuite";
    public static final String PROGRESS_SUITE = "OfxProgressSuite";
    public static final String MULTI_THREAD_SUITE = "OfxMultiThreadSuite";
    public static final String INTERACT_SUITE = "OfxInteractSuite";
    public static final String DRAW_SUITE = "OfxDrawSuite";

    // general properties
    public static final String PROP_LABEL = "OfxPropLabel";
    public static final String PROP_SHORT_LABEL = "OfxPropShortLabel";
    public static final String PROP_LONG_LABEL = "OfxPropLongLabel";
    public static final String PROP_NAME = "OfxPropName";
    public static final String PROP_TIME = "OfxPropTime";
    public static final String PROP_TYPE = "OfxPropType";
    public static final String PROP_CHANGE_REASON = "OfxPropChangeReason";
    public static final String PROP_VERSION = "OfxPropVersion";
    public static final String PROP_VERSION_LABEL = "OfxPropVersionLabel";
    public static final String PROP_PLUGIN_DESCRIPTION = "OfxPropPluginDescription";
    public static final String PROP_IS_INTERACTIVE = "OfxPropIsInteractive";
    public static final String PROP_EFFECT_INSTANCE = "OfxPropEffectInstance";
    public static final String CHANGE_USER_EDITED = "OfxChangeUserEdited";
    public static final String CHANGE_PLUGIN_EDITED = "OfxChangePluginEdited";
    public static final String TYPE_PARAMETER = "OfxTypeParameter";
    public static final String TYPE_CLIP = "OfxTypeClip";

    // image effect
    public static final String GROUPING = "OfxImageEffectPluginPropGrouping";
    public static final String SUPPORTED_CONTEXTS = "OfxImageEffectPropSupportedContexts";
    public static final String CONTEXT = "OfxImageEffectPropContext";
    public static final String CONTEXT_FILTER = "OfxImageEffectContextFilter";
    public static final String CONTEXT_GENERAL = "OfxImageEffectContextGeneral";
    public static final String SUPPORTED_PIXEL_DEPTHS = "OfxImageEffectPropSupportedPixelDepths";
    public static final String SUPPORTED_COMPONENTS = "OfxImageEffectPropSupportedComponents";
    public static final String SUPPORTS_TILES = "OfxImageEffectPropSupportsTiles";
    public static final String SUPPORTS_MULTI_RESOLUTION = "OfxImageEffectPropSupportsMultiResolution";
    public static final String TEMPORAL_CLIP_ACCESS = "OfxImageEffectPropTemporalClipAccess";
    public static final String RENDER_THREAD_SAFETY = "OfxImageEffectPluginRenderThreadSafety";
    public static final String RENDER_FULLY_SAFE = "OfxImageEffectRenderFullySafe";
    public static final String HOST_FRAME_THREADING = "OfxImageEffectPluginPropHostFrameThreading";
    public static final String SEQUENTIAL_RENDER = "OfxImageEffectInstancePropSequentialRender";
    public static final String SINGLE_INSTANCE = "OfxImageEffectPluginPropSingleInstance";
    public static final String CLIP_PREFERENCES_SLAVE_PARAM = "OfxImageEffectPropClipPreferencesSlaveParam";
    public static final String OVERLAY_INTERACT_V1 = "OfxImageEffectPluginPropOverlayInteractV1";
    public static final String OVERLAY_INTERACT_V2 = "OfxImageEffectPluginPropOverlayInteractV2";
    public static final String SUPPORTS_OVERLAYS = "OfxImageEffectPropSupportsOverlays";
    public static final String API_VERSION = "OfxPropAPIVersion";
    public static final String OPENGL_RENDER_SUPPORTED = "OfxImageEffectPropOpenGLRenderSupported";
    public static final String PIXEL_DEPTH = "OfxImageEffectPropPixelDepth";
    public static final String COMPONENTS = "OfxImageEffectPropComponents";
    public static final String PREMULTIPLICATION = "OfxImageEffectPropPreMultiplication";
    public static final String RENDER_SCALE = "OfxImageEffectPropRenderScale";
    public static final String RENDER_WINDOW = "OfxImageEffectPropRenderWindow";
    public static final String FRAME_RANGE = "OfxImageEffectPropFrameRange";
    public static final String FRAME_RATE = "OfxImageEffectPropFrameRate";
    public static final String IS_BACKGROUND = "OfxImageEffectHostPropIsBackground";
    public static final String DEPTH_BYTE = "OfxBitDepthByte";
    public static final String DEPTH_SHORT = "OfxBitDepthShort";
    public static final String DEPTH_FLOAT = "OfxBitDepthFloat";
    public static final String COMPONENT_RGBA = "OfxImageComponentRGBA";
    public static final String COMPONENT_RGB = "OfxImageComponentRGB";
    public static final String COMPONENT_ALPHA = "OfxImageComponentAlpha";
    public static final String IMAGE_OPAQUE = "OfxImageOpaque";
    public static final String IMAGE_PREMULTIPLIED = "OfxImageAlphaPremultiplied";
    public static final String IMAGE_UNPREMULTIPLIED = "OfxImageAlphaUnPremultiplied";
    public static final String CLIP_SOURCE = "Source";
    public static final String CLIP_OUTPUT = "Output";
    public static final String CLIP_CONNECTED = "OfxImageClipPropConnected";
    public static final String CLIP_IS_MASK = "OfxImageClipPropIsMask";
    public static final String CLIP_OPTIONAL = "OfxImageClipPropOptional";
    /** Clip preference keys are this prefix plus the clip name. */
    public static final String CLIP_PREF_COMPONENTS = "OfxImageClipPropComponents_";
    public static final String IMAGE_DATA = "OfxImagePropData";
    public static final String IMAGE_BOUNDS = "OfxImagePropBounds";
    public static final String IMAGE_ROW_BYTES = "OfxImagePropRowBytes";

    // interacts
    public static final String PEN_POSITION = "OfxInteractPropPenPosition";
    public static final String PIXEL_SCALE = "OfxInteractPropPixelScale";
    public static final String DRAW_CONTEXT = "OfxInteractPropDrawContext";
    public static final String KEY_SYM = "kOfxPropKeySym";
    public static final int KEY_SHIFT_L = 0xFFE1;
    public static final int KEY_SHIFT_R = 0xFFE2;

    // parameters
    public static final String PARAM_INTEGER = "OfxParamTypeInteger";
    public static final String PARAM_DOUBLE = "OfxParamTypeDouble";
    public static final String PARAM_BOOLEAN = "OfxParamTypeBoolean";
    public static final String PARAM_CHOICE = "OfxParamTypeChoice";
    public static final String PARAM_STRING = "OfxParamTypeString";
    public static final String PARAM_PUSH_BUTTON = "OfxParamTypePushButton";
    public static final String PARAM_GROUP = "OfxParamTypeGroup";
    public static final String PARAM_HINT = "OfxParamPropHint";
    public static final String PARAM_DEFAULT = "OfxParamPropDefault";
    public static final String PARAM_MIN = "OfxParamPropMin";
    public static final String PARAM_MAX = "OfxParamPropMax";
    public static final String PARAM_DISPLAY_MIN = "OfxParamPropDisplayMin";
    public static final String PARAM_DISPLAY_MAX = "OfxParamPropDisplayMax";
    public static final String PARAM_SECRET = "OfxParamPropSecret";
    public static final String PARAM_ANIMATES = "OfxParamPropAnimates";
    public static final String PARAM_PERSISTANT = "OfxParamPropPersistant";
    public static final String PARAM_EVALUATE_ON_CHANGE = "OfxParamPropEvaluateOnChange";
    public static final String PARAM_CAN_UNDO = "OfxParamPropCanUndo";
    public static final String PARAM_PARENT = "OfxParamPropParent";
    public static final String PARAM_CHOICE_OPTION = "OfxParamPropChoiceOption";
    public static final String PARAM_STRING_MODE = "OfxParamPropStringMode";
    public static final String STRING_SINGLE_LINE = "OfxParamStringIsSingleLine";
    public static final String STRING_MULTI_LINE = "OfxParamStringIsMultiLine";
    public static final String STRING_DIRECTORY = "OfxParamStringIsDirectoryPath";

    // messages
    public static final String MESSAGE_ERROR = "OfxMessageError";
    public static final String MESSAGE_WARNING = "OfxMessageWarning";
    public static final String MESSAGE_MESSAGE = "OfxMessageMessage";
    public static final String MESSAGE_LOG = "OfxMessageLog";

    /** Channels per pixel for an OFX components string. */
    public static int channels(String components) {
        return switch (components) {
            case COMPONENT_RGBA -> 4;
            case COMPONENT_RGB -> 3;
            case COMPONENT_ALPHA -> 1;
            default -> throw new OfxException(OfxStatus.ERR_UNSUPPORTED, "image components " + components + " are not supported");
        };
    }
}
