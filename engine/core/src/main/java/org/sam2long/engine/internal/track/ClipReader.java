package org.sam2long.engine.internal.track;

import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.engine.track.StageTimes;

/** Reads frames of the clip being tracked, timing the decode and refusing frames of the wrong size. */
public final class ClipReader {
    private final FrameSource frames;
    private final StageTimes times;

    public ClipReader(FrameSource frames, StageTimes times) {
        this.frames = frames;
        this.times = times;
    }

    public Frame read(int index) throws FrameSourceException {
        long t0 = System.nanoTime();
        Frame f = frames.read(index);
        times.add("decode", System.nanoTime() - t0);
        if (f.width() != frames.width() || f.height() != frames.height()) {
            throw new FrameSourceException(frames.describe() + ": frame " + frames.frameNumber(index) + " is "
                    + f.width() + "x" + f.height() + " but the clip is " + frames.width() + "x" + frames.height());
        }
        return f;
    }
}
