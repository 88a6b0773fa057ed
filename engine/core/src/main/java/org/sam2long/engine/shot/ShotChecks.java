package org.sam2long.engine.shot;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link ShotDocument} against a clip before anything heavy runs: every prompt on a plate
 * frame the clip (and the document's range) has, every click and box inside the frame. Returns
 * every problem, one sentence each, naming the object and the plate frame.
 */
public final class ShotChecks {
    private ShotChecks() {}

    /** Problems of {@code doc} against a clip of {@code width} x {@code height} with these plate frames. */
    public static List<String> against(ShotDocument doc, PlateFrames frames, int width, int height) {
        List<String> problems = new ArrayList<>();
        ShotDocument.Source s = doc.source();
        if (s != null && s.first() != null && frames.indexOrMinusOne(s.first()) < 0) {
            problems.add("the source range starts on plate frame " + s.first() + ", but " + frames.describe()
                    + " has plate frames " + frames.range());
        }
        if (s != null && s.last() != null && frames.indexOrMinusOne(s.last()) < 0) {
            problems.add("the source range ends on plate frame " + s.last() + ", but " + frames.describe()
                    + " has plate frames " + frames.range());
        }
        for (ShotDocument.ShotObject o : doc.objects()) {
            String who = "object " + o.id() + " '" + o.name() + "'";
            for (ShotDocument.FramePrompt p : o.prompts()) {
                String at = "the prompt of " + who + " on plate frame " + p.frame();
                if (frames.indexOrMinusOne(p.frame()) < 0) {
                    problems.add(at + " is outside " + frames.describe() + ", which has plate frames " + frames.range());
                }
                for (ShotDocument.Click c : p.clicks()) {
                    if (!(c.x() >= 0 && c.y() >= 0 && c.x() < width && c.y() < height)) {
                        problems.add(at + " has a click at (" + fmt(c.x()) + ", " + fmt(c.y()) + ") outside the "
                                + width + "x" + height + " frame");
                    }
                }
                ShotDocument.Box b = p.box();
                if (b != null && !(b.x0() >= 0 && b.y0() >= 0 && b.x1() < width && b.y1() < height)) {
                    problems.add(at + " has a box [" + fmt(b.x0()) + ", " + fmt(b.y0()) + ", " + fmt(b.x1()) + ", "
                            + fmt(b.y1()) + "] outside the " + width + "x" + height + " frame");
                }
            }
        }
        return problems;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
    }
}
