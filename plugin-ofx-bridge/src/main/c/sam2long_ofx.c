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
#include <time.h>
#include <unistd.h>

#include "ofxCore.h"
#include "ofxDrawSuite.h"
#include "ofxImageEffect.h"
#include "ofxMessage.h"
#include "ofxParam.h"
#include "ofxProperty.h"

#define S2L_PLUGIN_ID "org.sam2long.roto.SAM2LongRoto"
#define S2L_VERSION_MAJOR 1
#define S2L_VERSION_MINOR 0
#define S2L_ENTRY_CLASS "org/sam2long/ofx/effect/OfxEntry"
#define S2L_MAX_OPTIONS 64
#define S2L_MAX_JARS 4096

typedef jint (JNICALL *CreateJavaVM_t)(JavaVM **, void **, void *);
typedef jint (JNICALL *GetCreatedJavaVMs_t)(JavaVM **, jsize, jsize *);

static OfxHost *volatile g_host;
static unsigned g_host_generation;  /* bumped by every setHost */
static unsigned g_java_host_generation;      /* the generation Java last saw (under g_boot_mu) */
static JavaVM *g_vm;
static jclass g_entry;
static jmethodID g_set_host;
static jmethodID g_main_entry;
static jmethodID g_overlay_entry;
static pthread_mutex_t g_boot_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_boot_state; /* 0: not tried, 1: running, -1: failed (never retried: a process creates one VM) */
static pthread_key_t g_attached_key;
static char g_boot_error[2048];

OfxStatus s2l_overlay_main(const char *action, const void *handle, OfxPropertySetHandle in,
                           OfxPropertySetHandle out);

/* ---------- small helpers ---------- */

__attribute__((format(printf, 1, 2))) static void boot_fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(g_boot_error, sizeof g_boot_error, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof g_boot_error) memcpy(g_boot_error + sizeof g_boot_error - 4, "...", 4);
    fprintf(stderr, "SAM2Long Roto: %s\n", g_boot_error);
}

/* snprintf that reports truncation: 1 if the whole text fitted, else 0 (and the buffer holds "" ). */
__attribute__((format(printf, 3, 4))) static int fits(char *dst, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst, size, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= size) {
        if (size) dst[0] = '\0';
        return 0;
    }
    return 1;
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

/* ---------- boot log: $XDG_CACHE_HOME/sam2long/ofx-boot.log (default ~/.cache/...) ---------- */

static int boot_log_path(char *out, size_t size) {
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[PATH_MAX];
    int ok = xdg && *xdg ? fits(dir, sizeof dir, "%s/sam2long", xdg)
           : home && *home ? fits(dir, sizeof dir, "%s/.cache/sam2long", home) : 0;
    if (!ok) return 0;
    char parent[PATH_MAX];
    memcpy(parent, dir, sizeof parent);
    parent_dir(parent);
    mkdir(parent, 0755); /* best effort: EEXIST is the usual answer */
    mkdir(dir, 0755);
    return fits(out, size, "%s/ofx-boot.log", dir);
}

static void boot_log(const char *what, const char *text) {
    char path[PATH_MAX];
    if (!boot_log_path(path, sizeof path)) return;
    FILE *f = fopen(path, "a");
    if (!f) return;
    char stamp[32] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm)) strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(f, "%s pid %ld %s: %s\n", stamp, (long)getpid(), what, text);
    fclose(f);
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
    if (!realpath(info.dli_fname, b->library) && !fits(b->library, sizeof b->library, "%s", info.dli_fname)) {
        boot_fail("the plug-in library's path is longer than %d bytes", PATH_MAX);
        return 0;
    }
    char contents[PATH_MAX];
    memcpy(contents, b->library, sizeof contents);
    parent_dir(contents); /* Linux-x86-64 */
    parent_dir(contents); /* Contents */
    if (!fits(b->resources, sizeof b->resources, "%s/Resources", contents)) {
        boot_fail("the bundle's Resources path is longer than %d bytes", PATH_MAX);
        return 0;
    }
    return 1;
}

