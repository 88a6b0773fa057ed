package org.sam2long.engine.internal.matte;

import java.util.Arrays;

/**
 * Area filters on connected regions of a matte, split at alpha 0.5. Foreground regions use
 * 8-connectivity and background regions 4-connectivity (the usual dual pair, so a diagonal gap in
 * an outline does not open a hole to the outside).
 *
 * <p>Regions are labelled as horizontal runs joined by union-find, so the cost follows the number
 * of runs (a few per row for a matte), not the number of pixels.
 */
public final class Regions {
    private Regions() {}

    /** Sets alpha to 1 in every background region that does not touch the border and has at most {@code maxArea} pixels. */
    public static void fillHoles(float[] a, int w, int h, int maxArea) {
        Runs runs = Runs.of(a, w, h, false);
        int n = runs.count;
        long[] area = new long[n];
        boolean[] border = new boolean[n];
        for (int i = 0; i < n; i++) {
            int root = runs.find(i);
            area[root] += runs.x1[i] - runs.x0[i];
            int y = runs.y[i];
            border[root] |= y == 0 || y == h - 1 || runs.x0[i] == 0 || runs.x1[i] == w;
        }
        for (int i = 0; i < n; i++) {
            int root = runs.find(i);
            if (area[root] <= maxArea && !border[root]) {
                Arrays.fill(a, runs.y[i] * w + runs.x0[i], runs.y[i] * w + runs.x1[i], 1f);
            }
        }
    }

    /**
     * Sets alpha to 0 in every foreground region of at most {@code maxArea} pixels, except the
     * largest region (the first in raster order among equals), which is always kept so a small
     * object is never erased.
     */
    public static void removeIslands(float[] a, int w, int h, int maxArea) {
        Runs runs = Runs.of(a, w, h, true);
        int n = runs.count;
        long[] area = new long[n];
        for (int i = 0; i < n; i++) {
            area[runs.find(i)] += runs.x1[i] - runs.x0[i];
        }
        // runs are made in raster order, so the region met first has the smallest first run
        int largest = -1;
        for (int i = 0; i < n; i++) {
            int root = runs.find(i);
            if (largest < 0 || area[root] > area[largest]) {
                largest = root;
            }
        }
        for (int i = 0; i < n; i++) {
            int root = runs.find(i);
            if (root != largest && area[root] <= maxArea) {
                Arrays.fill(a, runs.y[i] * w + runs.x0[i], runs.y[i] * w + runs.x1[i], 0f);
            }
        }
    }

    /** Maximal horizontal runs [x0, x1) of foreground (alpha >= 0.5) or background pixels, joined into regions. */
    private static final class Runs {
        int[] y = new int[64];
        int[] x0 = new int[64];
        int[] x1 = new int[64];
        int[] parent = new int[64];
        int count;

        static Runs of(float[] a, int w, int h, boolean foreground) {
            Runs r = new Runs();
            int previousStart = 0;
            for (int row = 0; row < h; row++) {
                int rowStart = r.count;
                int o = row * w;
                int x = 0;
                while (x < w) {
                    while (x < w && (a[o + x] >= 0.5f) != foreground) {
                        x++;
                    }
                    if (x == w) {
                        break;
                    }
                    int start = x;
                    while (x < w && (a[o + x] >= 0.5f) == foreground) {
                        x++;
                    }
                    r.add(row, start, x);
                }
                if (row > 0) {
                    r.join(previousStart, rowStart, r.count, foreground ? 1 : 0);
                }
                previousStart = rowStart;
            }
            return r;
        }

        private void add(int row, int start, int end) {
            if (count == y.length) {
                int n = count * 2;
                y = Arrays.copyOf(y, n);
                x0 = Arrays.copyOf(x0, n);
                x1 = Arrays.copyOf(x1, n);
                parent = Arrays.copyOf(parent, n);
            }
            y[count] = row;
            x0[count] = start;
            x1[count] = end;
            parent[count] = count;
            count++;
        }

        /** Unions runs of the previous row [p, c) with runs of this row [c, end) that touch; slack 1 = diagonal (8-connected). */
        private void join(int p, int c, int end, int slack) {
            int i = p;
            int j = c;
            while (i < c && j < end) {
                if (x0[i] < x1[j] + slack && x0[j] < x1[i] + slack) {
                    union(i, j);
                }
                if (x1[i] < x1[j]) {
                    i++;
                } else {
                    j++;
                }
            }
        }

        int find(int i) {
            int root = i;
            while (parent[root] != root) {
                root = parent[root];
            }
            while (parent[i] != root) {
                int next = parent[i];
                parent[i] = root;
                i = next;
            }
            return root;
        }

        /** The smaller index becomes the root, so a region's root is its first run in raster order. */
        private void union(int i, int j) {
            int a = find(i);
            int b = find(j);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
    }
}
