/*
 * SAM2Long Roto OpenFX shim: the .ofx library a host loads.
 *
 * It exports the OFX entry points, boots one Java VM per process from the runtime named in the
 * bundle's Resources/jvm.cfg (or $SAM2LONG_JAVA_HOME for development), and forwards setHost and
 * every mainEntry call to org.sam2long.ofx.effect.OfxEntry with the raw pointers as longs.
 * Rules: the VM is created once and never destroyed; this library pins itself (RTLD_NODELETE and
 * -z nodelete) so a host unload/reload never leaves a dangling VM; -Xrs leaves signals to the host;
 * host threads are attached as daemon threads and detached when they end; a Java exception or a
 * VM that cannot start becomes kOfxStatFailed, never a crash.
 *
 * Varargs suite functions (paramGetValue, paramSetValue, message) are wrapped below in fixed-arity
 * s2l_* helpers that the Java side calls through JNA.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <jni.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ofxCore.h"
#include "ofxImageEffect.h"
#include "ofxMessage.h"
#include "ofxParam.h"

#define S2L_PLUGIN_ID "org.sam2long.roto.SAM2LongRoto"
#define S2L_VERSION_MAJOR 1
#define S2L_VERSION_MINOR 0
#define S2L_ENTRY_CLASS "org/sam2long/ofx/effect/OfxEntry"
#define S2L_MAX_OPTIONS 64

typedef jint (JNICALL *CreateJavaVM_t)(JavaVM **, void **, void *);
typedef jint (JNICALL *GetCreatedJavaVMs_t)(JavaVM **, jsize, jsize *);

static OfxHost *g_host;
static JavaVM *g_vm;
static jclass g_entry;
static jmethodID g_set_host;
static jmethodID g_main_entry;
static jmethodID g_overlay_entry;
static pthread_once_t g_boot_once = PTHREAD_ONCE_INIT;
static pthread_key_t g_attached_key;
static int g_booted;
static char g_boot_error[2048];

/* ---------- small helpers ---------- */

static void boot_fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_boot_error, sizeof g_boot_error, fmt, ap);
    va_end(ap);
    fprintf(stderr, "SAM2Long Roto: %s\n", g_boot_error);
}

