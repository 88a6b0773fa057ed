/* A stand-in for libGL.so.1 in the OFX test host: the legacy immediate-mode calls the plug-in's
 * overlay uses, counted so the host can check what was drawn. No context, no pixels. */
#include <stdatomic.h>

atomic_int fakegl_begins[16];   /* glBegin calls by mode (GL_LINES 1, GL_LINE_LOOP 2, GL_POLYGON 9) */
atomic_int fakegl_vertices;     /* glVertex2d calls */
atomic_int fakegl_colours;      /* glColor4f calls */
atomic_int fakegl_unbalanced;   /* glEnd without glBegin, glBegin inside glBegin, vertex outside */
static _Thread_local int open_mode = -1;

void glBegin(unsigned int mode) {
    if (open_mode >= 0) atomic_fetch_add(&fakegl_unbalanced, 1);
    if (mode < 16) atomic_fetch_add(&fakegl_begins[mode], 1);
    open_mode = (int)mode;
}

void glEnd(void) {
    if (open_mode < 0) atomic_fetch_add(&fakegl_unbalanced, 1);
    open_mode = -1;
}

void glVertex2d(double x, double y) {
    (void)x; (void)y;
    if (open_mode < 0) atomic_fetch_add(&fakegl_unbalanced, 1);
    atomic_fetch_add(&fakegl_vertices, 1);
}

void glColor4f(float r, float g, float b, float a) {
    (void)r; (void)g; (void)b; (void)a;
    atomic_fetch_add(&fakegl_colours, 1);
}

void glLineWidth(float w) { (void)w; }
