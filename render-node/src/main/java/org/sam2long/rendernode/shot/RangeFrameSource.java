package org.sam2long.rendernode.shot;

import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;

/** Indices {@code from .. to} (inclusive) of a clip as a clip of their own, keeping the plate numbers. */
final class RangeFrameSource implements FrameSource {
    private final FrameSource inner;
    private final int from;
    private final int count;

    RangeFrameSource(FrameSource inner, int from, int to) {
        this.inner = inner;
        this.from = from;
        this.count = to - from + 1;
    }

    @Override public int frameCount() { return count; }
    @Override public int width() { return inner.width(); }
    @Override public int height() { return inner.height(); }
    @Override public double frameRate() { return inner.frameRate(); }
    @Override public int frameNumber(int index) { return inner.frameNumber(from + index); }

    @Override
    public Frame read(int index) throws FrameSourceException {
        if (index < 0 || index >= count) {
            throw new FrameSourceException("frame index " + index + " is outside the range of " + describe(), null);
        }
        Frame f = inner.read(from + index);
        return new Frame(index, f.width(), f.height(), f.rgb());
    }

    @Override
    public String describe() {
        return inner.describe() + " (plate frames " + frameNumber(0) + ".." + frameNumber(count - 1) + ")";
    }

    @Override
    public void close() {
        inner.close();
    }
}
