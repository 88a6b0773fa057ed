package org.sam2long.ofx.effect;

import org.sam2long.ofx.bindings.DrawSuite;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.bindings.OfxStatus;
import org.sam2long.ofx.bindings.OpenGl;
import org.sam2long.ofx.bindings.PropertySet;
import org.sam2long.ofx.bindings.Suites;
import org.sam2long.ofx.overlay.Canvas;
import org.sam2long.ofx.overlay.DrawSuiteCanvas;
import org.sam2long.ofx.overlay.GlCanvas;
import org.sam2long.engine.shot.ShotDocument;
import org.sam2long.ofx.prompt.SavedShot;
import org.sam2long.ofx.prompt.ShotEdits;

/**
 * The viewer overlay of one instance: a pen click adds a click for the current object on the
 * current frame (negative in negative mode or with Shift held), a drag (or any stroke in box mode)
 * makes a box; draw shows the current object's matte outline and the frame's clicks and boxes through
 * the OFX 1.5 draw suite, or OpenGL in hosts without it. Positions
 * arrive in canonical coordinates (bottom-up) and are stored as source pixels (top-down).
 */
final class PromptOverlay {
    private static final double DRAG_SCREEN_PIXELS = 5;

    private final Suites suites;
    private final long effect;
    private final ParamValues params;
    private final OutlineSource outlines;
    private final ClickListener clicks;
    private volatile double[] penStart;
    private volatile double[] penNow;
    private volatile boolean shift;

    /** The current object's matte outline on a frame, as segments in source pixels (empty: none). */
    @FunctionalInterface
    interface OutlineSource {
        double[] outline(int frame);
    }

    /** Told of every click, drag or box that changed an object's prompt on a frame (the click preview). */
    @FunctionalInterface
    interface ClickListener {
        /**
         * @param redraw asks the host to redraw this overlay; to be called once, when what the click
         *               shows is ready
         */
        void clicked(int object, int frame, ShotDocument prompts, Runnable redraw);
    }

    PromptOverlay(Suites suites, long effect, ParamValues params, OutlineSource outlines, ClickListener clicks) {
        this.suites = suites;
        this.effect = effect;
        this.params = params;
        this.outlines = outlines;
        this.clicks = clicks;
    }

    int penDown(PropertySet in) {
        penStart = in.getDoubles(Ofx.PEN_POSITION, 2);
        penNow = penStart;
        return OfxStatus.OK;
    }

    int penMotion(PropertySet in) {
        if (penStart == null) {
            return OfxStatus.REPLY_DEFAULT;
        }
        penNow = in.getDoubles(Ofx.PEN_POSITION, 2);
        return OfxStatus.OK;
    }

    int penUp(long interact, PropertySet in) {
        double[] start = penStart;
        if (start == null) {
            return OfxStatus.REPLY_DEFAULT;
        }
        penStart = null;
        double[] end = in.getDoubles(Ofx.PEN_POSITION, 2);
        double time = in.getDouble(Ofx.PROP_TIME);
        double pixel = in.has(Ofx.PIXEL_SCALE) ? in.getDoubles(Ofx.PIXEL_SCALE, 2)[0] : 1;
        double[] rod = suites.imageEffect().clip(effect, Ofx.CLIP_SOURCE).regionOfDefinition(time);
        double[] a = toSource(start, rod);
        double[] b = toSource(end, rod);
        RotoParams.ClickMode mode = RotoParams.ClickMode.values()[params.get(RotoParams.CLICK_MODE)];
        boolean dragged = Math.hypot(end[0] - start[0], end[1] - start[1]) > DRAG_SCREEN_PIXELS * pixel;
        int object = params.get(RotoParams.CURRENT_OBJECT);
        int frame = (int) Math.round(time);
        ShotDocument doc = ShotEdits.withObject(SavedShot.parse(params.get(RotoParams.PROMPTS)), object, null);
        if (dragged || mode == RotoParams.ClickMode.BOX) {
            if (!dragged) {
                return OfxStatus.OK; // a box needs a drag
            }
            doc = ShotEdits.withBox(doc, object, frame, new ShotDocument.Box(Math.min(a[0], b[0]), Math.min(a[1], b[1]),
                    Math.max(a[0], b[0]), Math.max(a[1], b[1])));
        } else {
            boolean positive = mode == RotoParams.ClickMode.POSITIVE && !shift;
            doc = ShotEdits.withClick(doc, object, frame, new ShotDocument.Click(b[0], b[1], !positive));
        }
        params.editBegin("SAM2Long click");
        try {
            params.set(RotoParams.PROMPTS, SavedShot.format(doc));
        } finally {
            params.editEnd();
        }
        clicks.clicked(object, frame, doc, () -> suites.interact().ifPresent(i -> i.redraw(interact)));
        return OfxStatus.OK;
    }

