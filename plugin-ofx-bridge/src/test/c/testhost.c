/*
 * A minimal OpenFX host for CI: loads the SAM2Long Roto bundle, implements the suites the plug-in
 * uses (property, image effect, parameter, memory, multithread, message v1/v2, progress v1/v2,
 * interact) minimally but per the OFX 1.4 spec, feeds a synthetic clip, and runs the scenarios the
 * plug-in must survive in a real host.
 *
 * Usage: testhost BUNDLE_DIR OUT_DIR
 *   Writes OUT_DIR/A_<frame>.pgm (the Alpha output of every frame after the first track) with the
 *   prompts in prompts_A.json, OUT_DIR/B_<frame>.pgm after a correction and re-track with
 *   prompts_B.json, and prints one "ok - NAME" or "not ok - NAME" line per scenario. Exit status 0
 *   when every scenario passed.
 *
 * Synthetic clip (mirrored by the Java tests' DiscClip): 160x120 RGBA float, 24 frames (0..23), every
 * channel an 8-bit value / 255. A saturated red disc (220, 40, 40) of radius 18 centred at
 * (40 + 80 t / 23, 60 + 15 sin(0.3 t)) in top-left pixel coordinates (a pixel (x, y) is inside when
 * (x + 0.5 - cx)^2 + (y + 0.5 - cy)^2 <= 18^2) over a darker blue-grey background: a horizontal ramp
 * plus 0..16 of per-pixel noise that changes with t % 7 (see clip_colour).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ofxCore.h"
#include "ofxDrawSuite.h"
#include "ofxImageEffect.h"
#include "ofxInteract.h"
#include "ofxKeySyms.h"
#include "ofxMemory.h"
#include "ofxMessage.h"
#include "ofxMultiThread.h"
#include "ofxParam.h"
#include "ofxProgress.h"
#include "ofxProperty.h"

#define W 160
#define H 120
#define FRAMES 24
#define RADIUS 18.0
#define MAXV 32
#define PLUGIN_ID "org.sam2long.roto.SAM2LongRoto"
#define MIN_IOU 0.90      /* every frame, real engine with the bundled demo model (measured: 0.933 .. 0.994) */
#define MIN_MEAN_IOU 0.95 /* over the clip (measured: 0.982) */
#define CORRECTION_FRAME 12

static const int DISC[3] = {220, 40, 40};

/* ======================================================================= property sets */

typedef enum { T_INT, T_DOUBLE, T_STRING, T_POINTER } PType;

typedef struct Prop {
    char *name;
    PType type;
    int n;
    union {
        int i[MAXV];
        double d[MAXV];
        char *s[MAXV];
        void *p[MAXV];
    } v;
    struct Prop *next;
} Prop;

#define PROPSET_MAGIC 0x50524f50
typedef struct PropSet {
    int magic;
    pthread_mutex_t mu;
    Prop *head;
    const char *const *known; /* when set, the only names a plug-in may set (others: kOfxStatErrUnknown) */
    int refuse_optional;      /* when set, every name but the required ones is refused */
} PropSet;

/* ======================================================================= host modes */

typedef enum { MODE_FULL, MODE_OFX14, MODE_REORDER, MODE_ROWBYTES, MODE_BOOTFAIL } Mode;
static const char *const MODE_NAMES[] = {"full", "ofx14", "reorder", "rowbytes", "bootfail"};
static Mode g_mode = MODE_FULL;

/* The effect descriptor properties an OFX 1.4 host knows (as the HostSupport library does, a strict
   host refuses any other name with kOfxStatErrUnknown): no OverlayInteractV2. */
static const char *const OFX14_EFFECT_PROPS[] = {
    kOfxPropType, kOfxPropLabel, kOfxPropShortLabel, kOfxPropLongLabel, kOfxPropVersion, kOfxPropVersionLabel,
    kOfxPropPluginDescription, kOfxImageEffectPropSupportedContexts, kOfxImageEffectPluginPropGrouping,
    kOfxImageEffectPluginPropSingleInstance, kOfxImageEffectPluginRenderThreadSafety,
    kOfxImageEffectPluginPropHostFrameThreading, kOfxImageEffectPluginPropOverlayInteractV1,
    kOfxImageEffectPropSupportsMultiResolution, kOfxImageEffectPropSupportsTiles, kOfxImageEffectPropTemporalClipAccess,
    kOfxImageEffectPropSupportedPixelDepths, kOfxImageEffectPluginPropFieldRenderTwiceAlways,
    kOfxImageEffectPropSupportsMultipleClipDepths, kOfxImageEffectPropSupportsMultipleClipPARs,
    kOfxImageEffectPropClipPreferencesSlaveParam, kOfxImageEffectInstancePropSequentialRender, kOfxPluginPropFilePath, NULL};

/* What an effect cannot do without: everything else may be refused by a host. */
static const char *const REQUIRED_PROPS[] = {
    kOfxImageEffectPropSupportedContexts, kOfxImageEffectPropSupportedPixelDepths, kOfxImageEffectPropSupportedComponents, NULL};

static int listed(const char *const *list, const char *name) {
    for (; *list; list++)
        if (!strcmp(*list, name)) return 1;
    return 0;
}

static void ps_init(PropSet *ps) {
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&ps->mu, &a);
    ps->magic = PROPSET_MAGIC;
    ps->head = NULL;
    ps->known = NULL;
    ps->refuse_optional = 0;
}

static Prop *ps_find(PropSet *ps, const char *name) {
    for (Prop *p = ps->head; p; p = p->next)
        if (!strcmp(p->name, name)) return p;
    return NULL;
}

/* Finds or creates a property of that type; NULL on a type clash. Caller holds the lock. */
static Prop *ps_slot(PropSet *ps, const char *name, PType type, int index) {
    if (index < 0 || index >= MAXV) return NULL;
    Prop *p = ps_find(ps, name);
    if (!p) {
        p = calloc(1, sizeof *p);
        p->name = strdup(name);
        p->type = type;
        p->next = ps->head;
        ps->head = p;
    }
    if (p->type != type) return NULL;
    if (index >= p->n) {
        for (int k = p->n; k <= index; k++) {
            if (type == T_STRING) p->v.s[k] = strdup("");
        }
        p->n = index + 1;
    }
    return p;
}

static void ps_copy(PropSet *dst, PropSet *src) {
    for (Prop *p = src->head; p; p = p->next) {
        for (int k = 0; k < p->n; k++) {
            Prop *q = ps_slot(dst, p->name, p->type, k);
            if (p->type == T_STRING) q->v.s[k] = strdup(p->v.s[k]);
            else q->v = p->v;
        }
    }
}

#define PS(h) ((PropSet *)(h))
#define CHECK_PS(h) do { if (!(h) || PS(h)->magic != PROPSET_MAGIC) return kOfxStatErrBadHandle; } while (0)

static OfxStatus set_any(OfxPropertySetHandle h, const char *name, PType type, int index, const void *value) {
    CHECK_PS(h);
    PropSet *ps = PS(h);
    if (!name) return kOfxStatErrValue;
    if (ps->known && !listed(ps->known, name)) return kOfxStatErrUnknown;
    if (ps->refuse_optional && !listed(REQUIRED_PROPS, name)) return kOfxStatErrUnknown;
    pthread_mutex_lock(&ps->mu);
    Prop *p = ps_slot(ps, name, type, index);
    OfxStatus st = kOfxStatOK;
    if (!p) st = index < 0 || index >= MAXV ? kOfxStatErrBadIndex : kOfxStatErrValue;
    else if (type == T_INT) p->v.i[index] = *(const int *)value;
    else if (type == T_DOUBLE) p->v.d[index] = *(const double *)value;
    else if (type == T_STRING) p->v.s[index] = strdup(*(const char *const *)value); /* old value leaks: readers may hold it */
    else p->v.p[index] = *(void *const *)value;
    pthread_mutex_unlock(&ps->mu);
    return st;
}

static OfxStatus get_any(OfxPropertySetHandle h, const char *name, PType type, int index, void *value) {
    CHECK_PS(h);
    PropSet *ps = PS(h);
    pthread_mutex_lock(&ps->mu);
    Prop *p = ps_find(ps, name);
    OfxStatus st = kOfxStatOK;
    if (!p) st = kOfxStatErrUnknown;
    else if (p->type != type) st = kOfxStatErrValue;
    else if (index < 0 || index >= p->n) st = kOfxStatErrBadIndex;
    else if (type == T_INT) *(int *)value = p->v.i[index];
    else if (type == T_DOUBLE) *(double *)value = p->v.d[index];
    else if (type == T_STRING) *(char **)value = p->v.s[index];
    else *(void **)value = p->v.p[index];
    pthread_mutex_unlock(&ps->mu);
    return st;
}

static OfxStatus propSetPointer(OfxPropertySetHandle h, const char *n, int i, void *v) { return set_any(h, n, T_POINTER, i, &v); }
static OfxStatus propSetString(OfxPropertySetHandle h, const char *n, int i, const char *v) { return set_any(h, n, T_STRING, i, &v); }
static OfxStatus propSetDouble(OfxPropertySetHandle h, const char *n, int i, double v) { return set_any(h, n, T_DOUBLE, i, &v); }
static OfxStatus propSetInt(OfxPropertySetHandle h, const char *n, int i, int v) { return set_any(h, n, T_INT, i, &v); }
static OfxStatus propGetPointer(OfxPropertySetHandle h, const char *n, int i, void **v) { return get_any(h, n, T_POINTER, i, v); }
static OfxStatus propGetString(OfxPropertySetHandle h, const char *n, int i, char **v) { return get_any(h, n, T_STRING, i, v); }
static OfxStatus propGetDouble(OfxPropertySetHandle h, const char *n, int i, double *v) { return get_any(h, n, T_DOUBLE, i, v); }
static OfxStatus propGetInt(OfxPropertySetHandle h, const char *n, int i, int *v) { return get_any(h, n, T_INT, i, v); }

static OfxStatus propSetPointerN(OfxPropertySetHandle h, const char *n, int c, void *const *v) {
    for (int i = 0; i < c; i++) { OfxStatus s = propSetPointer(h, n, i, v[i]); if (s) return s; }
    return kOfxStatOK;
}
static OfxStatus propSetStringN(OfxPropertySetHandle h, const char *n, int c, const char *const *v) {
    for (int i = 0; i < c; i++) { OfxStatus s = propSetString(h, n, i, v[i]); if (s) return s; }
    return kOfxStatOK;
}
static OfxStatus propSetDoubleN(OfxPropertySetHandle h, const char *n, int c, const double *v) {
    for (int i = 0; i < c; i++) { OfxStatus s = propSetDouble(h, n, i, v[i]); if (s) return s; }
    return kOfxStatOK;
}
static OfxStatus propSetIntN(OfxPropertySetHandle h, const char *n, int c, const int *v) {
    for (int i = 0; i < c; i++) { OfxStatus s = propSetInt(h, n, i, v[i]); if (s) return s; }
    return kOfxStatOK;
}
static OfxStatus propGetPointerN(OfxPropertySetHandle h, const char *n, int c, void **v) {
    for (int i = 0; i < c; i++) { OfxStatus s = propGetPointer(h, n, i, &v[i]); if (s) return s; }
    return kOfxStatOK;
}
static OfxStatus propGetStringN(OfxPropertySetHandle h, const char *n, int c, char **v) {
    for (int i = 0; i < c; i++) { OfxStatus s = propGetString(h, n, i, &v[i]); if (s) return s; }
    return kOfxStatOK;
}
static OfxStatus propGetDoubleN(OfxPropertySetHandle h, const char *n, int c, double *v) {
    for (int i = 0; i < c; i++) { OfxStatus s = propGetDouble(h, n, i, &v[i]); if (s) return s; }
    return kOfxStatOK;
}
static OfxStatus propGetIntN(OfxPropertySetHandle h, const char *n, int c, int *v) {
    for (int i = 0; i < c; i++) { OfxStatus s = propGetInt(h, n, i, &v[i]); if (s) return s; }
    return kOfxStatOK;
}
static OfxStatus propReset(OfxPropertySetHandle h, const char *n) {
    CHECK_PS(h);
    return ps_find(PS(h), n) ? kOfxStatOK : kOfxStatErrUnknown;
}
static OfxStatus propGetDimension(OfxPropertySetHandle h, const char *n, int *count) {
    CHECK_PS(h);
    pthread_mutex_lock(&PS(h)->mu);
    Prop *p = ps_find(PS(h), n);
    if (p) *count = p->n;
    pthread_mutex_unlock(&PS(h)->mu);
    return p ? kOfxStatOK : kOfxStatErrUnknown;
}

static OfxPropertySuiteV1 g_prop_suite = {
    propSetPointer, propSetString, propSetDouble, propSetInt, propSetPointerN, propSetStringN, propSetDoubleN,
    propSetIntN, propGetPointer, propGetString, propGetDouble, propGetInt, propGetPointerN, propGetStringN,
    propGetDoubleN, propGetIntN, propReset, propGetDimension,
};