/* Pins this library in memory so a host's dlclose never unmaps code the VM may still call. */
static void pin_self(const BundlePaths *b) {
    void *self = dlopen(b->library, RTLD_NOW | RTLD_NODELETE | RTLD_NOLOAD);
    if (!self) self = dlopen(b->library, RTLD_NOW | RTLD_NODELETE);
    (void)self; /* deliberately never closed */
}

/* ---------- jvm.cfg ---------- */

/*
 * Lines: "runtime=<java home>" (relative to Resources; the first usable one wins) and
 * "option=<jvm option>". '#' starts a comment anywhere on a line (a JVM option or a path with '#'
 * is not supported); blank lines, blank values ("option=") and unknown keys are skipped; a line
 * longer than the buffer is skipped whole, with a warning, never split into two lines.
 */
typedef struct {
    char java_home[PATH_MAX];
    char *options[S2L_MAX_OPTIONS];
    int option_count;
    char tried[2048];
    char warnings[1024];
} JvmConfig;

static void cfg_free(JvmConfig *cfg) {
    for (int i = 0; i < cfg->option_count; i++) free(cfg->options[i]);
    cfg->option_count = 0;
}

static void cfg_warn(JvmConfig *cfg, const char *fmt, ...) {
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap); /* a cut warning is still a warning */
    va_end(ap);
    size_t used = strlen(cfg->warnings);
    if (used + strlen(line) + 3 < sizeof cfg->warnings) {
        snprintf(cfg->warnings + used, sizeof cfg->warnings - used, "%s%s", used ? "; " : "", line);
    }
}

static int usable_java_home(const char *home) {
    char lib[PATH_MAX];
    return fits(lib, sizeof lib, "%s/lib/server/libjvm.so", home) && is_file(lib);
}

static void note_tried(JvmConfig *cfg, const char *home) {
    size_t used = strlen(cfg->tried);
    if (used + strlen(home) + 2 < sizeof cfg->tried) snprintf(cfg->tried + used, sizeof cfg->tried - used, " %s", home);
}

/* Parses one jvm.cfg from an open stream; returns 0 only when memory runs out. */
static int parse_config(FILE *f, const char *resources, int have_home, JvmConfig *cfg) {
    char line[PATH_MAX + 64];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n') {}
            cfg_warn(cfg, "line %d is longer than %d characters and was skipped", lineno, (int)sizeof line - 2);
            continue;
        }
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *s = trim(line);
        if (!*s) continue;
        if (!strncmp(s, "runtime=", 8)) {
            const char *v = trim(s + 8);
            if (!*v || have_home || cfg->java_home[0]) continue;
            char home[PATH_MAX];
            int ok = v[0] == '/' ? fits(home, sizeof home, "%s", v) : fits(home, sizeof home, "%s/%s", resources, v);
            if (!ok) cfg_warn(cfg, "line %d: the runtime path is too long", lineno);
            else if (usable_java_home(home)) memcpy(cfg->java_home, home, sizeof home);
            else note_tried(cfg, home);
        } else if (!strncmp(s, "option=", 7)) {
            const char *v = trim(s + 7);
            if (!*v) continue;
            if (cfg->option_count >= S2L_MAX_OPTIONS) {
                cfg_warn(cfg, "line %d: more than %d options, the rest are ignored", lineno, S2L_MAX_OPTIONS);
                continue;
            }
            char *copy = strdup(v);
            if (!copy) return 0;
            cfg->options[cfg->option_count++] = copy;
        } else {
            cfg_warn(cfg, "line %d: unknown setting \"%.40s\"", lineno, s);
        }
    }
    return 1;
}

