package org.sam2long.engine.internal.matte;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The run-based region filters against a plain pixel flood fill on random blob mattes. */
class RegionsTest {
    private static final int[] N4 = {1, 0, -1, 0, 0, 1, 0, -1};
    private static final int[] N8 = {1, 0, -1, 0, 0, 1, 0, -1, 1, 1, 1, -1, -1, 1, -1, -1};

    @Test
    void holesAndIslandsMatchAPixelFloodFill() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + random.nextInt(40);
            int h = 1 + random.nextInt(30);
            float[] a = new float[w * h];
            double density = random.nextDouble();
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextDouble() < density ? 0.5f + random.nextFloat() / 2 : random.nextFloat() * 0.49f;
            }
            int area = random.nextInt(12);
            float[] holes = a.clone();
            float[] expectHoles = a.clone();
            Regions.fillHoles(holes, w, h, area);
            referenceFill(expectHoles, w, h, area);
            assertArrayEquals(expectHoles, holes, "holes, trial " + trial);
            float[] islands = a.clone();
            float[] expectIslands = a.clone();
            Regions.removeIslands(islands, w, h, area);
            referenceIslands(expectIslands, w, h, area);
            assertArrayEquals(expectIslands, islands, "islands, trial " + trial);
        }
    }

    private static void referenceFill(float[] a, int w, int h, int maxArea) {
        int[] label = new int[a.length];
        int next = 0;
        for (int s = 0; s < a.length; s++) {
            if (a[s] < 0.5f && label[s] == 0) {
                int[] region = flood(a, label, w, h, s, ++next, N4, false);
                boolean border = false;
                for (int p : region) {
                    border |= p % w == 0 || p / w == 0 || p % w == w - 1 || p / w == h - 1;
                }
                if (region.length <= maxArea && !border) {
                    for (int p : region) {
                        a[p] = 1f;
                    }
                }
            }
        }
    }

    private static void referenceIslands(float[] a, int w, int h, int maxArea) {
        int[] label = new int[a.length];
        java.util.List<int[]> regions = new java.util.ArrayList<>();
        for (int s = 0; s < a.length; s++) {
            if (a[s] >= 0.5f && label[s] == 0) {
                regions.add(flood(a, label, w, h, s, regions.size() + 1, N8, true));
            }
        }
        int largest = -1;
        for (int r = 0; r < regions.size(); r++) {
            if (largest < 0 || regions.get(r).length > regions.get(largest).length) {
                largest = r;
            }
        }
        for (int r = 0; r < regions.size(); r++) {
            if (r != largest && regions.get(r).length <= maxArea) {
                for (int p : regions.get(r)) {
                    a[p] = 0f;
                }
            }
        }
    }

    private static int[] flood(float[] a, int[] label, int w, int h, int start, int id, int[] nb, boolean fg) {
        int[] stack = new int[a.length];
        int n = 0;
        stack[n++] = start;
        label[start] = id;
        for (int k = 0; k < n; k++) {
            int x = stack[k] % w;
            int y = stack[k] / w;
            for (int o = 0; o < nb.length; o += 2) {
                int nx = x + nb[o];
                int ny = y + nb[o + 1];
                if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                    int q = ny * w + nx;
                    if ((a[q] >= 0.5f) == fg && label[q] == 0) {
                        label[q] = id;
                        stack[n++] = q;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(stack, n);
    }
}