    int key(PropertySet in, boolean down) {
        int sym = in.getInt(Ofx.KEY_SYM, 0);
        if (sym == Ofx.KEY_SHIFT_L || sym == Ofx.KEY_SHIFT_R) {
            shift = down;
        }
        return OfxStatus.REPLY_DEFAULT;
    }

    /**
     * Draws the current object's matte outline and this frame's clicks and boxes: through the OFX
     * 1.5 draw suite when the host gives a draw context, else through OpenGL (the host has made its
     * GL context current). Nothing to draw with: the host's default.
     */
    int draw(PropertySet in) {
        Canvas canvas = canvas(in);
        if (canvas == null) {
            return OfxStatus.REPLY_DEFAULT;
        }
        double time = in.getDouble(Ofx.PROP_TIME);
        double pixel = in.has(Ofx.PIXEL_SCALE) ? in.getDoubles(Ofx.PIXEL_SCALE, 2)[0] : 1;
        double r = 4 * pixel;
        double[] rod = suites.imageEffect().clip(effect, Ofx.CLIP_SOURCE).regionOfDefinition(time);
        int frame = (int) Math.round(time);
        double[] outline = outlines.outline(frame);
        if (outline.length > 0) {
            double[] xy = new double[outline.length];
            for (int i = 0; i < xy.length; i += 2) {
                double[] c = toCanonical(outline[i], outline[i + 1], rod);
                xy[i] = c[0];
                xy[i + 1] = c[1];
            }
            canvas.colour(1f, 0.85f, 0.1f, 1f);
            canvas.lineWidth(1.5f);
            canvas.lines(xy);
        }
        canvas.lineWidth(1f);
        ShotDocument saved = SavedShot.parse(params.get(RotoParams.PROMPTS));
        for (ShotDocument.ShotObject o : saved.objects()) {
            ShotDocument.FramePrompt p = ShotEdits.promptOn(saved, o.id(), frame);
            if (p == null) {
                continue;
            }
            for (ShotDocument.Click c : p.clicks()) {
                double[] at = toCanonical(c.x(), c.y(), rod);
                canvas.colour(c.negative() ? 1f : 0.2f, c.negative() ? 0.2f : 1f, 0.2f, 1f);
                canvas.dot(at[0], at[1], r);
            }
            if (p.box() != null) {
                double[] lo = toCanonical(p.box().x0(), p.box().y1(), rod);
                double[] hi = toCanonical(p.box().x1(), p.box().y0(), rod);
                canvas.colour(0.3f, 0.8f, 1f, 1f);
                canvas.loop(box(lo, hi));
            }
        }
        double[] s = penStart, n = penNow;
        if (s != null && n != null) {
            canvas.colour(1f, 1f, 1f, 0.8f);
            canvas.loop(box(s, n));
        }
        return OfxStatus.OK;
    }

    private Canvas canvas(PropertySet in) {
        DrawSuite draw = suites.draw().orElse(null);
        if (draw != null && in.has(Ofx.DRAW_CONTEXT) && in.getPointer(Ofx.DRAW_CONTEXT) != 0) {
            return new DrawSuiteCanvas(draw, in.getPointer(Ofx.DRAW_CONTEXT));
        }
        return OpenGl.get().<Canvas>map(GlCanvas::new).orElse(null);
    }

    private static double[] box(double[] a, double[] b) {
        return new double[] {a[0], a[1], b[0], a[1], b[0], b[1], a[0], b[1]};
    }

    static double[] toSource(double[] canonical, double[] rod) {
        return new double[] {canonical[0] - rod[0], rod[3] - canonical[1]};
    }

    static double[] toCanonical(double x, double y, double[] rod) {
        return new double[] {x + rod[0], rod[3] - y};
    }
}