static int read_config(const BundlePaths *b, JvmConfig *cfg) {
    char path[PATH_MAX];
    if (!fits(path, sizeof path, "%s/jvm.cfg", b->resources)) {
        boot_fail("the path of jvm.cfg is longer than %d bytes", PATH_MAX);
        return 0;
    }
    const char *env = getenv("SAM2LONG_JAVA_HOME");
    int have_home = 0;
    if (env && *env) {
        if (!usable_java_home(env)) {
            boot_fail("SAM2LONG_JAVA_HOME=%s has no lib/server/libjvm.so", env);
            return 0;
        }
        if (!fits(cfg->java_home, sizeof cfg->java_home, "%s", env)) {
            boot_fail("SAM2LONG_JAVA_HOME is longer than %d bytes", PATH_MAX);
            return 0;
        }
        have_home = 1;
    }
    FILE *f = fopen(path, "r");
    if (!f && !have_home) {
        boot_fail("cannot read %s (%s) and SAM2LONG_JAVA_HOME is not set", path, strerror(errno));
        return 0;
    }
    if (f) {
        int ok = parse_config(f, b->resources, have_home, cfg);
        fclose(f);
        if (!ok) {
            boot_fail("out of memory while reading %s", path);
            return 0;
        }
        if (cfg->warnings[0]) fprintf(stderr, "SAM2Long Roto: %s: %s\n", path, cfg->warnings);
    }
    if (!cfg->java_home[0]) {
        boot_fail("no Java runtime with lib/server/libjvm.so found; tried:%s (from %s)",
                  cfg->tried[0] ? cfg->tried : " (no runtime= line)", path);
        return 0;
    }
    return 1;
}

/**
 * For tests: parses the jvm.cfg at path as the shim does (relative runtimes against resources) and
 * writes "home=<java home or empty>\n", one "option=<value>\n" per option and "warnings=<text>\n"
 * into out. Returns 0 if the file cannot be read or out is too small.
 */
int s2l_parse_jvm_cfg(const char *path, const char *resources, char *out, size_t size) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    JvmConfig *cfg = calloc(1, sizeof *cfg);
    if (!cfg) {
        fclose(f);
        return 0;
    }
    int ok = parse_config(f, resources, 0, cfg);
    fclose(f);
    size_t used = 0;
    if (ok) ok = fits(out, size, "home=%s\n", cfg->java_home);
    for (int i = 0; ok && i < cfg->option_count; i++) {
        used = strlen(out);
        ok = fits(out + used, size - used, "option=%s\n", cfg->options[i]);
    }
    if (ok) {
        used = strlen(out);
        ok = fits(out + used, size - used, "warnings=%s\n", cfg->warnings);
    }
    cfg_free(cfg);
    free(cfg);
    return ok;
}

/* Class path: every .jar in Resources/lib, sorted by name. Caller frees. */
static char *class_path(const BundlePaths *b) {
    char dir[PATH_MAX];
    if (!fits(dir, sizeof dir, "%s/lib", b->resources)) {
        boot_fail("the bundle's lib path is longer than %d bytes", PATH_MAX);
        return NULL;
    }
    DIR *d = opendir(dir);
    if (!d) {
        boot_fail("cannot list %s (%s)", dir, strerror(errno));
        return NULL;
    }
    char **names = calloc(S2L_MAX_JARS, sizeof *names);
    if (!names) {
        closedir(d);
        boot_fail("out of memory listing %s", dir);
        return NULL;
    }
    int n = 0, oom = 0;
    size_t total = 32;
    struct dirent *e;
    while ((e = readdir(d)) && n < S2L_MAX_JARS) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".jar")) {
            if (!(names[n] = strdup(e->d_name))) { oom = 1; break; }
            n++;
            total += strlen(dir) + len + 2;
        }
    }
    closedir(d);
    char *cp = NULL;
    if (oom) boot_fail("out of memory listing %s", dir);
    else if (n == 0) boot_fail("%s holds no jars", dir);
    else if (!(cp = malloc(total))) boot_fail("out of memory building the class path (%zu bytes)", total);
    if (cp) {
        qsort(names, n, sizeof names[0], cmp_str);
        char *p = cp + sprintf(cp, "-Djava.class.path=");
        for (int i = 0; i < n; i++) p += sprintf(p, "%s%s/%s", i ? ":" : "", dir, names[i]);
    }
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
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
    (*env)->DeleteLocalRef(env, local);
    if (!g_entry) {
        (*env)->ExceptionClear(env);
        boot_fail("cannot keep a reference to %s (out of memory)", S2L_ENTRY_CLASS);
        return 0;
    }
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

