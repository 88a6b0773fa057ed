package org.sam2long.engine.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PNG plot of tracking confidence over the shot: the top panel shows each object's presence logit
 * (above 0: the model sees the object), the bottom panel the cumulative score of the winning
 * memory-tree pathway, both against output frame numbers, one line per object in its
 * {@link Overlay} colour. Collects points as mattes arrive (a re-tracked frame replaces its point).
 * Thread-safe.
 */
public final class ConfidencePlot {
    private static final int WIDTH = 1200;
    private static final int PANEL = 260;
    private static final int MARGIN = 60;

    private final Map<Integer, TreeMap<Integer, double[]>> series = new TreeMap<>();

    /** Records one object's presence logit and pathway score on an output frame number. */
    public synchronized void add(int objectId, int frameNumber, double presence, double score) {
        series.computeIfAbsent(objectId, k -> new TreeMap<>()).put(frameNumber, new double[] {presence, score});
    }

    /** Number of points recorded for an object. */
    public synchronized int points(int objectId) {
        TreeMap<Integer, double[]> s = series.get(objectId);
        return s == null ? 0 : s.size();
    }

    /** Renders the plot; objects are coloured by their position in {@code objects}. */
    public synchronized BufferedImage render(List<MatteObject> objects) {
        int height = 2 * PANEL + 3 * MARGIN;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(24, 24, 28));
        g.fillRect(0, 0, WIDTH, height);
        int minF = Integer.MAX_VALUE;
        int maxF = Integer.MIN_VALUE;
        for (TreeMap<Integer, double[]> s : series.values()) {
            if (!s.isEmpty()) {
                minF = Math.min(minF, s.firstKey());
                maxF = Math.max(maxF, s.lastKey());
            }
        }
        if (minF > maxF) {
            minF = 0;
            maxF = 1;
        }
        panel(g, objects, 0, "presence logit", MARGIN, minF, maxF, true);
        panel(g, objects, 1, "winning pathway score", 2 * MARGIN + PANEL, minF, maxF, false);
        int lx = MARGIN;
        for (int slot = 0; slot < objects.size(); slot++) {
            Overlay.label(g, objects.get(slot).name(), lx, height - 16, Overlay.colour(slot));
            lx += 24 + 8 * objects.get(slot).name().length();
        }
        g.dispose();
        return img;
    }

    /** Renders and writes the plot as PNG, atomically. */
    public void write(Path file, List<MatteObject> objects) throws MatteWriteException {
        AtomicFiles.write(file, Overlay.png(render(objects)));
    }

    private void panel(Graphics2D g, List<MatteObject> objects, int value, String title, int top,
                       int minF, int maxF, boolean zeroLine) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (TreeMap<Integer, double[]> s : series.values()) {
            for (double[] p : s.values()) {
                if (Double.isFinite(p[value])) {
                    lo = Math.min(lo, p[value]);
                    hi = Math.max(hi, p[value]);
                }
            }
        }
        if (zeroLine) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
        }
        if (!(hi > lo)) {
            lo = Double.isFinite(lo) ? lo - 1 : -1;
            hi = lo + 2;
        }
        int left = MARGIN;
        int plotW = WIDTH - 2 * MARGIN;
        g.setColor(new Color(44, 44, 50));
        g.fillRect(left, top, plotW, PANEL);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, plotW, PANEL);
        Overlay.label(g, title, left + 6, top - 8, Color.LIGHT_GRAY);
        Overlay.label(g, fmt(hi), 4, top + 12, Color.LIGHT_GRAY);
        Overlay.label(g, fmt(lo), 4, top + PANEL, Color.LIGHT_GRAY);
        Overlay.label(g, Integer.toString(minF), left, top + PANEL + 18, Color.LIGHT_GRAY);
        Overlay.label(g, Integer.toString(maxF), left + plotW - 40, top + PANEL + 18, Color.LIGHT_GRAY);
        final double fLo = lo;
        final double fHi = hi;
        java.util.function.DoubleUnaryOperator yOf = v -> top + PANEL - (v - fLo) / (fHi - fLo) * PANEL;
        java.util.function.IntToDoubleFunction xOf = f -> left + (maxF == minF ? 0.5 : (double) (f - minF) / (maxF - minF)) * plotW;
        if (zeroLine) {
            g.setColor(new Color(120, 120, 120));
            int y0 = (int) Math.round(yOf.applyAsDouble(0));
            g.drawLine(left, y0, left + plotW, y0);
        }
        g.setStroke(new BasicStroke(1.6f));
        for (int slot = 0; slot < objects.size(); slot++) {
            TreeMap<Integer, double[]> s = series.get(objects.get(slot).id());
            if (s == null) {
                continue;
            }
            g.setColor(Overlay.colour(slot));
            List<int[]> pts = new ArrayList<>();
            for (Map.Entry<Integer, double[]> e : s.entrySet()) {
                double v = Math.max(lo, Math.min(hi, e.getValue()[value]));
                pts.add(new int[] {(int) Math.round(xOf.applyAsDouble(e.getKey())), (int) Math.round(yOf.applyAsDouble(v)), e.getKey()});
            }
            for (int i = 0; i < pts.size(); i++) {
                int[] p = pts.get(i);
                if (i > 0 && pts.get(i - 1)[2] == p[2] - 1) {
                    g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], p[0], p[1]);
                } else {
                    g.fillRect(p[0] - 1, p[1] - 1, 3, 3);
                }
            }
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
