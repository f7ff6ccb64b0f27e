package org.parsimonylab.checkpoints;

import java.util.Arrays;

/**
 * One tensor listed by a checkpoint: its name, element type and shape (C order), as read from the header; the values
 * are read on demand by {@link Checkpoint#read}.
 *
 * @param name the tensor's name (safetensors key, .npz member or .npy file name without {@code .npy})
 * @param dtype the element type, or null when the file's type is not one of {@link Dtype#SUPPORTED}
 * @param dtypeName the type as the file spells it (e.g. {@code F32}, {@code <f4}, {@code I64})
 * @param shape the dimensions; empty for a scalar
 */
public record TensorInfo(String name, Dtype dtype, String dtypeName, long[] shape) {
    public TensorInfo {
        shape = shape.clone();
    }

    /** The number of elements, the product of the shape. */
    public long count() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as {@code [a, b, …]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t
                && t.name.equals(name)
                && t.dtypeName.equals(dtypeName)
                && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
