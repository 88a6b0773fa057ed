package org.sam2long.engine.internal.track;

import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.prompt.Prompt;

/** Rejects prompts the engine cannot use, with one sentence naming the object, frame and value. */
public final class PromptCheck {
    private PromptCheck() {}

    public static void check(Prompt p, FrameSource frames) {
        String who = "the prompt for object " + p.objectId() + " on frame " + frames.frameNumber(p.frameIndex());
        if (p.objectId() < 0) {
            throw new IllegalArgumentException("object ids must be 0 or more, got " + p.objectId());
        }
        if (p.frameIndex() < 0 || p.frameIndex() >= frames.frameCount()) {
            throw new IllegalArgumentException(who + " is outside " + frames.describe() + ", which has frames "
                    + frames.frameNumber(0) + "-" + frames.frameNumber(frames.frameCount() - 1));
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException(who + " is empty: give at least one click, a box or a mask");
        }
        int w = frames.width();
        int h = frames.height();
        for (Prompt.Click c : p.clicks()) {
            if (!(c.x() >= 0 && c.y() >= 0 && c.x() < w && c.y() < h)) {
                throw new IllegalArgumentException(who + " has a click at (" + c.x() + ", " + c.y()
                        + ") outside the " + w + "x" + h + " frame");
            }
        }
        if (p.box() != null) {
            Prompt.Box b = p.box();
            if (!(b.x0() >= 0 && b.y0() >= 0 && b.x1() < w && b.y1() < h && b.x0() < b.x1() && b.y0() < b.y1())) {
                throw new IllegalArgumentException(who + " has a box (" + b.x0() + ", " + b.y0() + ")-(" + b.x1() + ", "
                        + b.y1() + ") that is empty or outside the " + w + "x" + h + " frame");
            }
        }
        if (p.mask() != null && (p.mask().width() != w || p.mask().height() != h
                || p.mask().inside().length != w * h)) {
            throw new IllegalArgumentException(who + " has a " + p.mask().width() + "x" + p.mask().height()
                    + " mask but the frame is " + w + "x" + h);
        }
    }
}
