package org.sam2long.engine.internal.matte;

/**
 * The previous, plainer {@link Regions}, kept as the oracle of FastCleanupEquivalenceTest.
 *
 * <p>Area filters on connected regions of a matte, split at alpha 0.5. Foreground regions use
 * 8-connectivity and background regions 4-connectivity (the usual dual pair, so a diagonal gap in
 * an outline does not open a hole to the outside).
 */
final class ReferenceRegions {
    private static final int[] N4 = {1, 0, -1, 0, 0, 1, 0, -1};
    private static final int[] N8 = {1, 0, -1, 0, 0, 1, 0, -1, 1, 1, 1, -1, -1, 1, -1, -1};

    private ReferenceRegions() {}

    /** Sets alpha to 1 in every background region that does not touch the border and has at most {@code maxArea} pixels. */
    static void fillHoles(float[] a, int w, int h, int maxArea) {
        boolean[] background = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            background[i] = a[i] < 0.5f;
        }
        int[] label = new int[a.length];
        int[] stack = new int[a.length];
        int next = 0;
        for (int start = 0; start < a.length; start++) {
            if (!background[start] || label[start] != 0) {
                continue;
            }
            next++;
            int n = flood(background, label, stack, w, h, start, next, N4);
            if (n <= maxArea && !touchesBorder(stack, n, w, h)) {
                for (int k = 0; k < n; k++) {
                    a[stack[k]] = 1f;
                }
            }
        }
    }

    /**
     * Sets alpha to 0 in every foreground region of at most {@code maxArea} pixels, except the
     * largest region, which is always kept so a small object is never erased.
     */
    static void removeIslands(float[] a, int w, int h, int maxArea) {
        boolean[] foreground = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            foreground[i] = a[i] >= 0.5f;
        }
        int[] label = new int[a.length];
        int[] stack = new int[a.length];
        int[] areas = new int[16];
        int regions = 0;
        for (int start = 0; start < a.length; start++) {
            if (foreground[start] && label[start] == 0) {
                regions++;
                if (regions == areas.length) {
                    areas = java.util.Arrays.copyOf(areas, regions * 2);
                }
                areas[regions] = flood(foreground, label, stack, w, h, start, regions, N8);
            }
        }
        int largest = 0;
        for (int r = 1; r <= regions; r++) {
            if (largest == 0 || areas[r] > areas[largest]) {
                largest = r;
            }
        }
        for (int i = 0; i < a.length; i++) {
            int r = label[i];
            if (r != 0 && r != largest && areas[r] <= maxArea) {
                a[i] = 0f;
            }
        }
    }

    /** Labels the region of {@code start}; its pixels end up in stack[0..n). Returns n. */
    private static int flood(boolean[] in, int[] label, int[] stack, int w, int h, int start, int id, int[] offsets) {
        int n = 0;
        stack[n++] = start;
        label[start] = id;
        for (int k = 0; k < n; k++) {
            int p = stack[k];
            int x = p % w;
            int y = p / w;
            for (int o = 0; o < offsets.length; o += 2) {
                int nx = x + offsets[o];
                int ny = y + offsets[o + 1];
                if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                    int q = ny * w + nx;
                    if (in[q] && label[q] == 0) {
                        label[q] = id;
                        stack[n++] = q;
                    }
                }
            }
        }
        return n;
    }

    private static boolean touchesBorder(int[] pixels, int n, int w, int h) {
        for (int k = 0; k < n; k++) {
            int x = pixels[k] % w;
            int y = pixels[k] / w;
            if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
                return true;
            }
        }
        return false;
    }
}