/* convenience for the host's own use */
static void sets(PropSet *ps, const char *n, const char *v) { propSetString((OfxPropertySetHandle)ps, n, 0, v); }
static void seti(PropSet *ps, const char *n, int v) { propSetInt((OfxPropertySetHandle)ps, n, 0, v); }
static void setd(PropSet *ps, const char *n, double v) { propSetDouble((OfxPropertySetHandle)ps, n, 0, v); }
static const char *gets(PropSet *ps, const char *n, int i) {
    char *v = NULL;
    return propGetString((OfxPropertySetHandle)ps, n, i, &v) == kOfxStatOK ? v : NULL;
}
static int geti(PropSet *ps, const char *n, int fallback) {
    int v;
    return propGetInt((OfxPropertySetHandle)ps, n, 0, &v) == kOfxStatOK ? v : fallback;
}
static int dim(PropSet *ps, const char *n) {
    int c = -1;
    propGetDimension((OfxPropertySetHandle)ps, n, &c);
    return c;
}

/* ======================================================================= effects, clips, params */

struct Effect;

#define PARAM_MAGIC 0x50415241
typedef struct Param {
    PropSet props; /* first: the param's property set handle is the param's address */
    int magic;
    char *name;
    char *type;
    int ival;
    double dval;
    char *sval;
    struct Effect *owner;
    struct Param *next;
} Param;

typedef struct ParamSet {
    PropSet props;
    Param *head;
    struct Effect *owner;
} ParamSet;

#define CLIP_MAGIC 0x434c4950
typedef struct Clip {
    PropSet props;
    int magic;
    char name[64];
    struct Effect *owner;
} Clip;

#define EFFECT_MAGIC 0x45464654
typedef struct Effect {
    PropSet props;
    int magic;
    ParamSet params;
    Clip clips[4];
    int nclips;
    int is_instance;
    /* test controls and counters */
    atomic_int progress_updates;
    atomic_int progress_starts;
    atomic_int progress_ends;
    int cancel_after;      /* progressUpdate answers "cancel" from this update on (0 = never) */
    int progress_delay_ms; /* slows tracking down so a test can act during it */
    atomic_int abort_flag;
    atomic_int plugin_edits;
} Effect;

static pthread_mutex_t g_param_mu = PTHREAD_MUTEX_INITIALIZER;
static OfxPlugin *g_plugin;
static atomic_int g_messages, g_error_messages, g_live_images, g_source_fetches;
static const char *g_outdir;
static char g_cache_dir[1024];

static OfxStatus call(const char *action, const void *handle, PropSet *in, PropSet *out) {
    return g_plugin->mainEntry(action, handle, (OfxPropertySetHandle)in, (OfxPropertySetHandle)out);
}

static Effect *effect_new(int is_instance) {
    Effect *e = calloc(1, sizeof *e);
    e->magic = EFFECT_MAGIC;
    ps_init(&e->props);
    ps_init(&e->params.props);
    e->params.owner = e;
    e->is_instance = is_instance;
    return e;
}

static Param *param_find(Effect *e, const char *name) {
    for (Param *p = e->params.head; p; p = p->next)
        if (!strcmp(p->name, name)) return p;
    return NULL;
}

static Clip *clip_find(Effect *e, const char *name) {
    for (int i = 0; i < e->nclips; i++)
        if (!strcmp(e->clips[i].name, name)) return &e->clips[i];
    return NULL;
}

/* ======================================================================= synthetic clip */

static void disc_centre(int t, double *cx, double *cy) {
    *cx = 40.0 + 80.0 * t / 23.0;
    *cy = 60.0 + 15.0 * sin(0.3 * t);
}

static int inside_disc(int t, int x, int ytop) {
    double cx, cy;
    disc_centre(t, &cx, &cy);
    double dx = x + 0.5 - cx, dy = ytop + 0.5 - cy;
    return dx * dx + dy * dy <= RADIUS * RADIUS;
}

/* 0..16: a hash of the pixel and t % 7, in unsigned 32-bit arithmetic (Java's int arithmetic, same bits). */
static int noise(int x, int ytop, int t) {
    uint32_t h = (uint32_t)x * 73856093u ^ (uint32_t)ytop * 19349663u ^ (uint32_t)(t % 7) * 83492791u;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
    return (int)((h & 0xff) % 17);
}

/* The clip's colour at (x, ytop) on frame t, as floats (8-bit value / 255). */
static void clip_colour(int t, int x, int ytop, float rgb[3]) {
    int c[3];
    if (inside_disc(t, x, ytop)) {
        memcpy(c, DISC, sizeof c);
    } else {
        int n = noise(x, ytop, t) - 8, ramp = 40 * x / W;
        c[0] = 35 + ramp + n;
        c[1] = 50 + ramp + n;
        c[2] = 80 - ramp / 2 + n;
    }
    for (int k = 0; k < 3; k++) rgb[k] = c[k] / 255.0f;
}

/* ======================================================================= images */

typedef struct Image {
    PropSet props; /* first: the image handle is the image's address */
    unsigned char *block; /* the allocation */
    size_t block_size;
    char *data;           /* row y = 0 (the bottom row, OFX is bottom-up) */
    long row_bytes;       /* may be larger than a row (padding) or negative (rows stored top-down) */
    int channels;
    atomic_int refs;
} Image;

#define PAD_BYTES 48
#define PAD_FILL 0xA5 /* padding bytes: a source read there gives absurd pixels; an output write there is caught */

/* Pixel row y (bottom-up) of an image, whatever its row bytes. */
static float *image_row(Image *im, int y) { return (float *)(im->data + (long)y * im->row_bytes); }

/* In the row-bytes mode: source frames alternate negative / padded row bytes, outputs the other way round. */
static int layout_negative(int is_source, int t) { return g_mode == MODE_ROWBYTES && ((t % 2 == 0) == (is_source != 0)); }
static int layout_padded(int is_source, int t) { return g_mode == MODE_ROWBYTES && !layout_negative(is_source, t); }

/* 1 if every padding byte of the image still holds PAD_FILL (the plug-in wrote nothing outside the rows). */
static int padding_intact(Image *im) {
    size_t row = (size_t)W * im->channels * sizeof(float);
    size_t stride = (size_t)labs(im->row_bytes);
    if (stride == row) return 1;
    for (int r = 0; r < H; r++)
        for (size_t b = row; b < stride; b++)
            if (im->block[(size_t)r * stride + b] != PAD_FILL) return 0;
    return 1;
}

static __thread Image *tl_output; /* the output image of the render call on this thread */

static Image *image_new(int channels, int is_source, int t) {
    Image *im = calloc(1, sizeof *im);
    if (!im) abort();
    ps_init(&im->props);
    size_t row = (size_t)W * channels * sizeof(float);
    size_t stride = row + (layout_padded(is_source, t) ? PAD_BYTES : 0);
    im->block_size = stride * H;
    im->block = malloc(im->block_size);
    if (!im->block) abort();
    memset(im->block, 0, im->block_size);
    if (stride != row)
        for (int r = 0; r < H; r++) memset(im->block + (size_t)r * stride + row, PAD_FILL, stride - row);
    im->channels = channels;
    if (layout_negative(is_source, t)) { /* memory holds the top row first: row y = 0 is the last one */
        im->data = (char *)im->block + (size_t)(H - 1) * stride;
        im->row_bytes = -(long)stride;
    } else {
        im->data = (char *)im->block;
        im->row_bytes = (long)stride;
    }
    atomic_store(&im->refs, 1);
    atomic_fetch_add(&g_live_images, 1);
    if (is_source) {
        for (int y = 0; y < H; y++) {
            int ytop = H - 1 - y; /* OFX rows are bottom-up */
            for (int x = 0; x < W; x++) {
                float *px = image_row(im, y) + (size_t)x * 4;
                clip_colour(t, x, ytop, px);
                px[3] = 1.0f;
            }
        }
    }
    propSetPointer((OfxPropertySetHandle)&im->props, kOfxImagePropData, 0, im->data);
    int bounds[4] = {0, 0, W, H};
    propSetIntN((OfxPropertySetHandle)&im->props, kOfxImagePropBounds, 4, bounds);
    propSetIntN((OfxPropertySetHandle)&im->props, kOfxImagePropRegionOfDefinition, 4, bounds);
    seti(&im->props, kOfxImagePropRowBytes, (int)im->row_bytes);
    sets(&im->props, kOfxImageEffectPropComponents, channels == 4 ? kOfxImageComponentRGBA : kOfxImageComponentAlpha);
    sets(&im->props, kOfxImageEffectPropPixelDepth, kOfxBitDepthFloat);
    sets(&im->props, kOfxImageEffectPropPreMultiplication, kOfxImagePreMultiplied);
    double scale[2] = {1, 1};
    propSetDoubleN((OfxPropertySetHandle)&im->props, kOfxImageEffectPropRenderScale, 2, scale);
    setd(&im->props, kOfxImagePropPixelAspectRatio, 1.0);
    sets(&im->props, kOfxImagePropField, kOfxImageFieldNone);
    char id[64];
    snprintf(id, sizeof id, "%s-%d", is_source ? "source" : "output", t);
    sets(&im->props, kOfxImagePropUniqueIdentifier, id);
    return im;
}

static void image_unref(Image *im) {
    if (atomic_fetch_sub(&im->refs, 1) == 1) {
        free(im->block);
        free(im);
        atomic_fetch_sub(&g_live_images, 1);
    }
}

/* ======================================================================= image effect suite */

static OfxStatus getPropertySet(OfxImageEffectHandle h, OfxPropertySetHandle *out) {
    Effect *e = (Effect *)h;
    if (!e || e->magic != EFFECT_MAGIC) return kOfxStatErrBadHandle;
    *out = (OfxPropertySetHandle)&e->props;
    return kOfxStatOK;
}

static OfxStatus getParamSet(OfxImageEffectHandle h, OfxParamSetHandle *out) {
    Effect *e = (Effect *)h;
    if (!e || e->magic != EFFECT_MAGIC) return kOfxStatErrBadHandle;
    *out = (OfxParamSetHandle)&e->params;
    return kOfxStatOK;
}

static OfxStatus clipDefine(OfxImageEffectHandle h, const char *name, OfxPropertySetHandle *out) {
    Effect *e = (Effect *)h;
    if (!e || e->magic != EFFECT_MAGIC || e->is_instance || e->nclips >= 4) return kOfxStatErrBadHandle;
    Clip *c = &e->clips[e->nclips++];
    ps_init(&c->props);
    c->magic = CLIP_MAGIC;
    snprintf(c->name, sizeof c->name, "%s", name);
    c->owner = e;
    sets(&c->props, kOfxPropType, kOfxTypeClip);
    sets(&c->props, kOfxPropName, name);
    c->props.refuse_optional = e->props.refuse_optional;
    *out = (OfxPropertySetHandle)&c->props;
    return kOfxStatOK;
}

static OfxStatus clipGetHandle(OfxImageEffectHandle h, const char *name, OfxImageClipHandle *clip, OfxPropertySetHandle *props) {
    Effect *e = (Effect *)h;
    if (!e || e->magic != EFFECT_MAGIC || !e->is_instance) return kOfxStatErrBadHandle;
    Clip *c = clip_find(e, name);
    if (!c) return kOfxStatErrUnknown;
    *clip = (OfxImageClipHandle)c;
    if (props) *props = (OfxPropertySetHandle)&c->props;
    return kOfxStatOK;
}

static OfxStatus clipGetPropertySet(OfxImageClipHandle clip, OfxPropertySetHandle *out) {
    Clip *c = (Clip *)clip;
    if (!c || c->magic != CLIP_MAGIC) return kOfxStatErrBadHandle;
    *out = (OfxPropertySetHandle)&c->props;
    return kOfxStatOK;
}

static OfxStatus clipGetImage(OfxImageClipHandle clip, OfxTime time, const OfxRectD *region, OfxPropertySetHandle *out) {
    (void)region;
    Clip *c = (Clip *)clip;
    if (!c || c->magic != CLIP_MAGIC) return kOfxStatErrBadHandle;
    int t = (int)lround(time);
    if (t < 0 || t >= FRAMES) return kOfxStatFailed;
    if (!strcmp(c->name, kOfxImageEffectOutputClipName)) {
        if (!tl_output) return kOfxStatFailed; /* output images exist only during render */
        atomic_fetch_add(&tl_output->refs, 1);
        *out = (OfxPropertySetHandle)&tl_output->props;
        return kOfxStatOK;
    }
    atomic_fetch_add(&g_source_fetches, 1);
    *out = (OfxPropertySetHandle)&image_new(4, 1, t)->props;
    return kOfxStatOK;
}

static OfxStatus clipReleaseImage(OfxPropertySetHandle h) {
    CHECK_PS(h);
    image_unref((Image *)h);
    return kOfxStatOK;
}

static OfxStatus clipGetRegionOfDefinition(OfxImageClipHandle clip, OfxTime time, OfxRectD *bounds) {
    (void)time;
    Clip *c = (Clip *)clip;
    if (!c || c->magic != CLIP_MAGIC) return kOfxStatErrBadHandle;
    bounds->x1 = 0; bounds->y1 = 0; bounds->x2 = W; bounds->y2 = H;
    return kOfxStatOK;
}

static int effectAbort(OfxImageEffectHandle h) {
    Effect *e = (Effect *)h;
    return e && e->magic == EFFECT_MAGIC ? atomic_load(&e->abort_flag) : 0;
}

static OfxStatus imageMemoryAlloc(OfxImageEffectHandle h, size_t n, OfxImageMemoryHandle *out) {
    (void)h;
    *out = (OfxImageMemoryHandle)malloc(n ? n : 1);
    return *out ? kOfxStatOK : kOfxStatErrMemory;
}
static OfxStatus imageMemoryFree(OfxImageMemoryHandle m) { free(m); return kOfxStatOK; }
static OfxStatus imageMemoryLock(OfxImageMemoryHandle m, void **p) { *p = m; return kOfxStatOK; }
static OfxStatus imageMemoryUnlock(OfxImageMemoryHandle m) { (void)m; return kOfxStatOK; }