/* Runs on a helper thread with a generous stack; returns (void *)1 on success. */
static void *boot_thread(void *unused) {
    (void)unused;
    BundlePaths b;
    JvmConfig *cfg = calloc(1, sizeof *cfg);
    void *result = NULL;
    if (!cfg) {
        boot_fail("out of memory before starting Java");
        return NULL;
    }
    if (!find_bundle(&b)) goto done;
    pin_self(&b);
    if (!read_config(&b, cfg)) goto done;

    char lib[PATH_MAX];
    if (fits(lib, sizeof lib, "%s/lib/libjsig.so", cfg->java_home) && is_file(lib)) {
        dlopen(lib, RTLD_NOW | RTLD_GLOBAL); /* signal chaining, best effort */
    }
    if (!fits(lib, sizeof lib, "%s/lib/server/libjvm.so", cfg->java_home)) {
        boot_fail("the Java runtime path %s is too long", cfg->java_home);
        goto done;
    }
    void *jvm = dlopen(lib, RTLD_NOW | RTLD_GLOBAL);
    if (!jvm) {
        boot_fail("cannot load %s: %s", lib, dlerror());
        goto done;
    }
    CreateJavaVM_t create = (CreateJavaVM_t)dlsym(jvm, "JNI_CreateJavaVM");
    GetCreatedJavaVMs_t created = (GetCreatedJavaVMs_t)dlsym(jvm, "JNI_GetCreatedJavaVMs");
    if (!create || !created) {
        boot_fail("%s does not export JNI_CreateJavaVM", lib);
        goto done;
    }
    JNIEnv *env = NULL;
    jsize existing = 0;
    if (created(&g_vm, 1, &existing) == JNI_OK && existing > 0) {
        /* a VM already runs in this process (another Java plug-in or the host's): join it */
        jint rc = (*g_vm)->AttachCurrentThreadAsDaemon(g_vm, (void **)&env, NULL);
        if (rc != JNI_OK || !env) {
            boot_fail("a Java VM already runs in this process, but attaching to it failed with %d", (int)rc);
            g_vm = NULL;
            goto done;
        }
    } else {
        char *cp = class_path(&b);
        if (!cp) goto done;
        char shim[PATH_MAX + 32], res[PATH_MAX + 32];
        snprintf(shim, sizeof shim, "-Dsam2long.ofx.shim=%s", b.library);      /* fits: PATH_MAX + prefix */
        snprintf(res, sizeof res, "-Dsam2long.ofx.resources=%s", b.resources); /* fits: PATH_MAX + prefix */
        JavaVMOption opts[S2L_MAX_OPTIONS + 8];
        int n = 0;
        opts[n++].optionString = "-Xrs";
        opts[n++].optionString = cp;
        opts[n++].optionString = shim;
        opts[n++].optionString = res;
        opts[n++].optionString = "-Djava.awt.headless=true";
        opts[n++].optionString = "-Djna.nosys=true";
        opts[n++].optionString = "-Djna.encoding=UTF-8";
        for (int i = 0; i < cfg->option_count; i++) opts[n++].optionString = cfg->options[i];
        for (int i = 0; i < n; i++) opts[i].extraInfo = NULL;
        JavaVMInitArgs args = {.version = JNI_VERSION_10, .nOptions = n, .options = opts, .ignoreUnrecognized = JNI_FALSE};
        jint rc = create(&g_vm, (void **)&env, &args);
        free(cp);
        if (rc != JNI_OK || !env) {
            g_vm = NULL;
            const char *why = rc == JNI_ENOMEM ? "not enough memory (lower -Xmx in jvm.cfg)"
                            : rc == JNI_EINVAL ? "an invalid option (check the option= lines of jvm.cfg)"
                            : rc == JNI_EVERSION ? "the runtime is older than Java 10"
                            : rc == JNI_EEXIST ? "a Java VM already exists in this process"
                            : "the runtime refused to start";
            boot_fail("Java from %s did not start: %s (JNI_CreateJavaVM returned %d)", cfg->java_home, why, (int)rc);
            goto done;
        }
    }
    if (!resolve_entry(env)) {
        (*g_vm)->DetachCurrentThread(g_vm); /* never leave this thread attached */
        goto done;
    }
    (*g_vm)->DetachCurrentThread(g_vm); /* this helper thread ends now; callers attach as daemons */
    char note[PATH_MAX + 64];
    snprintf(note, sizeof note, "started Java from %s", cfg->java_home);
    boot_log("ok", note);
    result = (void *)1;
done:
    cfg_free(cfg);
    free(cfg);
    return result;
}

