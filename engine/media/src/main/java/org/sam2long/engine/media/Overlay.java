package org.sam2long.engine.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.sam2long.engine.frame.Frame;

/**
 * Draws mattes over the plate for previews: each object tinted in its own colour (45 % at full
 * alpha) with a solid one-pixel outline where alpha crosses 0.5. Colours come from a fixed palette
 * by the object's position in the object list, so they match across frames and previews.
 */
public final class Overlay {
    private static final Color[] PALETTE = {
        new Color(255, 64, 64), new Color(64, 160, 255), new Color(80, 220, 80), new Color(255, 200, 40),
        new Color(220, 80, 255), new Color(40, 230, 220), new Color(255, 128, 0), new Color(160, 255, 120),
        new Color(255, 100, 180), new Color(150, 150, 255)};
    private static final float TINT = 0.45f;
    private static volatile boolean textWorks = true;

    /** One object's alpha (source size) and its palette slot. */
    public record Layer(int slot, float[] alpha) {}

    private Overlay() {}

    /** The colour of palette slot {@code slot} (wraps around). */
    public static Color colour(int slot) {
        return PALETTE[Math.floorMod(slot, PALETTE.length)];
    }

    /** The plate with every layer tinted and outlined. */
    public static BufferedImage render(Frame plate, List<Layer> layers) {
        int w = plate.width();
        int h = plate.height();
        int n = w * h;
        float[] r = new float[n];
        float[] g = new float[n];
        float[] b = new float[n];
        byte[] rgb = plate.rgb();
        for (int i = 0; i < n; i++) {
            r[i] = rgb[i * 3] & 0xff;
            g[i] = rgb[i * 3 + 1] & 0xff;
            b[i] = rgb[i * 3 + 2] & 0xff;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (Layer layer : layers) {
            Color c = colour(layer.slot());
            float[] a = layer.alpha();
            for (int i = 0; i < n; i++) {
                float t = TINT * Math.max(0f, Math.min(1f, a[i]));
                r[i] += (c.getRed() - r[i]) * t;
                g[i] += (c.getGreen() - g[i]) * t;
                b[i] += (c.getBlue() - b[i]) * t;
            }
        }
        int[] px = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < n; i++) {
            px[i] = (Math.round(r[i]) << 16) | (Math.round(g[i]) << 8) | Math.round(b[i]);
        }
        for (Layer layer : layers) {
            int c = colour(layer.slot()).getRGB();
            float[] a = layer.alpha();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (a[i] >= 0.5f && (x == 0 || a[i - 1] < 0.5f || x == w - 1 || a[i + 1] < 0.5f
                            || y == 0 || a[i - w] < 0.5f || y == h - 1 || a[i + w] < 0.5f)) {
                        px[i] = c;
                    }
                }
            }
        }
        return out;
    }

    /** A copy scaled to {@code width} (height keeps the aspect, both even), bilinear. */
    public static BufferedImage scale(BufferedImage src, int width) {
        int w = Math.max(2, width & ~1);
        int h = Math.max(2, (int) Math.round((double) src.getHeight() * w / src.getWidth()) & ~1);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /**
     * Draws a label with a dark backing box. Text needs the platform's fonts; on a machine without
     * any, labels are skipped rather than failing the preview.
     */
    static void label(Graphics2D g, String text, int x, int y, Color colour) {
        if (!textWorks) {
            return;
        }
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            int tw = g.getFontMetrics().stringWidth(text);
            g.setColor(new Color(0, 0, 0, 170));
            g.fillRect(x - 2, y - 12, tw + 4, 16);
            g.setColor(colour);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.drawString(text, x, y);
        } catch (RuntimeException | LinkageError e) {
            textWorks = false;
        }
    }

    /** PNG bytes of an image. */
    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