static OfxImageEffectSuiteV1 g_effect_suite = {
    getPropertySet, getParamSet, clipDefine, clipGetHandle, clipGetPropertySet, clipGetImage, clipReleaseImage,
    clipGetRegionOfDefinition, effectAbort, imageMemoryAlloc, imageMemoryFree, imageMemoryLock, imageMemoryUnlock,
};

/* ======================================================================= parameter suite */

static int is_int_type(const char *t) {
    return !strcmp(t, kOfxParamTypeInteger) || !strcmp(t, kOfxParamTypeBoolean) || !strcmp(t, kOfxParamTypeChoice);
}

static OfxStatus paramDefine(OfxParamSetHandle set, const char *type, const char *name, OfxPropertySetHandle *props) {
    ParamSet *ps = (ParamSet *)set;
    if (!ps || ps->props.magic != PROPSET_MAGIC || ps->owner->is_instance) return kOfxStatErrBadHandle;
    if (param_find(ps->owner, name)) return kOfxStatErrExists;
    Param *p = calloc(1, sizeof *p);
    ps_init(&p->props);
    p->magic = PARAM_MAGIC;
    p->name = strdup(name);
    p->type = strdup(type);
    p->owner = ps->owner;
    p->sval = strdup("");
    sets(&p->props, kOfxPropType, kOfxTypeParameter);
    sets(&p->props, kOfxPropName, name);
    sets(&p->props, kOfxParamPropType, type);
    p->props.refuse_optional = ps->owner->props.refuse_optional;
    Param **tail = &ps->head;
    while (*tail) tail = &(*tail)->next;
    *tail = p;
    if (props) *props = (OfxPropertySetHandle)&p->props;
    return kOfxStatOK;
}

static OfxStatus paramGetHandle(OfxParamSetHandle set, const char *name, OfxParamHandle *param, OfxPropertySetHandle *props) {
    ParamSet *ps = (ParamSet *)set;
    if (!ps || ps->props.magic != PROPSET_MAGIC) return kOfxStatErrBadHandle;
    Param *p = param_find(ps->owner, name);
    if (!p) return kOfxStatErrUnknown;
    *param = (OfxParamHandle)p;
    if (props) *props = (OfxPropertySetHandle)&p->props;
    return kOfxStatOK;
}

static OfxStatus paramSetGetPropertySet(OfxParamSetHandle set, OfxPropertySetHandle *props) {
    ParamSet *ps = (ParamSet *)set;
    if (!ps) return kOfxStatErrBadHandle;
    *props = (OfxPropertySetHandle)&ps->props;
    return kOfxStatOK;
}

static OfxStatus paramGetPropertySet(OfxParamHandle param, OfxPropertySetHandle *props) {
    Param *p = (Param *)param;
    if (!p || p->magic != PARAM_MAGIC) return kOfxStatErrBadHandle;
    *props = (OfxPropertySetHandle)&p->props;
    return kOfxStatOK;
}

static OfxStatus get_value(Param *p, va_list ap) {
    if (!p || p->magic != PARAM_MAGIC) return kOfxStatErrBadHandle;
    OfxStatus st = kOfxStatOK;
    pthread_mutex_lock(&g_param_mu);
    if (is_int_type(p->type)) *va_arg(ap, int *) = p->ival;
    else if (!strcmp(p->type, kOfxParamTypeDouble)) *va_arg(ap, double *) = p->dval;
    else if (!strcmp(p->type, kOfxParamTypeString)) *va_arg(ap, char **) = p->sval;
    else st = kOfxStatErrBadHandle;
    pthread_mutex_unlock(&g_param_mu);
    return st;
}

static OfxStatus paramGetValue(OfxParamHandle h, ...) {
    va_list ap;
    va_start(ap, h);
    OfxStatus st = get_value((Param *)h, ap);
    va_end(ap);
    return st;
}

static OfxStatus paramGetValueAtTime(OfxParamHandle h, OfxTime t, ...) {
    (void)t;
    va_list ap;
    va_start(ap, t);
    OfxStatus st = get_value((Param *)h, ap);
    va_end(ap);
    return st;
}

static OfxStatus paramGetDerivative(OfxParamHandle h, OfxTime t, ...) { (void)h; (void)t; return kOfxStatErrUnsupported; }
static OfxStatus paramGetIntegral(OfxParamHandle h, OfxTime a, OfxTime b, ...) { (void)h; (void)a; (void)b; return kOfxStatErrUnsupported; }

static OfxStatus instance_changed(Effect *e, const char *param, const char *reason, double time);

static OfxStatus set_value(Param *p, va_list ap) {
    if (!p || p->magic != PARAM_MAGIC) return kOfxStatErrBadHandle;
    pthread_mutex_lock(&g_param_mu);
    OfxStatus st = kOfxStatOK;
    if (is_int_type(p->type)) p->ival = va_arg(ap, int);
    else if (!strcmp(p->type, kOfxParamTypeDouble)) p->dval = va_arg(ap, double);
    else if (!strcmp(p->type, kOfxParamTypeString)) p->sval = strdup(va_arg(ap, const char *)); /* old value leaks on purpose */
    else st = kOfxStatErrBadHandle;
    pthread_mutex_unlock(&g_param_mu);
    if (st == kOfxStatOK && p->owner->is_instance) {
        atomic_fetch_add(&p->owner->plugin_edits, 1);
        instance_changed(p->owner, p->name, kOfxChangePluginEdited, 0); /* hosts report plug-in edits too */
    }
    return st;
}

static OfxStatus paramSetValue(OfxParamHandle h, ...) {
    va_list ap;
    va_start(ap, h);
    OfxStatus st = set_value((Param *)h, ap);
    va_end(ap);
    return st;
}

static OfxStatus paramSetValueAtTime(OfxParamHandle h, OfxTime t, ...) {
    (void)t;
    va_list ap;
    va_start(ap, t);
    OfxStatus st = set_value((Param *)h, ap);
    va_end(ap);
    return st;
}

static OfxStatus paramGetNumKeys(OfxParamHandle h, unsigned int *n) { (void)h; *n = 0; return kOfxStatOK; }
static OfxStatus paramGetKeyTime(OfxParamHandle h, unsigned int k, OfxTime *t) { (void)h; (void)k; (void)t; return kOfxStatErrBadIndex; }
static OfxStatus paramGetKeyIndex(OfxParamHandle h, OfxTime t, int d, int *i) { (void)h; (void)t; (void)d; (void)i; return kOfxStatFailed; }
static OfxStatus paramDeleteKey(OfxParamHandle h, OfxTime t) { (void)h; (void)t; return kOfxStatErrBadIndex; }
static OfxStatus paramDeleteAllKeys(OfxParamHandle h) { (void)h; return kOfxStatOK; }
static OfxStatus paramCopy(OfxParamHandle a, OfxParamHandle b, OfxTime o, const OfxRangeD *r) { (void)a; (void)b; (void)o; (void)r; return kOfxStatErrUnsupported; }
static OfxStatus paramEditBegin(OfxParamSetHandle s, const char *n) { (void)s; (void)n; return kOfxStatOK; }
static OfxStatus paramEditEnd(OfxParamSetHandle s) { (void)s; return kOfxStatOK; }

static OfxParameterSuiteV1 g_param_suite = {
    paramDefine, paramGetHandle, paramSetGetPropertySet, paramGetPropertySet, paramGetValue, paramGetValueAtTime,
    paramGetDerivative, paramGetIntegral, paramSetValue, paramSetValueAtTime, paramGetNumKeys, paramGetKeyTime,
    paramGetKeyIndex, paramDeleteKey, paramDeleteAllKeys, paramCopy, paramEditBegin, paramEditEnd,
};

/* ======================================================================= memory, threads, messages, progress, interact */

static OfxStatus memoryAlloc(void *h, size_t n, void **out) { (void)h; *out = malloc(n ? n : 1); return *out ? kOfxStatOK : kOfxStatErrMemory; }
static OfxStatus memoryFree(void *p) { free(p); return kOfxStatOK; }
static OfxMemorySuiteV1 g_memory_suite = {memoryAlloc, memoryFree};

static __thread unsigned int tl_thread_index;
static __thread int tl_spawned;

typedef struct { OfxThreadFunctionV1 *fn; unsigned int index, count; void *arg; } SpawnArgs;

static void *spawn_main(void *a) {
    SpawnArgs *s = a;
    tl_thread_index = s->index;
    tl_spawned = 1;
    s->fn(s->index, s->count, s->arg);
    return NULL;
}

static OfxStatus multiThread(OfxThreadFunctionV1 fn, unsigned int n, void *arg) {
    if (n == 0) n = 1;
    pthread_t *t = calloc(n, sizeof *t);
    SpawnArgs *a = calloc(n, sizeof *a);
    for (unsigned int i = 0; i < n; i++) {
        a[i] = (SpawnArgs){fn, i, n, arg};
        pthread_create(&t[i], NULL, spawn_main, &a[i]);
    }
    for (unsigned int i = 0; i < n; i++) pthread_join(t[i], NULL);
    free(t);
    free(a);
    return kOfxStatOK;
}
static OfxStatus multiThreadNumCPUs(unsigned int *n) { *n = 4; return kOfxStatOK; }
static OfxStatus multiThreadIndex(unsigned int *i) { *i = tl_thread_index; return kOfxStatOK; }
static int multiThreadIsSpawnedThread(void) { return tl_spawned; }
static OfxStatus mutexCreate(OfxMutexHandle *m, int count) {
    (void)count;
    pthread_mutex_t *mu = malloc(sizeof *mu);
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(mu, &a);
    *m = (OfxMutexHandle)mu;
    return kOfxStatOK;
}
static OfxStatus mutexDestroy(const OfxMutexHandle m) { pthread_mutex_destroy((pthread_mutex_t *)m); free(m); return kOfxStatOK; }
static OfxStatus mutexLock(const OfxMutexHandle m) { pthread_mutex_lock((pthread_mutex_t *)m); return kOfxStatOK; }
static OfxStatus mutexUnLock(const OfxMutexHandle m) { pthread_mutex_unlock((pthread_mutex_t *)m); return kOfxStatOK; }
static OfxStatus mutexTryLock(const OfxMutexHandle m) { return pthread_mutex_trylock((pthread_mutex_t *)m) ? kOfxStatFailed : kOfxStatOK; }
static OfxMultiThreadSuiteV1 g_thread_suite = {
    multiThread, multiThreadNumCPUs, multiThreadIndex, multiThreadIsSpawnedThread,
    mutexCreate, mutexDestroy, mutexLock, mutexUnLock, mutexTryLock,
};

static char g_last_message[2048];
static OfxStatus vmessage(void *h, const char *type, const char *id, const char *fmt, va_list ap) {
    char text[2048];
    vsnprintf(text, sizeof text, fmt, ap);
    atomic_fetch_add(&g_messages, 1);
    if (type && (!strcmp(type, kOfxMessageError) || !strcmp(type, kOfxMessageFatal))) atomic_fetch_add(&g_error_messages, 1);
    printf("# message [%s] %s (%s) on %p: %s\n", type ? type : "?", id ? id : "", h ? "instance" : "plug-in", h, text);
    snprintf(g_last_message, sizeof g_last_message, "%s", text);
    fflush(stdout);
    return kOfxStatOK;
}
static OfxStatus message(void *h, const char *type, const char *id, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    OfxStatus st = vmessage(h, type, id, fmt, ap);
    va_end(ap);
    return st;
}
static OfxStatus setPersistentMessage(void *h, const char *type, const char *id, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    OfxStatus st = vmessage(h, type, id, fmt, ap);
    va_end(ap);
    return st;
}
static OfxStatus clearPersistentMessage(void *h) { (void)h; return kOfxStatOK; }
static OfxMessageSuiteV1 g_message_v1 = {message};
static OfxMessageSuiteV2 g_message_v2 = {message, setPersistentMessage, clearPersistentMessage};

static OfxStatus progressStartV2(void *h, const char *label, const char *id) {
    (void)id;
    Effect *e = h;
    if (!e || e->magic != EFFECT_MAGIC) return kOfxStatErrBadHandle;
    atomic_fetch_add(&e->progress_starts, 1);
    printf("# progress start: %s\n", label);
    return kOfxStatOK;
}
static OfxStatus progressStartV1(void *h, const char *label) { return progressStartV2(h, label, NULL); }
static OfxStatus progressUpdate(void *h, double fraction) {
    (void)fraction;
    Effect *e = h;
    if (!e || e->magic != EFFECT_MAGIC) return kOfxStatErrBadHandle;
    int n = atomic_fetch_add(&e->progress_updates, 1) + 1;
    if (e->progress_delay_ms) usleep(e->progress_delay_ms * 1000);
    return e->cancel_after && n >= e->cancel_after ? kOfxStatReplyNo : kOfxStatOK;
}
static OfxStatus progressEnd(void *h) {
    Effect *e = h;
    if (!e || e->magic != EFFECT_MAGIC) return kOfxStatErrBadHandle;
    atomic_fetch_add(&e->progress_ends, 1);
    return kOfxStatOK;
}
static OfxProgressSuiteV1 g_progress_v1 = {progressStartV1, progressUpdate, progressEnd};
static OfxProgressSuiteV2 g_progress_v2 = {progressStartV2, progressUpdate, progressEnd};

