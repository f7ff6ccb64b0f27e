package org.parsimonylab.checkpoints;

/**
 * A tensor chosen for analysis and the matrix it is read as: a 2-D tensor as it is (out × in), a convolution kernel
 * of shape (out, in, kh[, kw[, kd]]) (PyTorch's layout) reshaped to out × (in·kh·kw…).
 *
 * @param name the tensor's name
 * @param shape its shape in the checkpoint
 * @param dtypeName its element type as the file spells it
 * @param rows rows of the matrix (the first dimension)
 * @param cols columns of the matrix (the product of the others)
 */
public record SelectedTensor(String name, long[] shape, String dtypeName, int rows, int cols) {
    public SelectedTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether the tensor had more than two dimensions and was reshaped. */
    public boolean reshaped() {
        return shape.length > 2;
    }
}
