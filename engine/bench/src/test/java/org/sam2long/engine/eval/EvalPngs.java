package org.sam2long.engine.eval;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes test mask PNGs with javax.imageio. */
final class EvalPngs {
    private EvalPngs() {}

    /** A DAVIS-like palette: index k gets a colour whose RGB has nothing to do with k (255 = DAVIS void colour). */
    static IndexColorModel palette(int bits) {
        int n = 1 << bits;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int i = 1; i < n; i++) {
            r[i] = (byte) ((i * 128) & 0xff);
            g[i] = (byte) ((i * 67 + 50) & 0xff);
            b[i] = (byte) ((i * 191) & 0xff);
        }
        if (n == 256) {
            r[255] = (byte) 224;
            g[255] = (byte) 224;
            b[255] = (byte) 192;
        }
        return new IndexColorModel(bits, n, r, g, b);
    }

    /** An indexed PNG (8 bits, or 1/2/4 packed) whose pixel values are {@code labels}. */
    static Path palettePng(Path file, int w, int h, int[] labels, int bits) {
        BufferedImage img = bits == 8
                ? new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, palette(8))
                : new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY, palette(bits));
        img.getRaster().setSamples(0, 0, w, h, 0, labels);
        return write(img, file);
    }

    static Path palettePng(Path file, int w, int h, int[] labels) {
        return palettePng(file, w, h, labels, 8);
    }

    /** An 8-bit (TYPE_BYTE_GRAY) or 16-bit (TYPE_USHORT_GRAY) grayscale PNG. */
    static Path grayPng(Path file, int w, int h, int[] values, boolean sixteen) {
        BufferedImage img = new BufferedImage(w, h, sixteen ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, w, h, 0, values);
        return write(img, file);
    }

    /** An RGB PNG with the value in the red channel only. */
    static Path rgbPng(Path file, int w, int h, int[] red) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        WritableRaster r = img.getRaster();
        r.setSamples(0, 0, w, h, 0, red);
        return write(img, file);
    }

    /** An 8-bit RGBA PNG: white, with {@code alpha} as its alpha channel. */
    static Path rgbaPng(Path file, int w, int h, int[] alpha) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        WritableRaster r = img.getRaster();
        int[] white = new int[w * h];
        java.util.Arrays.fill(white, 255);
        for (int b = 0; b < 3; b++) {
            r.setSamples(0, 0, w, h, b, white);
        }
        r.setSamples(0, 0, w, h, 3, alpha);
        return write(img, file);
    }

    /** Labels: 0 everywhere, {@code label} inside the rectangle. */
    static int[] labels(int w, int h, int[] base, int label, int x, int y, int sw, int sh) {
        int[] out = base == null ? new int[w * h] : base.clone();
        boolean[] m = Squares.rect(w, h, x, y, sw, sh);
        for (int i = 0; i < m.length; i++) {
            if (m[i]) {
                out[i] = label;
            }
        }
        return out;
    }

    private static Path write(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