static int boot_vm(void) {
    int rc = pthread_key_create(&g_attached_key, detach_at_thread_exit);
    if (rc) {
        boot_fail("pthread_key_create failed (%s)", strerror(rc));
        return 0;
    }
    pthread_t t;
    pthread_attr_t attr;
    if ((rc = pthread_attr_init(&attr)) != 0) {
        boot_fail("pthread_attr_init failed (%s)", strerror(rc));
        return 0;
    }
    if ((rc = pthread_attr_setstacksize(&attr, 8u << 20)) != 0) {
        fprintf(stderr, "SAM2Long Roto: cannot give the Java boot thread an 8 MiB stack (%s)\n", strerror(rc));
    }
    void *ok = NULL;
    if ((rc = pthread_create(&t, &attr, boot_thread, NULL)) != 0) {
        boot_fail("cannot start the Java boot thread (%s)", strerror(rc));
    } else if ((rc = pthread_join(t, &ok)) != 0) {
        boot_fail("cannot wait for the Java boot thread (%s)", strerror(rc));
        ok = NULL;
    }
    pthread_attr_destroy(&attr);
    return ok != NULL;
}

/* Posts the boot failure through the host's message suite (when it has one), as a plug-in-level message. */
static void post_boot_error(void) {
    OfxHost *host = g_host;
    if (!host || !host->fetchSuite || !g_boot_error[0]) return;
    const OfxMessageSuiteV1 *msg = host->fetchSuite(host->host, kOfxMessageSuite, 1);
    if (msg && msg->message) {
        msg->message(NULL, kOfxMessageError, "sam2long.boot", "SAM2Long Roto cannot start Java: %s", g_boot_error);
    }
}

/* Starts the VM once, on the first action that needs Java; returns 1 if it runs. */
static int ensure_vm(void) {
    if (__atomic_load_n(&g_boot_state, __ATOMIC_ACQUIRE) == 1) return 1;
    int state, first_failure = 0;
    pthread_mutex_lock(&g_boot_mu);
    if (g_boot_state == 0) {
        __atomic_store_n(&g_boot_state, boot_vm() ? 1 : -1, __ATOMIC_RELEASE);
        if (g_boot_state < 0) {
            boot_log("failed", g_boot_error);
            first_failure = 1;
        }
    }
    state = g_boot_state;
    pthread_mutex_unlock(&g_boot_mu);
    if (state < 0 && first_failure) post_boot_error();
    return state == 1;
}

/* JNIEnv for the calling host thread, attaching it as a daemon thread on first use; NULL if no VM. */
int s2l_java_started(void);