static int is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void parent_dir(char *path) {
    char *slash = strrchr(path, '/');
    if (slash) *slash = '\0';
}

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    char *end = s + strlen(s);
    while (end > s && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t')) *--end = '\0';
    return s;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---------- bundle layout ---------- */

typedef struct {
    char library[PATH_MAX];   /* .../X.ofx.bundle/Contents/Linux-x86-64/X.ofx */
    char resources[PATH_MAX]; /* .../X.ofx.bundle/Contents/Resources */
} BundlePaths;

static int find_bundle(BundlePaths *b) {
    Dl_info info;
    if (!dladdr((void *)&OfxGetPlugin, &info) || !info.dli_fname) {
        boot_fail("cannot find the path of the plug-in library (dladdr failed)");
        return 0;
    }
    if (!realpath(info.dli_fname, b->library)) {
        snprintf(b->library, sizeof b->library, "%s", info.dli_fname);
    }
    char contents[PATH_MAX];
    snprintf(contents, sizeof contents, "%s", b->library);
    parent_dir(contents); /* Linux-x86-64 */
    parent_dir(contents); /* Contents */
    snprintf(b->resources, sizeof b->resources, "%s/Resources", contents);
    return 1;
}

/* Pins this library in memory so a host's dlclose never unmaps code the VM may still call. */
static void pin_self(const BundlePaths *b) {
    void *self = dlopen(b->library, RTLD_NOW | RTLD_NODELETE | RTLD_NOLOAD);
    if (!self) self = dlopen(b->library, RTLD_NOW | RTLD_NODELETE);
    (void)self; /* deliberately never closed */
}

/* ---------- jvm.cfg: "runtime=<java home>" (relative to Resources) and "option=<jvm option>" lines ---------- */

typedef struct {
    char java_home[PATH_MAX];
    char *options[S2L_MAX_OPTIONS];
    int option_count;
} JvmConfig;

static int usable_java_home(const char *home) {
    char lib[PATH_MAX];
    snprintf(lib, sizeof lib, "%s/lib/server/libjvm.so", home);
    return is_file(lib);
}

static int read_config(const BundlePaths *b, JvmConfig *cfg) {
    char path[PATH_MAX], tried[1024] = "";
    snprintf(path, sizeof path, "%s/jvm.cfg", b->resources);
    const char *env = getenv("SAM2LONG_JAVA_HOME");
    if (env && *env) {
        if (!usable_java_home(env)) {
            boot_fail("SAM2LONG_JAVA_HOME=%s has no lib/server/libjvm.so", env);
            return 0;
        }
        snprintf(cfg->java_home, sizeof cfg->java_home, "%s", env);
    }
    FILE *f = fopen(path, "r");
    if (!f && !cfg->java_home[0]) {
        boot_fail("cannot read %s (%s) and SAM2LONG_JAVA_HOME is not set", path, strerror(errno));
        return 0;
    }
    char line[PATH_MAX + 64];
    while (f && fgets(line, sizeof line, f)) {
        char *s = trim(line);
        if (!strncmp(s, "runtime=", 8) && !cfg->java_home[0]) {
            char home[PATH_MAX];
            const char *v = trim(s + 8);
            if (v[0] == '/') snprintf(home, sizeof home, "%s", v);
            else snprintf(home, sizeof home, "%s/%s", b->resources, v);
            if (usable_java_home(home)) snprintf(cfg->java_home, sizeof cfg->java_home, "%s", home);
            else if (strlen(tried) + strlen(home) + 3 < sizeof tried) { strcat(tried, " "); strcat(tried, home); }
        } else if (!strncmp(s, "option=", 7) && cfg->option_count < S2L_MAX_OPTIONS) {
            cfg->options[cfg->option_count++] = strdup(trim(s + 7));
        }
    }
    if (f) fclose(f);
    if (!cfg->java_home[0]) {
        boot_fail("no Java runtime with lib/server/libjvm.so found; tried:%s (from %s)", tried, path);
        return 0;
    }
    return 1;
}

/* Class path: every .jar in Resources/lib, sorted by name. Caller frees. */
static char *class_path(const BundlePaths *b) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/lib", b->resources);
    DIR *d = opendir(dir);
    if (!d) {
        boot_fail("cannot list %s (%s)", dir, strerror(errno));
        return NULL;
    }
    char *names[4096];
    int n = 0;
    size_t total = 32;
    struct dirent *e;
    while ((e = readdir(d)) && n < 4096) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".jar")) {
            names[n++] = strdup(e->d_name);
            total += strlen(dir) + len + 2;
        }
    }
    closedir(d);
    if (n == 0) {
        boot_fail("%s holds no jars", dir);
        return NULL;
    }
    qsort(names, n, sizeof names[0], cmp_str);
    char *cp = malloc(total);
    strcpy(cp, "-Djava.class.path=");
    for (int i = 0; i < n; i++) {
        if (i) strcat(cp, ":");
        strcat(cp, dir);
        strcat(cp, "/");
        strcat(cp, names[i]);
        free(names[i]);
    }
    return cp;
}

/* ---------- VM boot ---------- */

static void detach_at_thread_exit(void *marker) {
    (void)marker;
    if (g_vm) (*g_vm)->DetachCurrentThread(g_vm);
}

static int resolve_entry(JNIEnv *env) {
    jclass local = (*env)->FindClass(env, S2L_ENTRY_CLASS);
    if (!local) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
        boot_fail("class %s is not on the class path", S2L_ENTRY_CLASS);
        return 0;
    }
    g_entry = (*env)->NewGlobalRef(env, local);
    g_set_host = (*env)->GetStaticMethodID(env, g_entry, "setHost", "(J)I");
    g_main_entry = (*env)->GetStaticMethodID(env, g_entry, "mainEntry", "(Ljava/lang/String;JJJ)I");
    g_overlay_entry = (*env)->GetStaticMethodID(env, g_entry, "overlayEntry", "(Ljava/lang/String;JJJ)I");
    if (!g_set_host || !g_main_entry || !g_overlay_entry) {
        (*env)->ExceptionClear(env);
        boot_fail("%s lacks setHost(long), mainEntry(String,long,long,long) or overlayEntry", S2L_ENTRY_CLASS);
        return 0;
    }
    return 1;
}

