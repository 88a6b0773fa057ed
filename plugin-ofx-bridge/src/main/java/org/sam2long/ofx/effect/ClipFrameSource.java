package org.sam2long.ofx.effect;

import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;
import org.sam2long.ofx.bindings.Clip;
import org.sam2long.ofx.bindings.Image;
import org.sam2long.ofx.bindings.Ofx;
import org.sam2long.ofx.track.FrameConversion;

/**
 * The engine's view of the host's Source clip: frame index i is host frame {@code first + i}, read
 * at full resolution through temporal clip access, converted from bottom-up float rows to top-down
 * 8-bit RGB one row at a time. The frame is the clip's region of definition on the first frame.
 */
final class ClipFrameSource implements FrameSource {
    private final Clip clip;
    private final int first;
    private final int count;
    private final int x0;
    private final int y0;
    private final int width;
    private final int height;
    private final double rate;

    ClipFrameSource(Clip clip) {
        this.clip = clip;
        double[] range = clip.frameRange();
        this.first = (int) Math.round(range[0]);
        this.count = (int) Math.round(range[1]) - first + 1;
        double[] rod = clip.regionOfDefinition(first);
        this.x0 = (int) Math.floor(rod[0]);
        this.y0 = (int) Math.floor(rod[1]);
        this.width = (int) Math.ceil(rod[2]) - x0;
        this.height = (int) Math.ceil(rod[3]) - y0;
        this.rate = clip.properties().has(Ofx.FRAME_RATE) ? clip.properties().getDouble(Ofx.FRAME_RATE) : 24;
    }

    @Override public int frameCount() { return count; }
    @Override public int width() { return width; }
    @Override public int height() { return height; }
    @Override public double frameRate() { return rate; }
    @Override public int frameNumber(int index) { return first + index; }
    @Override public String describe() { return "the host's Source clip"; }

    int first() { return first; }

    @Override
    public Frame read(int index) throws FrameSourceException {
        int time = first + index;
        byte[] rgb = new byte[width * height * 3];
        try (Image img = clip.image(time)) {
            if (img == null) {
                throw new FrameSourceException("the host has no Source image on frame " + time);
            }
            int c = img.channels();
            int xs = Math.max(x0, img.x1());
            int xe = Math.min(x0 + width, img.x2());
            if (xe > xs) {
                float[] span = new float[(xe - xs) * c];
                float[] row = new float[width * c];
                for (int top = 0; top < height; top++) {
                    int y = y0 + height - 1 - top;
                    if (y < img.y1() || y >= img.y2()) {
                        continue;
                    }
                    img.readSpan(y, xs, xe - xs, span);
                    System.arraycopy(span, 0, row, (xs - x0) * c, span.length);
                    FrameConversion.putRow(row, c, width, top, rgb);
                }
            }
        }
        return new Frame(index, width, height, rgb);
    }
}
