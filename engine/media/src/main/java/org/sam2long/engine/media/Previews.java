package org.sam2long.engine.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sam2long.engine.frame.Frame;
import org.sam2long.engine.frame.FrameSource;
import org.sam2long.engine.frame.FrameSourceException;

/**
 * Preview files made after tracking from the plates and the matte files written, so they work
 * whatever order the mattes arrived in: a PNG contact sheet of evenly sampled frames and an H.264
 * movie of every frame, both with {@link Overlay}s. Frames with no matte file for an object show
 * that object untinted.
 */
public final class Previews {
    private Previews() {}

    /** {@code count} indices spread evenly over {@code 0..frameCount-1}, first and last included. */
    public static List<Integer> sample(int frameCount, int count) {
        List<Integer> out = new ArrayList<>();
        int n = Math.max(1, Math.min(count, frameCount));
        for (int k = 0; k < n; k++) {
            int i = n == 1 ? 0 : (int) Math.round((double) k * (frameCount - 1) / (n - 1));
            if (out.isEmpty() || out.get(out.size() - 1) != i) {
                out.add(i);
            }
        }
        return out;
    }

    /** The overlay of one source frame (plate plus every object's written matte, when present). */
    public static BufferedImage overlay(FrameSource plates, MatteReader mattes, List<MatteObject> objects, int index)
            throws IOException, FrameSourceException {
        Frame plate = plates.read(index);
        int frameNumber = plates.frameNumber(index);
        List<Overlay.Layer> layers = new ArrayList<>();
        for (int slot = 0; slot < objects.size(); slot++) {
            MatteObject o = objects.get(slot);
            if (mattes.exists(o, frameNumber)) {
                layers.add(new Overlay.Layer(slot, mattes.alpha(o, frameNumber)));
            }
        }
        return Overlay.render(plate, layers);
    }

    /**
     * Writes a grid of {@code count} sampled frames, {@code thumbWidth} pixels wide each, labelled
     * with their output frame numbers, plus a legend of object colours.
     */
    public static void contactSheet(Path file, FrameSource plates, MatteReader mattes, MatteWriter layout,
                                    int count, int thumbWidth) throws IOException, FrameSourceException {
        List<Integer> indices = sample(plates.frameCount(), count);
        List<MatteObject> objects = layout.objects();
        int columns = (int) Math.ceil(Math.sqrt(indices.size()));
        int rows = (indices.size() + columns - 1) / columns;
        BufferedImage first = null;
        Graphics2D g = null;
        BufferedImage sheet = null;
        int legend = 24;
        for (int k = 0; k < indices.size(); k++) {
            BufferedImage thumb = Overlay.scale(overlay(plates, mattes, objects, indices.get(k)), thumbWidth);
            if (first == null) {
                first = thumb;
                sheet = new BufferedImage(columns * thumb.getWidth(), rows * thumb.getHeight() + legend, BufferedImage.TYPE_INT_RGB);
                g = sheet.createGraphics();
                g.setColor(Color.DARK_GRAY);
                g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            }
            int x = (k % columns) * first.getWidth();
            int y = (k / columns) * first.getHeight();
            g.drawImage(thumb, x, y, null);
            Overlay.label(g, "frame " + layout.outputFrame(plates.frameNumber(indices.get(k))), x + 6, y + 18, Color.WHITE);
        }
        int lx = 6;
        for (int slot = 0; slot < objects.size(); slot++) {
            String name = objects.get(slot).name();
            Overlay.label(g, name, lx, sheet.getHeight() - 7, Overlay.colour(slot));
            lx += 12 + 8 * name.length();
        }
        g.dispose();
        AtomicFiles.write(file, Overlay.png(sheet));
    }

    /** Writes every frame's overlay as a movie at the plate's frame rate, at most {@code maxWidth} wide. */
    public static String movie(Path file, FrameSource plates, MatteReader mattes, List<MatteObject> objects, int maxWidth)
            throws IOException, FrameSourceException {
        int width = Math.min(maxWidth, plates.width());
        int height = Math.max(2, (int) Math.round((double) plates.height() * (width & ~1) / plates.width()) & ~1);
        try (PreviewMovie movie = PreviewMovie.open(file, width & ~1, height, plates.frameRate())) {
            for (int i = 0; i < plates.frameCount(); i++) {
                movie.add(Overlay.scale(overlay(plates, mattes, objects, i), width));
            }
            movie.finish();
            return movie.codec();
        }
    }
}
