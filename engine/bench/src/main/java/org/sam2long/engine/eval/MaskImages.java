package org.sam2long.engine.eval;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads mask images with javax.imageio as raw sample values, never through colours: a palette PNG gives
 * its palette indices (object ids), a grayscale PNG its gray values, an image with alpha its alpha, an RGB
 * image the largest of its three channels.
 */
final class MaskImages {
    private MaskImages() {}

    enum Kind { INDEXED, GRAY, ALPHA, RGB }

    /**
     * Raw values of one mask image.
     *
     * @param max the largest value the samples can hold (255 for 8 bits, 65535 for 16)
     */
    record LabelImage(Path file, int width, int height, int[] values, int max, Kind kind) {

        /** {@code value > threshold * max}: 0 means any non-zero value is inside. */
        boolean[] inside(double threshold) {
            double cut = threshold * max;
            boolean[] m = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                m[i] = values[i] > cut;
            }
            return m;
        }

        boolean[] equalTo(int label) {
            boolean[] m = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                m[i] = values[i] == label;
            }
            return m;
        }
    }

    static LabelImage read(Path file) {
        BufferedImage img;
        try {
            if (!Files.isRegularFile(file)) {
                throw new EvalException("The mask " + file + " does not exist.");
            }
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new EvalException("The mask " + file + " cannot be read (" + e.getMessage() + ").", e);
        }
        if (img == null) {
            throw new EvalException("The mask " + file + " is not an image javax.imageio can read.");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        int[] values = new int[w * h];
        Kind kind;
        int max;
        if (cm instanceof IndexColorModel icm) {
            kind = Kind.INDEXED;
            max = (1 << icm.getPixelSize()) - 1;
            r.getSamples(0, 0, w, h, 0, values);
        } else if (cm.hasAlpha()) {
            kind = Kind.ALPHA;
            int band = cm.getNumComponents() - 1;
            max = (1 << cm.getComponentSize(band)) - 1;
            r.getSamples(0, 0, w, h, band, values);
        } else if (cm.getNumColorComponents() == 1) {
            kind = Kind.GRAY;
            max = (1 << cm.getComponentSize(0)) - 1;
            r.getSamples(0, 0, w, h, 0, values);
        } else {
            kind = Kind.RGB;
            max = (1 << cm.getComponentSize(0)) - 1;
            int[] band = new int[w * h];
            for (int b = 0; b < Math.min(3, r.getNumBands()); b++) {
                r.getSamples(0, 0, w, h, b, band);
                for (int i = 0; i < band.length; i++) {
                    values[i] = Math.max(values[i], band[i]);
                }
            }
        }
        return new LabelImage(file, w, h, values, max, kind);
    }
}