static OfxStatus interactSwapBuffers(OfxInteractHandle i) { (void)i; return kOfxStatOK; }
static atomic_int g_redraws; /* redraw requests (the click preview asks for one per click when it is ready) */
static OfxStatus interactRedraw(OfxInteractHandle i) { (void)i; atomic_fetch_add(&g_redraws, 1); return kOfxStatOK; }
static OfxStatus interactGetPropertySet(OfxInteractHandle i, OfxPropertySetHandle *p) { *p = (OfxPropertySetHandle)i; return kOfxStatOK; }
static OfxInteractSuiteV1 g_interact_suite = {interactSwapBuffers, interactRedraw, interactGetPropertySet};

/* The draw suite records what the overlay drew. */
static atomic_int g_drawn[6];
/* counters of the fake libGL (src/test/c/fakegl.c), which the plug-in loads through SAM2LONG_GL_LIBRARY */
static atomic_int *g_gl_begins, *g_gl_vertices, *g_gl_unbalanced;
#define GL_LINES_MODE 1
#define GL_LINE_LOOP_MODE 2
#define GL_POLYGON_MODE 9
static atomic_int g_last_points; /* points of the last LINES primitive (the outline) */
static FILE *g_draw_log;           /* when set, draw-suite calls are written here (for the docs picture) */
static int g_draw_context_marker;
static OfxStatus drawGetColour(OfxDrawContextHandle c, OfxStandardColour s, OfxRGBAColourF *col) {
    (void)c; (void)s;
    col->r = col->g = col->b = col->a = 1;
    return kOfxStatOK;
}
static OfxStatus drawSetColour(OfxDrawContextHandle c, const OfxRGBAColourF *col) {
    if (c != (OfxDrawContextHandle)&g_draw_context_marker || !col) return kOfxStatFailed;
    if (g_draw_log) fprintf(g_draw_log, "colour %g %g %g %g\n", col->r, col->g, col->b, col->a);
    return kOfxStatOK;
}
static OfxStatus drawSetLineWidth(OfxDrawContextHandle c, float w) { (void)c; (void)w; return kOfxStatOK; }
static OfxStatus drawSetLineStipple(OfxDrawContextHandle c, OfxDrawLineStipplePattern p) { (void)c; (void)p; return kOfxStatOK; }
static OfxStatus drawDraw(OfxDrawContextHandle c, OfxDrawPrimitive prim, const OfxPointD *points, int n) {
    if (c != (OfxDrawContextHandle)&g_draw_context_marker || !points || n < 2 || prim < 0 || prim > 5) return kOfxStatErrValue;
    if (prim == kOfxDrawPrimitiveLines) {
        if (n % 2) return kOfxStatErrValue;
        atomic_store(&g_last_points, n);
    }
    if (g_draw_log) {
        fprintf(g_draw_log, "primitive %d %d", (int)prim, n);
        for (int i = 0; i < n; i++) fprintf(g_draw_log, " %.3f %.3f", points[i].x, points[i].y);
        fputc('\n', g_draw_log);
    }
    atomic_fetch_add(&g_drawn[prim], 1);
    return kOfxStatOK;
}
static OfxStatus drawText(OfxDrawContextHandle c, const char *t, const OfxPointD *p, int a) { (void)c; (void)t; (void)p; (void)a; return kOfxStatOK; }
static OfxDrawSuiteV1 g_draw_suite = {drawGetColour, drawSetColour, drawSetLineWidth, drawSetLineStipple, drawDraw, drawText};

/* ======================================================================= the host */

static PropSet g_host_props;

static const void *fetchSuite(OfxPropertySetHandle host, const char *name, int version) {
    (void)host;
    if (!strcmp(name, kOfxPropertySuite) && version == 1) return &g_prop_suite;
    if (!strcmp(name, kOfxImageEffectSuite) && version == 1) return &g_effect_suite;
    if (!strcmp(name, kOfxParameterSuite) && version == 1) return &g_param_suite;
    if (!strcmp(name, kOfxMemorySuite) && version == 1) return &g_memory_suite;
    if (!strcmp(name, kOfxMultiThreadSuite) && version == 1) return &g_thread_suite;
    if (!strcmp(name, kOfxMessageSuite) && version == 1) return &g_message_v1;
    if (!strcmp(name, kOfxMessageSuite) && version == 2) return &g_message_v2;
    if (!strcmp(name, kOfxProgressSuite) && version == 1) return &g_progress_v1;
    if (!strcmp(name, kOfxProgressSuite) && version == 2) return &g_progress_v2;
    if (!strcmp(name, kOfxInteractSuite) && version == 1) return &g_interact_suite;
    if (!strcmp(name, kOfxDrawSuite) && version == 1) return g_mode == MODE_OFX14 ? NULL : &g_draw_suite; /* OFX 1.5 */
    return NULL;
}

static OfxHost g_host = {(OfxPropertySetHandle)&g_host_props, fetchSuite};

static void host_init(void) {
    ps_init(&g_host_props);
    PropSet *h = &g_host_props;
    sets(h, kOfxPropType, kOfxTypeImageEffectHost);
    sets(h, kOfxPropName, "org.sam2long.testhost");
    sets(h, kOfxPropLabel, "SAM2Long OFX test host");
    seti(h, kOfxImageEffectHostPropIsBackground, 0);
    seti(h, kOfxImageEffectPropSupportsOverlays, 1);
    seti(h, kOfxImageEffectPropSupportsMultiResolution, 1);
    seti(h, kOfxImageEffectPropSupportsTiles, 1);
    seti(h, kOfxImageEffectPropTemporalClipAccess, 1);
    const char *comps[2] = {kOfxImageComponentRGBA, kOfxImageComponentAlpha};
    propSetStringN((OfxPropertySetHandle)h, kOfxImageEffectPropSupportedComponents, 2, comps);
    const char *ctxs[2] = {kOfxImageEffectContextFilter, kOfxImageEffectContextGeneral};
    propSetStringN((OfxPropertySetHandle)h, kOfxImageEffectPropSupportedContexts, 2, ctxs);
    sets(h, kOfxImageEffectPropSupportedPixelDepths, kOfxBitDepthFloat);
    seti(h, kOfxImageEffectPropSupportsMultipleClipDepths, 0);
    seti(h, kOfxImageEffectPropSupportsMultipleClipPARs, 0);
    seti(h, kOfxImageEffectPropSetableFrameRate, 0);
    seti(h, kOfxImageEffectPropSetableFielding, 0);
    seti(h, kOfxParamHostPropSupportsStringAnimation, 0);
    seti(h, kOfxParamHostPropSupportsCustomInteract, 0);
    seti(h, kOfxParamHostPropMaxParameters, -1);
    seti(h, kOfxParamHostPropMaxPages, 0);
    int api[2] = {1, g_mode == MODE_OFX14 ? 4 : 5};
    propSetIntN((OfxPropertySetHandle)h, kOfxPropAPIVersion, 2, api);
    sets(h, kOfxImageEffectHostPropNativeOrigin, kOfxHostNativeOriginBottomLeft);
}

/* ======================================================================= actions the host performs */

static PropSet *args_new(void) {
    PropSet *p = calloc(1, sizeof *p);
    ps_init(p);
    return p;
}

static OfxStatus instance_changed_of(Effect *e, const char *type, const char *name, const char *reason, double time) {
    PropSet *in = args_new();
    sets(in, kOfxPropType, type);
    sets(in, kOfxPropName, name);
    sets(in, kOfxPropChangeReason, reason);
    setd(in, kOfxPropTime, time);
    double scale[2] = {1, 1};
    propSetDoubleN((OfxPropertySetHandle)in, kOfxImageEffectPropRenderScale, 2, scale);
    PropSet *bin = args_new();
    sets(bin, kOfxPropChangeReason, reason);
    call(kOfxActionBeginInstanceChanged, e, bin, NULL);
    OfxStatus st = call(kOfxActionInstanceChanged, e, in, NULL);
    call(kOfxActionEndInstanceChanged, e, bin, NULL);
    return st;
}

static OfxStatus instance_changed(Effect *e, const char *param, const char *reason, double time) {
    return instance_changed_of(e, kOfxTypeParameter, param, reason, time);
}

/* The artist edits a parameter: store the value, then tell the plug-in. */
static OfxStatus user_set_int(Effect *e, const char *name, int v) {
    Param *p = param_find(e, name);
    if (!p) return kOfxStatErrUnknown;
    pthread_mutex_lock(&g_param_mu);
    p->ival = v;
    pthread_mutex_unlock(&g_param_mu);
    return instance_changed(e, name, kOfxChangeUserEdited, 0);
}

static OfxStatus user_set_string(Effect *e, const char *name, const char *v) {
    Param *p = param_find(e, name);
    if (!p) return kOfxStatErrUnknown;
    pthread_mutex_lock(&g_param_mu);
    p->sval = strdup(v);
    pthread_mutex_unlock(&g_param_mu);
    return instance_changed(e, name, kOfxChangeUserEdited, 0);
}

static OfxStatus press(Effect *e, const char *button) { return instance_changed(e, button, kOfxChangeUserEdited, 0); }

static int param_int(Effect *e, const char *name) {
    Param *p = param_find(e, name);
    return p ? p->ival : -999;
}

static const char *param_string(Effect *e, const char *name) {
    Param *p = param_find(e, name);
    return p ? p->sval : NULL;
}

static Effect *g_context_descriptor;

static OfxStatus clip_preferences(Effect *e) {
    PropSet *out = args_new();
    sets(out, "OfxImageClipPropComponents_Output", kOfxImageComponentRGBA);
    sets(out, "OfxImageClipPropDepth_Output", kOfxBitDepthFloat);
    setd(out, "OfxImageClipPropPAR_Output", 1.0);
    sets(out, "OfxImageClipPropComponents_Source", kOfxImageComponentRGBA);
    sets(out, "OfxImageClipPropDepth_Source", kOfxBitDepthFloat);
    setd(out, "OfxImageClipPropPAR_Source", 1.0);
    sets(out, kOfxImageEffectPropPreMultiplication, kOfxImagePreMultiplied);
    seti(out, kOfxImageClipPropContinuousSamples, 0);
    seti(out, kOfxImageEffectFrameVarying, 1);
    setd(out, kOfxImageEffectPropFrameRate, 24.0);
    OfxStatus st = call(kOfxImageEffectActionGetClipPreferences, e, NULL, out);
    if (st == kOfxStatOK || st == kOfxStatReplyDefault) {
        Clip *o = clip_find(e, kOfxImageEffectOutputClipName);
        sets(&o->props, kOfxImageEffectPropComponents, gets(out, "OfxImageClipPropComponents_Output", 0));
        sets(&o->props, kOfxImageEffectPropPreMultiplication, gets(out, kOfxImageEffectPropPreMultiplication, 0));
    }
    return st;
}

/* Creates an instance from the filter-context descriptor: clips and params cloned, params at their defaults. */
static Effect *instance_new(OfxStatus *status) {
    Effect *d = g_context_descriptor;
    Effect *e = effect_new(1);
    ps_copy(&e->props, &d->props);
    sets(&e->props, kOfxPropType, kOfxTypeImageEffectInstance);
    sets(&e->props, kOfxImageEffectPropContext, kOfxImageEffectContextFilter);
    seti(&e->props, kOfxPropIsInteractive, 0);
    double extent[2] = {W, H};
    propSetDoubleN((OfxPropertySetHandle)&e->props, kOfxImageEffectPropProjectSize, 2, extent);
    propSetDoubleN((OfxPropertySetHandle)&e->props, kOfxImageEffectPropProjectExtent, 2, extent);
    setd(&e->props, kOfxImageEffectPropProjectPixelAspectRatio, 1.0);
    setd(&e->props, kOfxImageEffectInstancePropEffectDuration, FRAMES);
    setd(&e->props, kOfxImageEffectPropFrameRate, 24.0);
    for (int i = 0; i < d->nclips; i++) {
        Clip *c = &e->clips[e->nclips++];
        ps_init(&c->props);
        ps_copy(&c->props, &d->clips[i].props);
        c->magic = CLIP_MAGIC;
        c->owner = e;
        snprintf(c->name, sizeof c->name, "%s", d->clips[i].name);
        double range[2] = {0, FRAMES - 1};
        propSetDoubleN((OfxPropertySetHandle)&c->props, kOfxImageEffectPropFrameRange, 2, range);
        propSetDoubleN((OfxPropertySetHandle)&c->props, kOfxImageEffectPropUnmappedFrameRange, 2, range);
        setd(&c->props, kOfxImageEffectPropFrameRate, 24.0);
        seti(&c->props, kOfxImageClipPropConnected, 1);
        sets(&c->props, kOfxImageEffectPropComponents, kOfxImageComponentRGBA);
        sets(&c->props, kOfxImageEffectPropPixelDepth, kOfxBitDepthFloat);
        sets(&c->props, kOfxImageEffectPropPreMultiplication, kOfxImagePreMultiplied);
        setd(&c->props, kOfxImagePropPixelAspectRatio, 1.0);
        sets(&c->props, kOfxImageClipPropFieldOrder, kOfxImageFieldNone);
    }
    Param **tail = &e->params.head;
    for (Param *dp = d->params.head; dp; dp = dp->next) {
        Param *p = calloc(1, sizeof *p);
        ps_init(&p->props);
        ps_copy(&p->props, &dp->props);
        p->magic = PARAM_MAGIC;
        p->name = strdup(dp->name);
        p->type = strdup(dp->type);
        p->owner = e;
        const char *s = gets(&dp->props, kOfxParamPropDefault, 0);
        double dv = 0;
        propGetDouble((OfxPropertySetHandle)&dp->props, kOfxParamPropDefault, 0, &dv);
        p->ival = geti(&dp->props, kOfxParamPropDefault, 0);
        p->dval = dv;
        p->sval = strdup(s ? s : "");
        *tail = p;
        tail = &p->next;
    }
    *status = call(kOfxActionCreateInstance, e, NULL, NULL);
    return e;
}

