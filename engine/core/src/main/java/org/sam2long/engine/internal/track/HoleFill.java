package org.sam2long.engine.internal.track;

/**
 * SAM 2's output post-processing: background regions (logit <= 0) of the low-res mask whose
 * 8-connected area is at most {@code maxArea} pixels become foreground with logit 0.1.
 */
public final class HoleFill {
    private HoleFill() {}

    public static float[] apply(float[] logits, int size, int maxArea) {
        if (maxArea <= 0) {
            return logits;
        }
        float[] out = logits.clone();
        int n = size * size;
        int[] label = new int[n];
        int[] stack = new int[n];
        int[] members = new int[n];
        int next = 0;
        for (int start = 0; start < n; start++) {
            if (out[start] > 0 || label[start] != 0) {
                continue;
            }
            next++;
            int top = 0;
            int count = 0;
            stack[top++] = start;
            label[start] = next;
            while (top > 0) {
                int p = stack[--top];
                members[count++] = p;
                int px = p % size;
                int py = p / size;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = px + dx;
                        int y = py + dy;
                        if ((dx != 0 || dy != 0) && x >= 0 && y >= 0 && x < size && y < size) {
                            int q = y * size + x;
                            if (label[q] == 0 && out[q] <= 0) {
                                label[q] = next;
                                stack[top++] = q;
                            }
                        }
                    }
                }
            }
            if (count <= maxArea) {
                for (int i = 0; i < count; i++) {
                    out[members[i]] = 0.1f;
                }
            }
        }
        return out;
    }
}
