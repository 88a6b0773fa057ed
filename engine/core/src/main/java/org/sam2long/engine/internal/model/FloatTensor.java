package org.sam2long.engine.internal.model;

import java.util.Arrays;

/** A float32 tensor held on the Java heap: row-major data plus its shape. */
public record FloatTensor(float[] data, long[] shape) {
    public FloatTensor {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    public static FloatTensor of(float[] data, long... shape) {
        return new FloatTensor(data, shape);
    }

    public int dim(int i) {
        return (int) shape[i];
    }
}