/* Renders frame t of an Alpha-output instance on the calling thread. */
static OfxStatus render_frame(Effect *e, int t, float *alpha_out) {
    Image *out = image_new(1, 0, t);
    tl_output = out;
    PropSet *in = args_new();
    setd(in, kOfxPropTime, t);
    sets(in, kOfxImageEffectPropFieldToRender, kOfxImageFieldNone);
    int win[4] = {0, 0, W, H};
    propSetIntN((OfxPropertySetHandle)in, kOfxImageEffectPropRenderWindow, 4, win);
    double scale[2] = {1, 1};
    propSetDoubleN((OfxPropertySetHandle)in, kOfxImageEffectPropRenderScale, 2, scale);
    seti(in, kOfxImageEffectPropSequentialRenderStatus, 0);
    seti(in, kOfxImageEffectPropInteractiveRenderStatus, 0);
    seti(in, kOfxImageEffectPropRenderQualityDraft, 0);
    OfxStatus st = call(kOfxImageEffectActionRender, e, in, NULL);
    tl_output = NULL;
    if (alpha_out) {
        for (int y = 0; y < H; y++) memcpy(alpha_out + (size_t)(H - 1 - y) * W, image_row(out, y), W * sizeof(float));
    }
    if (!padding_intact(out)) {
        printf("#   render of frame %d wrote into the output image's row padding\n", t);
        st = kOfxStatErrValue;
    }
    image_unref(out);
    return st;
}

/* Renders frame t of an RGBA-output instance; rgba_out gets top-down RGBA floats. */
static OfxStatus render_rgba(Effect *e, int t, float *rgba_out) {
    Image *out = image_new(4, 0, t);
    tl_output = out;
    PropSet *in = args_new();
    setd(in, kOfxPropTime, t);
    sets(in, kOfxImageEffectPropFieldToRender, kOfxImageFieldNone);
    int win[4] = {0, 0, W, H};
    propSetIntN((OfxPropertySetHandle)in, kOfxImageEffectPropRenderWindow, 4, win);
    double scale[2] = {1, 1};
    propSetDoubleN((OfxPropertySetHandle)in, kOfxImageEffectPropRenderScale, 2, scale);
    OfxStatus st = call(kOfxImageEffectActionRender, e, in, NULL);
    tl_output = NULL;
    for (int y = 0; y < H; y++) memcpy(rgba_out + (size_t)(H - 1 - y) * W * 4, image_row(out, y), W * 4 * sizeof(float));
    if (!padding_intact(out)) {
        printf("#   render of frame %d wrote into the output image's row padding\n", t);
        st = kOfxStatErrValue;
    }
    image_unref(out);
    return st;
}

static void write_ppm(const char *tag, int t, const float *rgba) {
    char path[1200];
    snprintf(path, sizeof path, "%s/%s_%02d.ppm", g_outdir, tag, t);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fprintf(f, "P6\n%d %d\n255\n", W, H);
    for (int i = 0; i < W * H; i++)
        for (int c = 0; c < 3; c++) {
            float v = rgba[i * 4 + c] < 0 ? 0 : rgba[i * 4 + c] > 1 ? 1 : rgba[i * 4 + c];
            fputc((int)lroundf(v * 255.0f), f);
        }
    fclose(f);
}

static void write_pgm(const char *tag, int t, const float *alpha) {
    char path[1200];
    snprintf(path, sizeof path, "%s/%s_%02d.pgm", g_outdir, tag, t);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fprintf(f, "P5\n%d %d\n255\n", W, H);
    for (int i = 0; i < W * H; i++) {
        float a = alpha[i] < 0 ? 0 : alpha[i] > 1 ? 1 : alpha[i];
        fputc((int)lroundf(a * 255.0f), f);
    }
    fclose(f);
}

/* OUT_DIR/name gets text: the prompts a scenario used, for the Java side to replay through the engine. */
static void write_text(const char *name, const char *text) {
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", g_outdir, name);
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static double iou_with_disc(int t, const float *alpha) {
    long inter = 0, uni = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int m = alpha[y * W + x] > 0.5f, g = inside_disc(t, x, y);
            inter += m && g;
            uni += m || g;
        }
    return uni ? (double)inter / uni : 1.0;
}

static long matte_area(const float *alpha) {
    long n = 0;
    for (int i = 0; i < W * H; i++) n += alpha[i] > 0.5f;
    return n;
}

/* ======================================================================= test bookkeeping */

static int g_failures;
static int g_case_failures;

static void fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    printf("#   FAILED: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    g_case_failures++;
}

#define CHECK(cond, ...) do { if (!(cond)) fail(__VA_ARGS__); } while (0)

static void begin_case(const char *name) {
    g_case_failures = 0;
    printf("# --- %s\n", name);
    fflush(stdout);
}

