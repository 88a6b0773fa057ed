package org.sam2long.ofx.bindings;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The few legacy OpenGL calls an overlay needs in hosts without the OFX draw suite: the host makes
 * its GL context current before the interact's draw action, so immediate mode draws into the
 * viewer. {@code libGL.so.1} is opened on first use only ({@code SAM2LONG_GL_LIBRARY} names another
 * library, e.g. for tests); no GL means no overlay, never a failure.
 */
public final class OpenGl {
    public static final int LINES = 0x0001;
    public static final int LINE_LOOP = 0x0002;
    public static final int POLYGON = 0x0009;

    private static final Logger LOG = Logger.getLogger(OpenGl.class.getName());
    private static final Object LOCK = new Object();
    private static volatile Optional<OpenGl> instance;

    private final Function colour4f;
    private final Function lineWidth;
    private final Function begin;
    private final Function end;
    private final Function vertex2d;

    private OpenGl(NativeLibrary gl) {
        colour4f = gl.getFunction("glColor4f");
        lineWidth = gl.getFunction("glLineWidth");
        begin = gl.getFunction("glBegin");
        end = gl.getFunction("glEnd");
        vertex2d = gl.getFunction("glVertex2d");
    }

    /** The GL library, loaded once per process; empty (with one log line) when it cannot be opened. */
    public static Optional<OpenGl> get() {
        Optional<OpenGl> gl = instance;
        if (gl == null) {
            synchronized (LOCK) {
                gl = instance;
                if (gl == null) {
                    gl = open();
                    instance = gl;
                }
            }
        }
        return gl;
    }

    private static Optional<OpenGl> open() {
        String env = System.getenv("SAM2LONG_GL_LIBRARY");
        String name = env != null && !env.isBlank() ? env : "libGL.so.1";
        try {
            return Optional.of(new OpenGl(NativeLibrary.getInstance(name)));
        } catch (UnsatisfiedLinkError e) {
            LOG.warning("no overlay drawing: the host has no OFX draw suite and OpenGL (" + name
                    + ") could not be loaded: " + e.getMessage());
            return Optional.empty();
        }
    }

    public void colour(float r, float g, float b, float a) {
        colour4f.invokeVoid(new Object[] {r, g, b, a});
    }

    public void lineWidth(float width) {
        lineWidth.invokeVoid(new Object[] {width});
    }

    /** One primitive through points given as x0, y0, x1, y1, ... */
    public void draw(int mode, double[] xy) {
        begin.invokeVoid(new Object[] {mode});
        for (int i = 0; i + 1 < xy.length; i += 2) {
            vertex2d.invokeVoid(new Object[] {xy[i], xy[i + 1]});
        }
        end.invokeVoid(new Object[0]);
    }
}