static JNIEnv *current_env(void) {
    if (!ensure_vm()) return NULL;
    JNIEnv *env = NULL;
    jint rc = (*g_vm)->GetEnv(g_vm, (void **)&env, JNI_VERSION_10);
    if (rc == JNI_OK) return env;
    if (rc != JNI_EDETACHED) return NULL;
    JavaVMAttachArgs args = {.version = JNI_VERSION_10, .name = "ofx-host-thread", .group = NULL};
    if ((*g_vm)->AttachCurrentThreadAsDaemon(g_vm, (void **)&env, &args) != JNI_OK) {
        fprintf(stderr, "SAM2Long Roto: cannot attach a host thread to Java\n");
        return NULL;
    }
    if (pthread_setspecific(g_attached_key, (void *)1) != 0) {
        /* without the key's destructor the thread would stay attached after it ends: detach now */
        fprintf(stderr, "SAM2Long Roto: pthread_setspecific failed; this call is refused\n");
        (*g_vm)->DetachCurrentThread(g_vm);
        return NULL;
    }
    return env;
}

static int clear_exception(JNIEnv *env) {
    if (!(*env)->ExceptionCheck(env)) return 0;
    (*env)->ExceptionDescribe(env);
    (*env)->ExceptionClear(env);
    return 1;
}

/* Hands Java the host of the latest setHost (after a boot, an unload/reload or a new host). */
static int sync_host(JNIEnv *env) {
    unsigned gen = __atomic_load_n(&g_host_generation, __ATOMIC_ACQUIRE);
    if (gen == g_java_host_generation) return 1;
    pthread_mutex_lock(&g_boot_mu);
    jint st = kOfxStatOK;
    if (gen != g_java_host_generation) {
        st = (*env)->CallStaticIntMethod(env, g_entry, g_set_host, (jlong)(intptr_t)g_host);
        if (clear_exception(env)) st = kOfxStatFailed;
        g_java_host_generation = gen; /* a failed setHost is remembered by Java and reported per action */
    }
    pthread_mutex_unlock(&g_boot_mu);
    return st == kOfxStatOK;
}

static OfxStatus call_java(jmethodID *method, const char *action, const void *handle,
                           OfxPropertySetHandle in, OfxPropertySetHandle out) {
    JNIEnv *env = current_env();
    if (!env) return kOfxStatFailed;
    sync_host(env);
    if ((*env)->PushLocalFrame(env, 16) != 0) {
        (*env)->ExceptionClear(env);
        return kOfxStatErrMemory;
    }
    jstring jaction = (*env)->NewStringUTF(env, action ? action : "");
    jint status = kOfxStatFailed;
    if (jaction) {
        status = (*env)->CallStaticIntMethod(env, g_entry, *method, jaction, (jlong)(intptr_t)handle,
                                             (jlong)(intptr_t)in, (jlong)(intptr_t)out);
    }
    if (clear_exception(env)) status = kOfxStatFailed;
    (*env)->PopLocalFrame(env, NULL);
    return status;
}

/* ---------- describe, in C: host scans never start Java ---------- */

typedef struct {
    const OfxPropertySuiteV1 *p;
    OfxPropertySetHandle set;
    int refused;           /* optional properties the host refused */
    char first_refused[128];
} Describer;

static void refused(Describer *d, const char *name, OfxStatus st) {
    if (!d->refused++) snprintf(d->first_refused, sizeof d->first_refused, "%s (status %d)", name, (int)st);
}

static OfxStatus opt_string(Describer *d, const char *name, int index, const char *v) {
    OfxStatus st = d->p->propSetString(d->set, name, index, v);
    if (st != kOfxStatOK) refused(d, name, st);
    return st;
}

static OfxStatus opt_int(Describer *d, const char *name, int index, int v) {
    OfxStatus st = d->p->propSetInt(d->set, name, index, v);
    if (st != kOfxStatOK) refused(d, name, st);
    return st;
}

static int host_int(const OfxPropertySuiteV1 *p, OfxPropertySetHandle host, const char *name, int index, int fallback) {
    int v = fallback;
    return host && p->propGetInt(host, name, index, &v) == kOfxStatOK ? v : fallback;
}