static void end_case(const char *name) {
    if (g_case_failures) {
        printf("not ok - %s\n", name);
        g_failures++;
    } else {
        printf("ok - %s\n", name);
    }
    fflush(stdout);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ======================================================================= scenarios */

static void *g_lib;
static int g_reloaded;
static char g_lib_path[1024];
static Effect *g_descriptor;

static int load_plugin(void) {
    g_lib = dlopen(g_lib_path, RTLD_NOW | RTLD_LOCAL);
    CHECK(g_lib != NULL, "dlopen %s: %s", g_lib_path, dlerror());
    if (!g_lib) return 0;
    int (*count)(void) = (int (*)(void))dlsym(g_lib, "OfxGetNumberOfPlugins");
    OfxPlugin *(*get)(int) = (OfxPlugin * (*)(int)) dlsym(g_lib, "OfxGetPlugin");
    CHECK(count && get, "OfxGetNumberOfPlugins/OfxGetPlugin are not exported");
    if (!count || !get) return 0;
    CHECK(count() == 1, "OfxGetNumberOfPlugins() = %d, expected 1", count());
    g_plugin = get(0);
    CHECK(g_plugin != NULL, "OfxGetPlugin(0) is NULL");
    if (!g_plugin) return 0;
    CHECK(!strcmp(g_plugin->pluginApi, kOfxImageEffectPluginApi), "plug-in API is %s", g_plugin->pluginApi);
    CHECK(g_plugin->apiVersion == 1, "API version %d", g_plugin->apiVersion);
    CHECK(!strcmp(g_plugin->pluginIdentifier, PLUGIN_ID), "identifier is %s", g_plugin->pluginIdentifier);
    CHECK(g_plugin->pluginVersionMajor == 1 && g_plugin->pluginVersionMinor == 0, "version %u.%u",
          g_plugin->pluginVersionMajor, g_plugin->pluginVersionMinor);
    double t0 = now_s();
    g_plugin->setHost(&g_host);
    OfxStatus st = call(kOfxActionLoad, NULL, NULL, NULL);
    printf("# setHost + Load took %.2f s\n", now_s() - t0);
    CHECK(st == kOfxStatOK, "Load returned %d", st);
    return st == kOfxStatOK;
}

static int describe(void) {
    g_descriptor = effect_new(0);
    sets(&g_descriptor->props, kOfxPropType, kOfxTypeImageEffect);
    if (g_mode == MODE_OFX14) g_descriptor->props.known = OFX14_EFFECT_PROPS;
    OfxStatus st = call(kOfxActionDescribe, g_descriptor, NULL, NULL);
    CHECK(st == kOfxStatOK, "Describe returned %d", st);
    int (*java_started)(void) = (int (*)(void))dlsym(g_lib, "s2l_java_started");
    CHECK(java_started != NULL, "the shim does not export s2l_java_started");
    if (java_started && !g_reloaded) CHECK(!java_started(), "Load + Describe started Java (a host's plug-in scan must not)");
    void *v1 = NULL, *v2 = NULL;
    propGetPointer((OfxPropertySetHandle)&g_descriptor->props, kOfxImageEffectPluginPropOverlayInteractV1, 0, &v1);
    propGetPointer((OfxPropertySetHandle)&g_descriptor->props, kOfxImageEffectPluginPropOverlayInteractV2, 0, &v2);
    CHECK(v1 != NULL, "no OverlayInteractV1");
    if (g_mode == MODE_OFX14) CHECK(v2 == NULL, "OverlayInteractV2 was set in an OFX 1.4 host");
    else CHECK(v2 == v1, "OverlayInteractV2 is not set in a host with a draw suite");
    const char *label = gets(&g_descriptor->props, kOfxPropLabel, 0);
    CHECK(label && !strcmp(label, "SAM2Long Roto"), "label is %s", label ? label : "(none)");
    CHECK(dim(&g_descriptor->props, kOfxImageEffectPropSupportedContexts) == 2, "expected two contexts");
    CHECK(geti(&g_descriptor->props, kOfxImageEffectPropTemporalClipAccess, 0) == 1, "TemporalClipAccess is not 1");
    CHECK(geti(&g_descriptor->props, kOfxImageEffectPropSupportsTiles, 1) == 0, "SupportsTiles is not 0");
    const char *safety = gets(&g_descriptor->props, kOfxImageEffectPluginRenderThreadSafety, 0);
    CHECK(safety && !strcmp(safety, kOfxImageEffectRenderFullySafe), "render thread safety is %s", safety ? safety : "(none)");

    const char *contexts[2] = {kOfxImageEffectContextGeneral, kOfxImageEffectContextFilter};
    for (int i = 0; i < 2; i++) {
        Effect *d = effect_new(0);
        ps_copy(&d->props, &g_descriptor->props);
        PropSet *in = args_new();
        sets(in, kOfxImageEffectPropContext, contexts[i]);
        st = call(kOfxImageEffectActionDescribeInContext, d, in, NULL);
        CHECK(st == kOfxStatOK, "DescribeInContext(%s) returned %d", contexts[i], st);
        CHECK(clip_find(d, "Source") && clip_find(d, "Output"), "%s: clips Source and Output are not both defined", contexts[i]);
        const char *must[] = {"prompts", "resultsVersion", "instanceId", "trackForward", "trackBackward", "trackBoth",
                              "clearTrack", "currentObject", "clickMode", "preset", "pathways", "outputMode",
                              "missingFrames", "feather"};
        for (size_t k = 0; k < sizeof must / sizeof must[0]; k++) CHECK(param_find(d, must[k]), "parameter %s is missing", must[k]);
        Param *prompts = param_find(d, "prompts");
        if (prompts) CHECK(geti(&prompts->props, kOfxParamPropSecret, 0) == 1, "prompts is not secret");
        Param *mode = param_find(d, "outputMode");
        if (mode) CHECK(dim(&mode->props, kOfxParamPropChoiceOption) == 4, "outputMode has %d options", dim(&mode->props, kOfxParamPropChoiceOption));
        g_context_descriptor = d; /* the last one (filter) is used for instances */
    }
    return g_case_failures == 0;
}

static char g_prompts_json[512];

static Effect *prepared_instance(void) {
    OfxStatus st;
    Effect *e = instance_new(&st);
    CHECK(st == kOfxStatOK, "CreateInstance returned %d", st);
    CHECK(atomic_load(&e->progress_starts) == 0, "creating an instance started work");
    if (g_mode == MODE_REORDER) {
        /* another legal order: the Source clip changes, then a render, before any parameter edit or interact */
        st = instance_changed_of(e, kOfxTypeClip, "Source", kOfxChangeUserEdited, 0);
        CHECK(st == kOfxStatOK || st == kOfxStatReplyDefault, "a Source change before the first render returned %d", st);
        clip_preferences(e);
        float alpha[W * H];
        st = render_frame(e, 5, alpha);
        CHECK(st == kOfxStatOK, "a render before any edit returned %d", st);
        CHECK(matte_area(alpha) == 0, "a render before any prompt has a matte (%ld pixels)", matte_area(alpha));
    }
    user_set_string(e, "cacheDir", g_cache_dir);
    CHECK(user_set_int(e, "outputMode", 0) != kOfxStatFailed, "setting outputMode failed");
    st = clip_preferences(e);
    CHECK(st == kOfxStatOK, "GetClipPreferences returned %d", st);
    const char *comp = gets(&clip_find(e, "Output")->props, kOfxImageEffectPropComponents, 0);
    CHECK(comp && !strcmp(comp, kOfxImageComponentAlpha), "Output components are %s in Alpha mode", comp ? comp : "(none)");
    user_set_string(e, "prompts", g_prompts_json);
    return e;
}

static void destroy_instance(Effect *e) {
    OfxStatus st = call(kOfxActionDestroyInstance, e, NULL, NULL);
    CHECK(st == kOfxStatOK, "DestroyInstance returned %d", st);
}

static float g_reference[FRAMES][W * H];

static void scenario_track_and_render(Effect *a) {
    double t0 = now_s();
    OfxStatus st = press(a, "trackBoth");
    printf("# Track both ways took %.2f s, %d progress updates\n", now_s() - t0, atomic_load(&a->progress_updates));
    CHECK(st == kOfxStatOK, "Track returned %d", st);
    CHECK(param_int(a, "resultsVersion") == 1, "results version is %d after one track", param_int(a, "resultsVersion"));
    CHECK(param_string(a, "instanceId") && strlen(param_string(a, "instanceId")) > 8, "instance id was not set");
    CHECK(atomic_load(&a->progress_starts) == 1 && atomic_load(&a->progress_ends) == 1, "progress start/end: %d/%d",
          atomic_load(&a->progress_starts), atomic_load(&a->progress_ends));
    CHECK(atomic_load(&a->progress_updates) >= FRAMES, "only %d progress updates", atomic_load(&a->progress_updates));
    t0 = now_s();
    double sum = 0;
    printf("# IoU with the disc per frame:");
    for (int t = 0; t < FRAMES; t++) {
        st = render_frame(a, t, g_reference[t]);
        CHECK(st == kOfxStatOK, "render of frame %d returned %d", t, st);
        write_pgm("A", t, g_reference[t]);
        double iou = iou_with_disc(t, g_reference[t]);
        printf(" %d:%.3f", t, iou);
        sum += iou;
        CHECK(iou > MIN_IOU, "frame %d: IoU with the disc is %.3f", t, iou);
    }
    printf("\n# mean IoU %.4f; rendered %d frames in %.3f s\n", sum / FRAMES, FRAMES, now_s() - t0);
    CHECK(sum / FRAMES > MIN_MEAN_IOU, "mean IoU with the disc is %.4f", sum / FRAMES);
}

typedef struct { Effect *e; int start; int mismatches; int failures; } RenderThread;

static void *render_thread(void *arg) {
    RenderThread *r = arg;
    float alpha[W * H];
    for (int k = 0; k < 2 * FRAMES; k++) {
        int t = (r->start + k * 5) % FRAMES;
        if (render_frame(r->e, t, alpha) != kOfxStatOK) r->failures++;
        else if (memcmp(alpha, g_reference[t], sizeof alpha)) r->mismatches++;
    }
    return NULL;
}

static void scenario_four_threads(Effect *a) {
    pthread_t t[4];
    RenderThread r[4];
    double t0 = now_s();
    for (int i = 0; i < 4; i++) {
        r[i] = (RenderThread){a, i * 6, 0, 0};
        pthread_create(&t[i], NULL, render_thread, &r[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK(r[i].failures == 0, "thread %d: %d renders failed", i, r[i].failures);
        CHECK(r[i].mismatches == 0, "thread %d: %d renders differ from the single-threaded ones", i, r[i].mismatches);
    }
    printf("# 4 threads x %d renders in %.3f s\n", 2 * FRAMES, now_s() - t0);
}

static void scenario_overlay(Effect *a) {
    user_set_int(a, "outputMode", 3); /* Overlay */
    clip_preferences(a);
    const char *comp = gets(&clip_find(a, "Output")->props, kOfxImageEffectPropComponents, 0);
    CHECK(comp && !strcmp(comp, kOfxImageComponentRGBA), "Output components are %s in Overlay mode", comp ? comp : "(none)");
    static float rgba[W * H * 4];
    OfxStatus st = render_rgba(a, 12, rgba);
    CHECK(st == kOfxStatOK, "overlay render returned %d", st);
    write_ppm("overlay", 12, rgba);
    double cx, cy;
    disc_centre(12, &cx, &cy);
    const float *centre = rgba + ((size_t)lround(cy) * W + (size_t)lround(cx)) * 4;
    CHECK(centre[1] > DISC[1] / 255.0f + 0.1f, "the matte is not tinted in the overlay (green %.2f)", centre[1]);
    const float *corner = rgba; /* top-left */
    float bg[3];
    clip_colour(12, 0, 0, bg);
    CHECK(fabsf(corner[0] - bg[0]) < 1e-6f && fabsf(corner[2] - bg[2]) < 1e-6f, "the overlay changed the background");
    user_set_int(a, "outputMode", 0);
    clip_preferences(a);
}

static void scenario_second_instance(Effect *a) {
    Effect *b = prepared_instance();
    OfxStatus st = press(b, "trackForward");
    CHECK(st == kOfxStatOK, "Track forward on the second instance returned %d", st);
    CHECK(strcmp(param_string(a, "instanceId"), param_string(b, "instanceId")) != 0, "two instances share an instance id");
    float alpha[W * H];
    for (int t = 0; t < FRAMES; t++) {
        st = render_frame(b, t, alpha);
        CHECK(st == kOfxStatOK, "second instance: render %d returned %d", t, st);
        CHECK(!memcmp(alpha, g_reference[t], sizeof alpha), "second instance: frame %d differs from the first", t);
    }
    destroy_instance(b);
}

/* The cached matte file of object 1 on frame t in results version v of the instance, read whole. */
static unsigned char *read_cached(Effect *e, int version, int t, long *size) {
    char path[1400];
    snprintf(path, sizeof path, "%s/%s/v%d/o1/f%d.s2lm", g_cache_dir, param_string(e, "instanceId"), version, t);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    rewind(f);
    unsigned char *data = malloc(*size ? *size : 1);
    if (fread(data, 1, *size, f) != (size_t)*size) { free(data); data = NULL; }
    fclose(f);
    return data;
}

static void set_prompts_with_correction(Effect *e) {
    double cx, cy;
    disc_centre(CORRECTION_FRAME, &cx, &cy);
    char json[1024];
    snprintf(json, sizeof json, "%.*s,{\"object\":1,\"frame\":%d,\"clicks\":[{\"x\":%.1f,\"y\":%.1f,\"positive\":true}]}]}",
             (int)strlen(g_prompts_json) - 2, g_prompts_json, CORRECTION_FRAME, cx + 6, cy - 5);
    user_set_string(e, "prompts", json);
}

/* Presses a Track button; returns the frame steps it reported through the progress suite. */
static int track_steps(Effect *e, const char *button, OfxStatus *st) {
    int before = atomic_load(&e->progress_updates);
    *st = press(e, button);
    return atomic_load(&e->progress_updates) - before;
}

/* Track, add a correction click on a later frame, Track again: the object is re-tracked on every frame (each
 * frame attends to every conditioning frame), so the result equals a fresh track with both prompts (the Java
 * side replays prompts_B.json through the engine and compares). */
static void scenario_correction(void) {
    Effect *e = prepared_instance();
    OfxStatus st = press(e, "trackBoth");
    CHECK(st == kOfxStatOK && param_int(e, "resultsVersion") == 1, "first track: status %d, results version %d", st,
          param_int(e, "resultsVersion"));
    unsigned char *before[FRAMES];
    long before_size[FRAMES];
    for (int t = 0; t < FRAMES; t++) {
        before[t] = read_cached(e, 1, t, &before_size[t]);
        CHECK(before[t] != NULL, "frame %d is not in the cache after the first track", t);
    }
    set_prompts_with_correction(e);
    write_text("prompts_B.json", param_string(e, "prompts"));
    double t0 = now_s();
    int steps = track_steps(e, "trackBoth", &st);
    printf("# re-track after a correction on frame %d: %d frame steps in %.2f s\n", CORRECTION_FRAME, steps, now_s() - t0);
    CHECK(st == kOfxStatOK, "Track after the correction returned %d", st);
    CHECK(param_int(e, "resultsVersion") == 2, "results version is %d after the re-track, expected 2", param_int(e, "resultsVersion"));
    CHECK(steps == FRAMES, "the re-track took %d frame steps, expected %d (the whole object)", steps, FRAMES);
    float alpha[W * H];
    for (int t = 0; t < FRAMES; t++) {
        long size = 0;
        unsigned char *after = read_cached(e, 2, t, &size);
        CHECK(after != NULL, "frame %d is not in the cache after the re-track", t);
        int same = after && before[t] && size == before_size[t] && !memcmp(after, before[t], size);
        if (t == CORRECTION_FRAME) CHECK(!same, "the corrected frame %d did not change in the cache", t);
        free(after);
        free(before[t]);
        st = render_frame(e, t, alpha);
        CHECK(st == kOfxStatOK, "render of frame %d after the correction returned %d", t, st);
        write_pgm("B", t, alpha);
        CHECK(iou_with_disc(t, alpha) > MIN_IOU, "frame %d: IoU %.3f after the correction", t, iou_with_disc(t, alpha));
    }

    steps = track_steps(e, "trackBoth", &st);
    CHECK(st == kOfxStatOK && steps == 0, "Track with nothing changed: status %d, %d frame steps", st, steps);
    CHECK(param_int(e, "resultsVersion") == 3, "results version is %d after a no-change track", param_int(e, "resultsVersion"));

    instance_changed_of(e, kOfxTypeClip, "Source", kOfxChangeUserEdited, 0);
    steps = track_steps(e, "trackBoth", &st);
    CHECK(st == kOfxStatOK && steps >= FRAMES, "after the Source clip changed, Track took %d frame steps (status %d), "
          "expected a full track", steps, st);
    destroy_instance(e);
}

static void scenario_cancel(void) {
    Effect *c = prepared_instance();
    c->cancel_after = 5;
    OfxStatus st = press(c, "trackBoth");
    int updates = atomic_load(&c->progress_updates);
    CHECK(st == kOfxStatOK, "a cancelled track returned %d", st);
    CHECK(updates == 5, "tracking went on after cancel: %d progress updates, cancel at 5", updates);
    CHECK(atomic_load(&c->progress_ends) == 1, "progress was not ended after cancel");
    CHECK(param_int(c, "resultsVersion") == 1, "results version %d after a cancelled track", param_int(c, "resultsVersion"));
    float alpha[W * H];
    st = render_frame(c, 0, alpha);
    CHECK(st == kOfxStatOK && matte_area(alpha) > 0, "frame 0 (tracked before cancel) has no matte");
    double t0 = now_s();
    st = render_frame(c, 20, alpha);
    CHECK(st == kOfxStatOK && matte_area(alpha) == 0, "frame 20 (never tracked) should render empty: status %d, area %ld",
          st, matte_area(alpha));
    CHECK(now_s() - t0 < 5, "render of a missing frame took %.1f s", now_s() - t0);

    int errors = atomic_load(&g_error_messages);
    user_set_int(c, "missingFrames", 1); /* Fail the frame */
    st = render_frame(c, 20, alpha);
    CHECK(st == kOfxStatFailed, "missing frame with 'Fail' returned %d", st);
    CHECK(atomic_load(&g_error_messages) > errors, "no error message for a failed frame");

    user_set_int(c, "missingFrames", 2); /* Track now */
    c->cancel_after = 0;
    st = render_frame(c, 20, alpha);
    CHECK(st == kOfxStatOK, "missing frame with 'Track now' returned %d", st);
    CHECK(!memcmp(alpha, g_reference[20], sizeof alpha), "frame 20 tracked at render differs from the reference");
    destroy_instance(c);
}

typedef struct { Effect *e; OfxStatus status; atomic_int done; } TrackThread;

static void *track_thread(void *arg) {
    TrackThread *t = arg;
    t->status = press(t->e, "trackBoth");
    atomic_store(&t->done, 1);
    return NULL;
}

static void scenario_destroy_during_track(void) {
    Effect *d = prepared_instance();
    d->progress_delay_ms = 40;
    TrackThread tt = {d, -1, 0};
    pthread_t th;
    pthread_create(&th, NULL, track_thread, &tt);
    double t0 = now_s();
    while (atomic_load(&d->progress_updates) < 3 && now_s() - t0 < 30) usleep(2000);
    CHECK(atomic_load(&d->progress_updates) >= 3, "tracking never started");
    CHECK(!atomic_load(&tt.done), "tracking finished before destroy (too fast to test)");
    t0 = now_s();
    destroy_instance(d);
    double waited = now_s() - t0;
    pthread_join(th, NULL);
    printf("# destroy during track returned after %.3f s; track status %d after %d updates\n", waited, tt.status,
           atomic_load(&d->progress_updates));
    CHECK(waited < 10, "destroy waited %.1f s for the track", waited);
    CHECK(tt.status == kOfxStatOK || tt.status == kOfxStatFailed, "track returned %d", tt.status);
    CHECK(atomic_load(&d->progress_updates) < FRAMES, "the track ran to the end despite destroy");
}

static void scenario_errors_become_status(void) {
    Effect *e = prepared_instance();
    user_set_string(e, "prompts", "");
    int errors = atomic_load(&g_error_messages);
    OfxStatus st = press(e, "trackBoth");
    CHECK(st == kOfxStatFailed, "Track without prompts returned %d, expected kOfxStatFailed", st);
    CHECK(atomic_load(&g_error_messages) == errors + 1, "expected one error message");
    user_set_string(e, "prompts", "{not json");
    st = press(e, "trackBoth");
    CHECK(st == kOfxStatFailed, "Track with broken prompts returned %d", st);
    st = call("OfxActionNoSuchThing", e, NULL, NULL);
    CHECK(st == kOfxStatReplyDefault, "an unknown action returned %d", st);
    destroy_instance(e);
}

static void scenario_parameters(void) {
    Effect *e = prepared_instance();
    int edits = atomic_load(&e->plugin_edits);
    user_set_int(e, "preset", 3); /* sam2-baseline */
    CHECK(param_int(e, "pathways") == 1, "the SAM 2 baseline preset left pathways at %d", param_int(e, "pathways"));
    CHECK(atomic_load(&e->plugin_edits) > edits, "choosing a preset wrote no parameters");
    user_set_int(e, "preset", 0); /* default */
    CHECK(param_int(e, "pathways") == 3, "the default preset left pathways at %d", param_int(e, "pathways"));
    press(e, "addObject");
    CHECK(param_int(e, "currentObject") == 2, "Add object made object %d current", param_int(e, "currentObject"));
    user_set_string(e, "objectName", "Car");
    CHECK(strstr(param_string(e, "prompts"), "\"Car\"") != NULL, "renaming did not reach the prompts: %s", param_string(e, "prompts"));
    press(e, "removeObject");
    CHECK(param_int(e, "currentObject") == 1, "after Remove object the current object is %d", param_int(e, "currentObject"));
    CHECK(strstr(param_string(e, "prompts"), "\"Car\"") == NULL, "the removed object is still in the prompts");
    CHECK(strstr(param_string(e, "prompts"), "\"clicks\"") != NULL, "removing object 2 lost object 1's clicks");
    destroy_instance(e);
}

typedef struct Interact {
    PropSet props; /* first: interactGetPropertySet hands this out */
} Interact;

static OfxPluginEntryPoint *overlay_entry(void) {
    void *p = NULL;
    propGetPointer((OfxPropertySetHandle)&g_descriptor->props,
                   g_mode == MODE_OFX14 ? kOfxImageEffectPluginPropOverlayInteractV1 : kOfxImageEffectPluginPropOverlayInteractV2, 0, &p);
    return (OfxPluginEntryPoint *)p;
}

static PropSet *interact_args(Effect *e, double t, double x, double y) {
    PropSet *in = args_new();
    propSetPointer((OfxPropertySetHandle)in, kOfxPropEffectInstance, 0, e);
    setd(in, kOfxPropTime, t);
    double one[2] = {1, 1}, pos[2] = {x, y};
    propSetDoubleN((OfxPropertySetHandle)in, kOfxImageEffectPropRenderScale, 2, one);
    propSetDoubleN((OfxPropertySetHandle)in, kOfxInteractPropPixelScale, 2, one);
    propSetDoubleN((OfxPropertySetHandle)in, kOfxInteractPropPenPosition, 2, pos);
    int vp[2] = {(int)x, (int)y};
    propSetIntN((OfxPropertySetHandle)in, kOfxInteractPropPenViewportPosition, 2, vp);
    setd(in, kOfxInteractPropPenPressure, 1.0);
    return in;
}

/* Pen down at a, (motion) and up at b, in top-left source pixels on frame t. */
static void pen_stroke(OfxPluginEntryPoint *entry, Interact *it, Effect *e, int t, double ax, double ay, double bx, double by) {
    OfxStatus s1 = entry(kOfxInteractActionPenDown, it, (OfxPropertySetHandle)interact_args(e, t, ax, H - ay), NULL);
    entry(kOfxInteractActionPenMotion, it, (OfxPropertySetHandle)interact_args(e, t, (ax + bx) / 2, H - (ay + by) / 2), NULL);
    OfxStatus s2 = entry(kOfxInteractActionPenUp, it, (OfxPropertySetHandle)interact_args(e, t, bx, H - by), NULL);
    CHECK(s1 == kOfxStatOK && s2 == kOfxStatOK, "pen down/up returned %d/%d", s1, s2);
}

/* Waits (up to 120 s) until the plug-in has asked for at least n redraws in all. */
static int wait_redraws(int n) {
    for (int i = 0; i < 12000 && atomic_load(&g_redraws) < n; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return atomic_load(&g_redraws) >= n;
}

static void scenario_overlay_clicks(void) {
    OfxPluginEntryPoint *entry = overlay_entry();
    CHECK(entry != NULL, "the effect declares no overlay interact");
    if (!entry) return;
    Effect *e = prepared_instance();
    user_set_string(e, "prompts", "");
    Interact *desc = calloc(1, sizeof *desc), *it = calloc(1, sizeof *it);
    ps_init(&desc->props);
    ps_init(&it->props);
    propSetPointer((OfxPropertySetHandle)&it->props, kOfxPropEffectInstance, 0, e);
    CHECK(entry(kOfxActionDescribe, desc, NULL, NULL) == kOfxStatOK, "interact describe failed");
    CHECK(entry(kOfxActionCreateInstance, it, NULL, NULL) == kOfxStatOK, "interact create failed");
    int has_draw = g_mode != MODE_OFX14; /* an OFX 1.4 host has no draw suite: OpenGL only */
    if (g_mode == MODE_REORDER) { /* the viewer draws before any click */
        PropSet *early = interact_args(e, 3, 0, 0);
        int drawn = atomic_load(&g_drawn[kOfxDrawPrimitiveEllipse]);
        OfxStatus es = entry(kOfxInteractActionDraw, it, (OfxPropertySetHandle)early, NULL);
        CHECK(es == kOfxStatOK, "a draw before any click returned %d", es);
        CHECK(atomic_load(&g_drawn[kOfxDrawPrimitiveEllipse]) == drawn, "a draw before any click drew click markers");
    }

    PropSet *din = interact_args(e, 3, 0, 0);
    propSetPointer((OfxPropertySetHandle)din, kOfxInteractPropDrawContext, 0, &g_draw_context_marker);
    PropSet *gin = interact_args(e, 3, 0, 0);
    double cx, cy;
    disc_centre(3, &cx, &cy);
    int redraws = atomic_load(&g_redraws);
    pen_stroke(entry, it, e, 3, cx, cy, cx, cy); /* a click */
    /* instant feedback: the click's matte outline (a preview, before any tracking) once the plug-in asks for a redraw */
    CHECK(wait_redraws(redraws + 1), "no redraw request after a click (the click preview)");
    if (has_draw) {
        int before = atomic_load(&g_drawn[kOfxDrawPrimitiveLines]);
        CHECK(entry(kOfxInteractActionDraw, it, (OfxPropertySetHandle)din, NULL) == kOfxStatOK, "draw after a click failed");
        CHECK(atomic_load(&g_drawn[kOfxDrawPrimitiveLines]) - before == 1, "no preview outline drawn after a click, before tracking");
        printf("# preview outline after one click on frame 3: %d points\n", atomic_load(&g_last_points));
        CHECK(atomic_load(&g_last_points) >= 16, "the preview outline has only %d points", atomic_load(&g_last_points));
    } else if (g_gl_begins) {
        int before = atomic_load(&g_gl_begins[GL_LINES_MODE]);
        CHECK(entry(kOfxInteractActionDraw, it, (OfxPropertySetHandle)gin, NULL) == kOfxStatOK, "GL draw after a click failed");
        CHECK(atomic_load(&g_gl_begins[GL_LINES_MODE]) - before == 1, "OpenGL: no preview outline drawn after a click, before tracking");
    }
    const char *json = param_string(e, "prompts");
    char expect[128];
    snprintf(expect, sizeof expect, "\"frame\":3,\"clicks\":[{\"x\":%d.", (int)cx);
    CHECK(strstr(json, expect) != NULL, "the click is not in the prompts: %s (looked for %s)", json, expect);
    CHECK(strstr(json, "\"format\":\"sam2long-shot\"") != NULL, "the saved prompts are not a shot document: %s", json);
    CHECK(strstr(json, "\"negative\"") == NULL, "a plain click should be positive: %s", json);

    PropSet *key = interact_args(e, 3, 0, 0);
    seti(key, kOfxPropKeySym, kOfxKey_Shift_L);
    entry(kOfxInteractActionKeyDown, it, (OfxPropertySetHandle)key, NULL);
    pen_stroke(entry, it, e, 3, 150, 110, 150, 110); /* shift-click far from the disc */
    entry(kOfxInteractActionKeyUp, it, (OfxPropertySetHandle)key, NULL);
    CHECK(strstr(param_string(e, "prompts"), "\"negative\":true") != NULL, "a shift-click should be negative: %s", param_string(e, "prompts"));

    pen_stroke(entry, it, e, 3, cx - 20, cy - 20, cx + 20, cy + 20); /* a drag makes a box */
    CHECK(strstr(param_string(e, "prompts"), "\"box\":[") != NULL, "the drag made no box: %s", param_string(e, "prompts"));
    CHECK(wait_redraws(redraws + 3), "%d redraw requests for 3 clicks", atomic_load(&g_redraws) - redraws);

    int lines = atomic_load(&g_drawn[kOfxDrawPrimitiveLines]);
    OfxStatus st;
    if (has_draw) {
        int ellipses = atomic_load(&g_drawn[kOfxDrawPrimitiveEllipse]), loops = atomic_load(&g_drawn[kOfxDrawPrimitiveLineLoop]);
        st = entry(kOfxInteractActionDraw, it, (OfxPropertySetHandle)din, NULL);
        CHECK(st == kOfxStatOK, "overlay draw returned %d", st);
        CHECK(atomic_load(&g_drawn[kOfxDrawPrimitiveEllipse]) - ellipses == 2, "drew %d click markers, expected 2",
              atomic_load(&g_drawn[kOfxDrawPrimitiveEllipse]) - ellipses);
        CHECK(atomic_load(&g_drawn[kOfxDrawPrimitiveLineLoop]) - loops == 1, "drew %d boxes, expected 1",
              atomic_load(&g_drawn[kOfxDrawPrimitiveLineLoop]) - loops);
        CHECK(atomic_load(&g_drawn[kOfxDrawPrimitiveLines]) - lines == 1, "no preview outline of the clicks and box before tracking");
    }

    /* an OFX 1.4 host: no draw context, its GL context current: the same through OpenGL */
    CHECK(g_gl_begins != NULL, "the fake libGL was not loaded");
    if (g_gl_begins) {
        int polys = atomic_load(&g_gl_begins[GL_POLYGON_MODE]), glloops = atomic_load(&g_gl_begins[GL_LINE_LOOP_MODE]);
        int gllines = atomic_load(&g_gl_begins[GL_LINES_MODE]);
        st = entry(kOfxInteractActionDraw, it, (OfxPropertySetHandle)gin, NULL);
        CHECK(st == kOfxStatOK, "OpenGL overlay draw returned %d", st);
        CHECK(atomic_load(&g_gl_begins[GL_POLYGON_MODE]) - polys == 2, "OpenGL: drew %d click markers, expected 2",
              atomic_load(&g_gl_begins[GL_POLYGON_MODE]) - polys);
        CHECK(atomic_load(&g_gl_begins[GL_LINE_LOOP_MODE]) - glloops == 1, "OpenGL: drew %d boxes, expected 1",
              atomic_load(&g_gl_begins[GL_LINE_LOOP_MODE]) - glloops);
        CHECK(atomic_load(&g_gl_begins[GL_LINES_MODE]) - gllines == 1, "OpenGL: no preview outline of the clicks and box before tracking");
        CHECK(atomic_load(g_gl_unbalanced) == 0, "OpenGL: glBegin/glEnd unbalanced %d times", atomic_load(g_gl_unbalanced));
    }

    st = press(e, "trackBoth");
    CHECK(st == kOfxStatOK, "Track after viewer clicks returned %d", st);
    float alpha[W * H];
    st = render_frame(e, 3, alpha);
    double iou = iou_with_disc(3, alpha);
    CHECK(st == kOfxStatOK && iou > MIN_IOU, "after viewer clicks frame 3 has IoU %.3f (status %d)", iou, st);

    /* after Track the current object's outline is drawn, by either route (the draw-suite calls are
       logged for the docs picture, see OfxTestHostIT) */
    if (has_draw) {
        lines = atomic_load(&g_drawn[kOfxDrawPrimitiveLines]);
        char log_path[4200];
        snprintf(log_path, sizeof log_path, "%s/interact_03.txt", g_outdir);
        g_draw_log = fopen(log_path, "w");
        CHECK(entry(kOfxInteractActionDraw, it, (OfxPropertySetHandle)din, NULL) == kOfxStatOK, "draw after track failed");
        if (g_draw_log) fclose(g_draw_log);
        g_draw_log = NULL;
        CHECK(atomic_load(&g_drawn[kOfxDrawPrimitiveLines]) - lines == 1, "no matte outline drawn after Track");
        printf("# outline on frame 3: %d points through the draw suite\n", atomic_load(&g_last_points));
        CHECK(atomic_load(&g_last_points) >= 16, "the outline has only %d points", atomic_load(&g_last_points));
    }
    if (g_gl_begins) {
        int gllines = atomic_load(&g_gl_begins[GL_LINES_MODE]), verts = atomic_load(g_gl_vertices);
        CHECK(entry(kOfxInteractActionDraw, it, (OfxPropertySetHandle)gin, NULL) == kOfxStatOK, "GL draw after track failed");
        CHECK(atomic_load(&g_gl_begins[GL_LINES_MODE]) - gllines == 1, "OpenGL: no matte outline drawn after Track");
        CHECK(atomic_load(g_gl_vertices) - verts >= 16 + 2 * 16 + 4, "OpenGL: only %d vertices", atomic_load(g_gl_vertices) - verts);
        CHECK(atomic_load(g_gl_unbalanced) == 0, "OpenGL: glBegin/glEnd unbalanced %d times", atomic_load(g_gl_unbalanced));
    }
    CHECK(entry(kOfxActionDestroyInstance, it, NULL, NULL) == kOfxStatOK, "interact destroy failed");
    destroy_instance(e);
}

/* A host that refuses every optional property (of the effect, its clips and its parameters): describe still succeeds. */
static void scenario_describe_refusing_optional(void) {
    Effect *d = effect_new(0);
    sets(&d->props, kOfxPropType, kOfxTypeImageEffect);
    d->props.refuse_optional = 1;
    OfxStatus st = call(kOfxActionDescribe, d, NULL, NULL);
    CHECK(st == kOfxStatOK, "Describe returned %d when every optional property is refused", st);
    CHECK(dim(&d->props, kOfxImageEffectPropSupportedContexts) == 2, "the contexts were not declared");
    CHECK(dim(&d->props, kOfxImageEffectPropSupportedPixelDepths) >= 1, "no pixel depth was declared");
    CHECK(dim(&d->props, kOfxPropLabel) == -1, "the host refused the label, yet it is there");
    const char *contexts[2] = {kOfxImageEffectContextFilter, kOfxImageEffectContextGeneral};
    for (int i = 0; i < 2; i++) {
        Effect *c = effect_new(0);
        ps_copy(&c->props, &d->props);
        c->props.refuse_optional = 1;
        PropSet *in = args_new();
        sets(in, kOfxImageEffectPropContext, contexts[i]);
        st = call(kOfxImageEffectActionDescribeInContext, c, in, NULL);
        CHECK(st == kOfxStatOK, "DescribeInContext(%s) returned %d when every optional property is refused", contexts[i], st);
        CHECK(clip_find(c, "Source") && clip_find(c, "Output"), "%s: the clips were not defined", contexts[i]);
        CHECK(param_find(c, "prompts") && param_find(c, "trackBoth"), "%s: the parameters were not defined", contexts[i]);
        Clip *src = clip_find(c, "Source");
        if (src) CHECK(dim(&src->props, kOfxImageEffectPropSupportedComponents) >= 1, "the Source clip has no components");
    }
}

typedef struct { Effect *e; int mismatches; int failures; OfxStatus track; } InstanceThread;

/* One instance's whole life on its own thread: create, prompts, Track forward, render every frame, destroy. */
static void *instance_thread(void *arg) {
    InstanceThread *r = arg;
    r->e = prepared_instance();
    r->track = press(r->e, "trackForward");
    float *alpha = malloc(sizeof(float) * W * H);
    if (!alpha) abort();
    for (int t = FRAMES - 1; t >= 0; t--) {
        if (render_frame(r->e, t, alpha) != kOfxStatOK) r->failures++;
        else if (memcmp(alpha, g_reference[t], sizeof(float) * W * H)) r->mismatches++;
    }
    free(alpha);
    destroy_instance(r->e);
    return NULL;
}

static void scenario_instances_on_threads(void) {
    enum { N = 3 };
    pthread_t t[N];
    InstanceThread r[N];
    memset(r, 0, sizeof r);
    double t0 = now_s();
    for (int i = 0; i < N; i++) CHECK(pthread_create(&t[i], NULL, instance_thread, &r[i]) == 0, "pthread_create failed");
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        CHECK(r[i].track == kOfxStatOK, "instance %d: Track returned %d", i, r[i].track);
        CHECK(r[i].failures == 0 && r[i].mismatches == 0, "instance %d: %d renders failed, %d differ from the reference", i,
              r[i].failures, r[i].mismatches);
    }
    printf("# %d instances created, tracked and rendered on %d threads in %.2f s\n", N, N, now_s() - t0);
}

typedef struct { Effect *e; int frame; OfxStatus st; float *alpha; } RenderOne;

static void *render_one(void *arg) {
    RenderOne *r = arg;
    r->st = render_frame(r->e, r->frame, r->alpha);
    return NULL;
}

/* "Render missing frames: Track now" hit by 4 render threads at once: one track, the others wait and read the cache. */
static void scenario_track_now_from_threads(void) {
    Effect *e = prepared_instance();
    user_set_int(e, "missingFrames", 2);
    enum { N = 4 };
    pthread_t t[N];
    RenderOne r[N];
    int before = atomic_load(&g_source_fetches);
    for (int i = 0; i < N; i++) {
        r[i] = (RenderOne){e, 3 + 6 * i, -1, malloc(sizeof(float) * W * H)};
        CHECK(pthread_create(&t[i], NULL, render_one, &r[i]) == 0, "pthread_create failed");
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        CHECK(r[i].st == kOfxStatOK, "Track-now render of frame %d returned %d", r[i].frame, r[i].st);
        CHECK(r[i].st != kOfxStatOK || !memcmp(r[i].alpha, g_reference[r[i].frame], sizeof(float) * W * H),
              "Track-now render of frame %d differs from the reference", r[i].frame);
        free(r[i].alpha);
    }
    int fetched = atomic_load(&g_source_fetches) - before;
    printf("# %d render threads missing frames at once: %d source frames fetched\n", N, fetched);
    CHECK(fetched <= 2 * FRAMES, "%d source frames fetched: more than one track ran", fetched);
    destroy_instance(e);
}

/*
 * Java cannot start (the caller points SAM2LONG_JAVA_HOME at a folder without a runtime): Load and
 * Describe still succeed (they never need Java), describe-in-context and create-instance fail with
 * kOfxStatFailed, the reason reaches the host's message suite once and the boot log, and nothing crashes.
 */
static int scenario_boot_failure(void) {
    begin_case("Java cannot start: describe works, the rest fails cleanly with the reason");
    if (load_plugin() && (g_descriptor = effect_new(0)) != NULL) {
        sets(&g_descriptor->props, kOfxPropType, kOfxTypeImageEffect);
        OfxStatus st = call(kOfxActionDescribe, g_descriptor, NULL, NULL);
        CHECK(st == kOfxStatOK, "Describe returned %d without Java", st);
        Effect *d = effect_new(0);
        ps_copy(&d->props, &g_descriptor->props);
        PropSet *in = args_new();
        sets(in, kOfxImageEffectPropContext, kOfxImageEffectContextFilter);
        int errors = atomic_load(&g_error_messages);
        st = call(kOfxImageEffectActionDescribeInContext, d, in, NULL);
        CHECK(st == kOfxStatFailed, "DescribeInContext returned %d without Java, expected kOfxStatFailed", st);
        CHECK(atomic_load(&g_error_messages) == errors + 1, "expected one error message, got %d", atomic_load(&g_error_messages) - errors);
        CHECK(strstr(g_last_message, "cannot start Java") && strstr(g_last_message, "SAM2LONG_JAVA_HOME"),
              "the message does not give the reason: %s", g_last_message);
        Effect *e = effect_new(1);
        st = call(kOfxActionCreateInstance, e, NULL, NULL);
        CHECK(st == kOfxStatFailed, "CreateInstance returned %d without Java", st);
        CHECK(atomic_load(&g_error_messages) == errors + 1, "the boot failure was reported more than once");
        st = call(kOfxImageEffectActionRender, e, args_new(), NULL);
        CHECK(st == kOfxStatFailed, "Render returned %d without Java", st);
        st = call(kOfxActionUnload, NULL, NULL, NULL);
        CHECK(st == kOfxStatOK, "Unload returned %d without Java", st);
        const char *xdg = getenv("XDG_CACHE_HOME");
        char path[2048], line[4096] = "";
        snprintf(path, sizeof path, "%s/sam2long/ofx-boot.log", xdg ? xdg : "/nonexistent");
        FILE *f = fopen(path, "r");
        CHECK(f != NULL, "no boot log at %s", path);
        if (f) {
            CHECK(fgets(line, sizeof line, f) && strstr(line, "failed") && strstr(line, "SAM2LONG_JAVA_HOME"),
                  "the boot log does not give the reason: %s", line);
            fclose(f);
        }
    }
    end_case("Java cannot start: describe works, the rest fails cleanly with the reason");
    return g_failures ? 1 : 0;
}

static void scenario_reload(const char *instance_id) {
    OfxStatus st = call(kOfxActionUnload, NULL, NULL, NULL);
    CHECK(st == kOfxStatOK, "Unload returned %d", st);
    CHECK(dlclose(g_lib) == 0, "dlclose failed");
    g_reloaded = 1;
    if (!load_plugin()) return;
    describe();
    Effect *f = prepared_instance();
    /* a reopened project: the hidden parameters come back from the saved file */
    Param *id = param_find(f, "instanceId");
    Param *version = param_find(f, "resultsVersion");
    id->sval = strdup(instance_id);
    version->ival = 1;
    float alpha[W * H];
    for (int t = 0; t < FRAMES; t += 7) {
        st = render_frame(f, t, alpha);
        CHECK(st == kOfxStatOK, "render after reload returned %d", st);
        CHECK(!memcmp(alpha, g_reference[t], sizeof alpha), "frame %d after reload differs from before", t);
    }
    destroy_instance(f);
}

int main(int argc, char **argv) {
    if (argc == 4 && !strncmp(argv[3], "--mode=", 7)) {
        int found = 0;
        for (int m = 0; m < 5; m++)
            if (!strcmp(argv[3] + 7, MODE_NAMES[m])) { g_mode = (Mode)m; found = 1; }
        if (!found) {
            fprintf(stderr, "unknown mode %s: use full, ofx14, reorder, rowbytes or bootfail\n", argv[3] + 7);
            return 2;
        }
    } else if (argc != 3) {
        fprintf(stderr, "usage: %s BUNDLE_DIR OUT_DIR [--mode=full|ofx14|reorder|rowbytes|bootfail]\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    alarm(400); /* a hang is a failure, not a stuck CI job (400 s: four modes share two loaded cores in CI) */
    g_outdir = argv[2];
    mkdir(g_outdir, 0755);
    snprintf(g_cache_dir, sizeof g_cache_dir, "%s/cache", g_outdir);
    snprintf(g_lib_path, sizeof g_lib_path, "%s/Contents/Linux-x86-64/SAM2LongRoto.ofx", argv[1]);
    double cx, cy;
    disc_centre(0, &cx, &cy);
    snprintf(g_prompts_json, sizeof g_prompts_json,
             "{\"format\":1,\"objects\":[{\"id\":1,\"name\":\"Disc\"}],"
             "\"prompts\":[{\"object\":1,\"frame\":0,\"clicks\":[{\"x\":%.1f,\"y\":%.1f,\"positive\":true}]}]}", cx, cy);
    write_text("prompts_A.json", g_prompts_json);
    /* the fake libGL next to this program stands in for the host's OpenGL (set before the JVM starts) */
    char gl_path[4096];
    const char *slash = strrchr(argv[0], '/');
    snprintf(gl_path, sizeof gl_path, "%.*s/libfakegl.so", slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
    void *gl = dlopen(gl_path, RTLD_NOW | RTLD_GLOBAL);
    if (gl) {
        setenv("SAM2LONG_GL_LIBRARY", gl_path, 1);
        g_gl_begins = dlsym(gl, "fakegl_begins");
        g_gl_vertices = dlsym(gl, "fakegl_vertices");
        g_gl_unbalanced = dlsym(gl, "fakegl_unbalanced");
    } else {
        printf("# no fake libGL at %s: %s\n", gl_path, dlerror());
    }
    host_init();
    printf("# host mode: %s\n", MODE_NAMES[g_mode]);
    if (g_mode == MODE_BOOTFAIL) return scenario_boot_failure();

    begin_case("load and describe");
    int loaded = load_plugin() && describe();
    end_case("load and describe");
    if (!loaded) {
        printf("# cannot go on without a loaded plug-in\n");
        return 1;
    }

    begin_case("create, prompt, track, render every frame");
    Effect *a = prepared_instance();
    scenario_track_and_render(a);
    end_case("create, prompt, track, render every frame");

    begin_case("render from 4 threads at once");
    scenario_four_threads(a);
    end_case("render from 4 threads at once");

    begin_case("overlay output for checking");
    scenario_overlay(a);
    end_case("overlay output for checking");

    begin_case("second instance in the same process");
    scenario_second_instance(a);
    end_case("second instance in the same process");

    begin_case("correction click on a later frame re-tracks only from there");
    scenario_correction();
    end_case("correction click on a later frame re-tracks only from there");

    begin_case("cancel during track, then missing-frame policies");
    scenario_cancel();
    end_case("cancel during track, then missing-frame policies");

    begin_case("destroy the instance during track");
    scenario_destroy_during_track();
    end_case("destroy the instance during track");

    begin_case("plug-in errors become a status and a message");
    scenario_errors_become_status();
    end_case("plug-in errors become a status and a message");

    begin_case("viewer clicks, shift-click and drag through the overlay interact, then track");
    scenario_overlay_clicks();
    end_case("viewer clicks, shift-click and drag through the overlay interact, then track");

    begin_case("presets and object edits write parameters");
    scenario_parameters();
    end_case("presets and object edits write parameters");

    begin_case("describe succeeds when every optional property is refused");
    scenario_describe_refusing_optional();
    end_case("describe succeeds when every optional property is refused");

    begin_case("three instances, each created, tracked and rendered on its own thread");
    scenario_instances_on_threads();
    end_case("three instances, each created, tracked and rendered on its own thread");

    begin_case("four render threads missing frames with Track now: one track");
    scenario_track_now_from_threads();
    end_case("four render threads missing frames with Track now: one track");

    char *id = strdup(param_string(a, "instanceId"));
    destroy_instance(a);
    begin_case("unload, reload, reopen the project in one process");
    scenario_reload(id);
    end_case("unload, reload, reopen the project in one process");

    begin_case("every image released");
    CHECK(atomic_load(&g_live_images) == 0, "%d images were never released", atomic_load(&g_live_images));
    end_case("every image released");

    call(kOfxActionUnload, NULL, NULL, NULL);
    printf("# %d scenario(s) failed, %d messages posted\n", g_failures, atomic_load(&g_messages));
    return g_failures ? 1 : 0;
}
