package org.parsimonylab.engine.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Result and reusable workspace of {@link LinAlg#svd}: {@code A = U·diag(s)·Vᵀ}, s descending. The arrays are
 * resized only when the shape changes, so repeated decompositions of same-shaped matrices allocate nothing.
 */
public final class Svd {
    /** Left singular vectors as columns (m×k or m×m); null for values-only. */
    public DMatrixRMaj u;
    /** Singular values, descending, length min(m, n). */
    public double[] s = new double[0];
    /** Right singular vectors as columns (n×k or n×n); null for values-only. */
    public DMatrixRMaj v;

    /** Reshapes (reusing storage when possible) the value array to length k. */
    void ensureValues(int k) {
        if (s.length != k) {
            s = new double[k];
        }
    }

    static DMatrixRMaj ensure(DMatrixRMaj m, int rows, int cols) {
        if (m == null) {
            return new DMatrixRMaj(rows, cols);
        }
        m.reshape(rows, cols);
        return m;
    }
}