/* Does the host list this string among the values of a (multi-valued) property? -1: it has no such property. */
static int host_lists(const OfxPropertySuiteV1 *p, OfxPropertySetHandle host, const char *name, const char *value) {
    int n = 0;
    if (!host || p->propGetDimension(host, name, &n) != kOfxStatOK) return -1;
    for (int i = 0; i < n; i++) {
        char *v = NULL;
        if (p->propGetString(host, name, i, &v) == kOfxStatOK && v && !strcmp(v, value)) return 1;
    }
    return 0;
}

static OfxStatus describe(const void *handle) {
    OfxHost *host = g_host;
    if (!host || !host->fetchSuite) return kOfxStatErrMissingHostFeature;
    const OfxPropertySuiteV1 *p = host->fetchSuite(host->host, kOfxPropertySuite, 1);
    const OfxImageEffectSuiteV1 *fx = host->fetchSuite(host->host, kOfxImageEffectSuite, 1);
    if (!p || !fx) return kOfxStatErrMissingHostFeature;
    Describer d = {.p = p};
    if (fx->getPropertySet((OfxImageEffectHandle)handle, &d.set) != kOfxStatOK || !d.set) return kOfxStatErrBadHandle;

    /* required: without contexts or pixel depths no host can use the effect */
    OfxStatus st = p->propSetString(d.set, kOfxImageEffectPropSupportedContexts, 0, kOfxImageEffectContextFilter);
    if (st == kOfxStatOK) st = p->propSetString(d.set, kOfxImageEffectPropSupportedContexts, 1, kOfxImageEffectContextGeneral);
    if (st != kOfxStatOK) {
        fprintf(stderr, "SAM2Long Roto: describe: the host refused the supported contexts (status %d)\n", (int)st);
        return kOfxStatFailed;
    }
    const char *depths[3] = {kOfxBitDepthFloat, kOfxBitDepthShort, kOfxBitDepthByte};
    int declared = 0;
    for (int i = 0; i < 3; i++) {
        if (host_lists(p, host->host, kOfxImageEffectPropSupportedPixelDepths, depths[i]) == 0) continue; /* the host lacks it */
        if (p->propSetString(d.set, kOfxImageEffectPropSupportedPixelDepths, declared, depths[i]) == kOfxStatOK) declared++;
    }
    if (!declared) { /* the host listed none of ours: declare all and let it choose */
        for (int i = 0; i < 3; i++)
            if (p->propSetString(d.set, kOfxImageEffectPropSupportedPixelDepths, declared, depths[i]) == kOfxStatOK) declared++;
    }
    if (!declared) {
        fprintf(stderr, "SAM2Long Roto: describe: the host refused every pixel depth\n");
        return kOfxStatFailed;
    }

    /* optional: a host that refuses one still gets a working effect */
    opt_string(&d, kOfxPropLabel, 0, "SAM2Long Roto");
    opt_string(&d, kOfxPropShortLabel, 0, "SAM2Long");
    opt_string(&d, kOfxPropLongLabel, 0, "SAM2Long Roto (SAM 2 tracking mattes)");
    opt_string(&d, kOfxImageEffectPluginPropGrouping, 0, "Keyer");
    opt_string(&d, kOfxPropPluginDescription, 0, "Click an object, press Track, get a matte on every frame.");
    opt_string(&d, kOfxPropVersionLabel, 0, "1.0");
    opt_int(&d, kOfxPropVersion, 0, S2L_VERSION_MAJOR);
    opt_int(&d, kOfxPropVersion, 1, S2L_VERSION_MINOR);
    opt_int(&d, kOfxImageEffectPropSupportsTiles, 0, 0);
    opt_int(&d, kOfxImageEffectPropSupportsMultiResolution, 0, 0);
    opt_int(&d, kOfxImageEffectPropTemporalClipAccess, 0, 1);
    opt_string(&d, kOfxImageEffectPluginRenderThreadSafety, 0, kOfxImageEffectRenderFullySafe);
    opt_int(&d, kOfxImageEffectPluginPropHostFrameThreading, 0, 0);
    opt_int(&d, kOfxImageEffectPluginPropSingleInstance, 0, 0);
    opt_string(&d, kOfxImageEffectPropClipPreferencesSlaveParam, 0, "outputMode");

    /* the overlay: V1 (OpenGL) wherever the host draws overlays; V2 (draw suite) only with a draw suite */
    int overlays = host_int(p, host->host, kOfxImageEffectPropSupportsOverlays, 0, 1);
    int draw = host->fetchSuite(host->host, kOfxDrawSuite, 1) != NULL;
    if (overlays) {
        OfxStatus s1 = p->propSetPointer(d.set, kOfxImageEffectPluginPropOverlayInteractV1, 0, (void *)&s2l_overlay_main);
        if (s1 != kOfxStatOK) refused(&d, kOfxImageEffectPluginPropOverlayInteractV1, s1);
        if (draw) {
            OfxStatus s2 = p->propSetPointer(d.set, kOfxImageEffectPluginPropOverlayInteractV2, 0, (void *)&s2l_overlay_main);
            if (s2 != kOfxStatOK) refused(&d, kOfxImageEffectPluginPropOverlayInteractV2, s2);
        }
    }
    if (d.refused) {
        fprintf(stderr, "SAM2Long Roto: describe: the host (OFX %d.%d) refused %d optional propert%s, first %s; "
                "the effect works without them\n", host_int(p, host->host, kOfxPropAPIVersion, 0, 1),
                host_int(p, host->host, kOfxPropAPIVersion, 1, 0), d.refused, d.refused == 1 ? "y" : "ies", d.first_refused);
    }
    return kOfxStatOK;
}