static void *boot_thread(void *unused) {
    (void)unused;
    BundlePaths b;
    JvmConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    if (!find_bundle(&b)) return NULL;
    pin_self(&b);
    if (!read_config(&b, &cfg)) return NULL;

    char lib[PATH_MAX];
    snprintf(lib, sizeof lib, "%s/lib/libjsig.so", cfg.java_home);
    if (is_file(lib)) dlopen(lib, RTLD_NOW | RTLD_GLOBAL); /* signal chaining, best effort */
    snprintf(lib, sizeof lib, "%s/lib/server/libjvm.so", cfg.java_home);
    void *jvm = dlopen(lib, RTLD_NOW | RTLD_GLOBAL);
    if (!jvm) {
        boot_fail("cannot load %s: %s", lib, dlerror());
        return NULL;
    }
    CreateJavaVM_t create = (CreateJavaVM_t)dlsym(jvm, "JNI_CreateJavaVM");
    GetCreatedJavaVMs_t created = (GetCreatedJavaVMs_t)dlsym(jvm, "JNI_GetCreatedJavaVMs");
    if (!create || !created) {
        boot_fail("%s does not export JNI_CreateJavaVM", lib);
        return NULL;
    }
    JNIEnv *env = NULL;
    jsize existing = 0;
    if (created(&g_vm, 1, &existing) == JNI_OK && existing > 0) {
        (*g_vm)->AttachCurrentThreadAsDaemon(g_vm, (void **)&env, NULL); /* a VM already runs here: reuse it */
    } else {
        char *cp = class_path(&b);
        if (!cp) return NULL;
        char shim[PATH_MAX + 32], res[PATH_MAX + 32];
        snprintf(shim, sizeof shim, "-Dsam2long.ofx.shim=%s", b.library);
        snprintf(res, sizeof res, "-Dsam2long.ofx.resources=%s", b.resources);
        JavaVMOption opts[S2L_MAX_OPTIONS + 8];
        int n = 0;
        opts[n++].optionString = "-Xrs";
        opts[n++].optionString = cp;
        opts[n++].optionString = shim;
        opts[n++].optionString = res;
        opts[n++].optionString = "-Djava.awt.headless=true";
        opts[n++].optionString = "-Djna.nosys=true";
        opts[n++].optionString = "-Djna.encoding=UTF-8";
        for (int i = 0; i < cfg.option_count; i++) opts[n++].optionString = cfg.options[i];
        for (int i = 0; i < n; i++) opts[i].extraInfo = NULL;
        JavaVMInitArgs args = {.version = JNI_VERSION_10, .nOptions = n, .options = opts, .ignoreUnrecognized = JNI_FALSE};
        jint rc = create(&g_vm, (void **)&env, &args);
        free(cp);
        if (rc != JNI_OK) {
            g_vm = NULL;
            boot_fail("JNI_CreateJavaVM failed with %d for %s", (int)rc, cfg.java_home);
            return NULL;
        }
    }
    if (!env || !resolve_entry(env)) return NULL;
    pthread_key_create(&g_attached_key, detach_at_thread_exit);
    (*g_vm)->DetachCurrentThread(g_vm); /* this helper thread ends now; callers attach as daemons */
    g_booted = 1;
    return NULL;
}

/* Boots the VM on a helper thread with a generous stack, whatever the host thread's stack is. */
static void boot_once(void) {
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 8u << 20);
    if (pthread_create(&t, &attr, boot_thread, NULL) == 0) pthread_join(t, NULL);
    else boot_fail("cannot start the Java boot thread");
    pthread_attr_destroy(&attr);
}

/* JNIEnv for the calling host thread, attaching it as a daemon thread on first use; NULL if no VM. */
static JNIEnv *current_env(void) {
    pthread_once(&g_boot_once, boot_once);
    if (!g_booted) return NULL;
    JNIEnv *env = NULL;
    jint rc = (*g_vm)->GetEnv(g_vm, (void **)&env, JNI_VERSION_10);
    if (rc == JNI_OK) return env;
    if (rc != JNI_EDETACHED) return NULL;
    JavaVMAttachArgs args = {.version = JNI_VERSION_10, .name = "ofx-host-thread", .group = NULL};
    if ((*g_vm)->AttachCurrentThreadAsDaemon(g_vm, (void **)&env, &args) != JNI_OK) return NULL;
    pthread_setspecific(g_attached_key, (void *)1);
    return env;
}

