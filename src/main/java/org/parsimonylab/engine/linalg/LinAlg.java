package org.parsimonylab.engine.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The one door through which products and SVDs go, so that a fast backend (native OpenBLAS/LAPACK through
 * dev.ludovic.netlib) and a portable one (EJML) are interchangeable. Matrices are EJML row-major
 * {@link DMatrixRMaj}; no method allocates once its workspaces have seen a shape (performance.md §3.2, §9).
 *
 * <p>Implementations are not thread-safe: each trainer thread owns its own instance.
 */
public interface LinAlg {

    /**
     * General product {@code C = alpha·op(A)·op(B) + beta·C}, op(X) = X or Xᵀ. Shapes: op(A) m×k, op(B) k×n,
     * C m×n (C must already have that shape). C is modified; A and B are not. C must not alias A or B.
     */
    void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c);

    /** {@code C = A·B}; shapes A m×k, B k×n, C m×n. */
    default void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        gemm(false, false, 1.0, a, b, 0.0, c);
    }

    /**
     * Singular value decomposition {@code A = U·diag(s)·Vᵀ} with singular values in descending order. A (m×n) is not
     * modified. With {@code mode = VALUES} only {@code out.s} is filled; with {@code THIN} U is m×k and V is n×k,
     * k = min(m, n); with {@code FULL} U is m×m and V is n×n.
     */
    void svd(DMatrixRMaj a, SvdMode mode, Svd out);

    /** Descending singular values of A (m×n), a new array of length min(m, n). */
    default double[] singularValues(DMatrixRMaj a) {
        Svd out = new Svd();
        svd(a, SvdMode.VALUES, out);
        return out.s.clone();
    }

    /** Human-readable name of the backend in use, e.g. "netlib JNIBLAS + JNILAPACK (native)". */
    String describe();

    /** What to compute in {@link #svd}. */
    enum SvdMode {
        VALUES,
        THIN,
        FULL
    }
}