/* ---------- OFX entry points ---------- */

static void set_host(OfxHost *host) {
    g_host = host;
    __atomic_add_fetch(&g_host_generation, 1, __ATOMIC_SEQ_CST);
}

static OfxStatus main_entry(const char *action, const void *handle, OfxPropertySetHandle in,
                            OfxPropertySetHandle out) {
    if (!action) return kOfxStatErrBadHandle;
    if (!strcmp(action, kOfxActionLoad)) return g_host ? kOfxStatOK : kOfxStatErrMissingHostFeature;
    if (!strcmp(action, kOfxActionDescribe)) return describe(handle);
    if (!strcmp(action, kOfxActionUnload)) return s2l_java_started() ? call_java(&g_main_entry, action, handle, in, out) : kOfxStatOK;
    if (!s2l_java_started() && (!strcmp(action, kOfxActionPurgeCaches) || !strcmp(action, kOfxActionSyncPrivateData))) {
        return kOfxStatReplyDefault; /* nothing Java-side exists yet */
    }
    return call_java(&g_main_entry, action, handle, in, out);
}

/** Overlay interact entry point, published in describe. */
OfxStatus s2l_overlay_main(const char *action, const void *handle, OfxPropertySetHandle in,
                           OfxPropertySetHandle out) {
    return call_java(&g_overlay_entry, action, handle, in, out);
}

static OfxPlugin g_plugin = {
    kOfxImageEffectPluginApi, 1, S2L_PLUGIN_ID, S2L_VERSION_MAJOR, S2L_VERSION_MINOR, set_host, main_entry,
};

int OfxGetNumberOfPlugins(void) { return 1; }

OfxPlugin *OfxGetPlugin(int nth) { return nth == 0 ? &g_plugin : NULL; }

/** Why the VM did not start, or "" (for tests and diagnostics). */
const char *s2l_boot_error(void) { return g_boot_error; }

/** 1 once Java runs in this process (for tests: describe must not start it). */
int s2l_java_started(void) { return __atomic_load_n(&g_boot_state, __ATOMIC_ACQUIRE) == 1; }

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