static void post_boot_error(void) {
    if (!g_host || !g_boot_error[0]) return;
    const OfxMessageSuiteV1 *msg = g_host->fetchSuite(g_host->host, kOfxMessageSuite, 1);
    if (msg) msg->message(NULL, kOfxMessageError, "sam2long.boot", "SAM2Long Roto cannot start Java: %s", g_boot_error);
}

static OfxStatus call_java(jmethodID method, const char *action, const void *handle,
                           OfxPropertySetHandle in, OfxPropertySetHandle out) {
    JNIEnv *env = current_env();
    if (!env) {
        if (action && !strcmp(action, kOfxActionLoad)) post_boot_error();
        return kOfxStatFailed;
    }
    if ((*env)->PushLocalFrame(env, 16) != 0) {
        (*env)->ExceptionClear(env);
        return kOfxStatErrMemory;
    }
    jstring jaction = (*env)->NewStringUTF(env, action ? action : "");
    jint status = kOfxStatFailed;
    if (jaction) {
        status = (*env)->CallStaticIntMethod(env, g_entry, method, jaction, (jlong)(intptr_t)handle,
                                             (jlong)(intptr_t)in, (jlong)(intptr_t)out);
    }
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
        status = kOfxStatFailed;
    }
    (*env)->PopLocalFrame(env, NULL);
    return status;
}

/* ---------- OFX entry points ---------- */

static void set_host(OfxHost *host) {
    g_host = host;
    JNIEnv *env = current_env();
    if (!env) return;
    (*env)->CallStaticIntMethod(env, g_entry, g_set_host, (jlong)(intptr_t)host);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionDescribe(env);
        (*env)->ExceptionClear(env);
    }
}

static OfxStatus main_entry(const char *action, const void *handle, OfxPropertySetHandle in,
                            OfxPropertySetHandle out) {
    return call_java(g_main_entry, action, handle, in, out);
}

/** Overlay interact entry point; the Java side publishes its address in describe. */
OfxStatus s2l_overlay_main(const char *action, const void *handle, OfxPropertySetHandle in,
                           OfxPropertySetHandle out) {
    return call_java(g_overlay_entry, action, handle, in, out);
}

static OfxPlugin g_plugin = {
    kOfxImageEffectPluginApi, 1, S2L_PLUGIN_ID, S2L_VERSION_MAJOR, S2L_VERSION_MINOR, set_host, main_entry,
};

int OfxGetNumberOfPlugins(void) { return 1; }

OfxPlugin *OfxGetPlugin(int nth) { return nth == 0 ? &g_plugin : NULL; }

/** Why the VM did not start, or "" (for tests and diagnostics). */
const char *s2l_boot_error(void) { return g_boot_error; }

/* ---------- fixed-arity helpers for varargs suite functions ---------- */

OfxStatus s2l_param_get_int(const OfxParameterSuiteV1 *s, OfxParamHandle p, int *v) { return s->paramGetValue(p, v); }
OfxStatus s2l_param_get_double(const OfxParameterSuiteV1 *s, OfxParamHandle p, double *v) { return s->paramGetValue(p, v); }
OfxStatus s2l_param_get_string(const OfxParameterSuiteV1 *s, OfxParamHandle p, char **v) { return s->paramGetValue(p, v); }
OfxStatus s2l_param_get_int_at(const OfxParameterSuiteV1 *s, OfxParamHandle p, OfxTime t, int *v) { return s->paramGetValueAtTime(p, t, v); }
OfxStatus s2l_param_get_double_at(const OfxParameterSuiteV1 *s, OfxParamHandle p, OfxTime t, double *v) { return s->paramGetValueAtTime(p, t, v); }
OfxStatus s2l_param_set_int(const OfxParameterSuiteV1 *s, OfxParamHandle p, int v) { return s->paramSetValue(p, v); }
OfxStatus s2l_param_set_double(const OfxParameterSuiteV1 *s, OfxParamHandle p, double v) { return s->paramSetValue(p, v); }
OfxStatus s2l_param_set_string(const OfxParameterSuiteV1 *s, OfxParamHandle p, const char *v) { return s->paramSetValue(p, v); }

OfxStatus s2l_message(const OfxMessageSuiteV1 *s, void *handle, const char *type, const char *id, const char *text) {
    return s->message(handle, type, id, "%s", text);
}

OfxStatus s2l_persistent_message(const OfxMessageSuiteV2 *s, void *handle, const char *type, const char *id,
                                 const char *text) {
    return s->setPersistentMessage(handle, type, id, "%s", text);
}
