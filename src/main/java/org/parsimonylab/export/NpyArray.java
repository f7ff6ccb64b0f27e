package org.parsimonylab.export;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * An array read from a .npy file: its shape and its values in C order as doubles (int64 files are converted).
 * The record owns its arrays; callers must not modify them.
 *
 * @param shape the dimensions, e.g. {rows, cols}; empty for a scalar
 * @param data the values in C (row-major) order, length = product of shape
 */
public record NpyArray(int[] shape, double[] data) {
    public NpyArray {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    /** The array as a rows×cols matrix (a copy); requires a 2-D array. */
    public DMatrixRMaj toMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("not a matrix: shape " + Arrays.toString(shape));
        }
        return new DMatrixRMaj(shape[0], shape[1], true, data);
    }

    /** The values cast to ints (a copy), e.g. labels read from an int64 file. */
    public int[] toInts() {
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (int) data[i];
        }
        return out;
    }
}
