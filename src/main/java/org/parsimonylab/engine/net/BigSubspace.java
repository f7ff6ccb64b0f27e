package org.parsimonylab.engine.net;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Subspaces;
import org.parsimonylab.engine.linalg.Svd;

/**
 * The "big" invariant subspace pair of a layer, built from its initial weight W(0) (m×d) and its first gradient G0
 * (m×d) with SVD G0 = U_G·Σ_G·V_Gᵀ. This is the reconstruction [REC] of docs/science.md §3.3 (paper 2 gives no code):
 *
 * <pre>
 *   right (d×k) = orth[ V_G[:, :a],  W(0)ᵀ·U_G[:, :k−a] / ε ]     input side
 *   left  (m×k) = orth[ U_G[:, :a],  W(0)·V_G[:, :k−a] / ε ]      hidden side
 * </pre>
 *
 * with a = ⌈k/2⌉; for the two-layer setting k = 2K and a = K. The division by ε only normalises and does not change
 * the span, so it is omitted. Should a block be rank deficient (a gradient of rank below a), the basis is completed
 * with the next singular vectors of G0 and then with W(0)'s own directions, so that it always has k columns.
 *
 * @param left orthonormal m×k basis on the output (hidden) side, U_big
 * @param right orthonormal d×k basis on the input side, V_big
 */
public record BigSubspace(DMatrixRMaj left, DMatrixRMaj right) {
    /** Relative tolerance below which a candidate direction counts as already spanned. */
    public static final double RANK_TOL = 1e-10;

    /** Dimension k of the pair. */
    public int dim() {
        return right.numCols;
    }

    /**
     * The pair of dimension {@code k} for initial weight {@code w0} (m×d) and first gradient {@code g0} (m×d); neither
     * is modified. Requires k ≤ min(m, d).
     */
    public static BigSubspace of(DMatrixRMaj w0, DMatrixRMaj g0, int k, LinAlg linAlg) {
        int m = w0.numRows;
        int d = w0.numCols;
        if (k < 1 || k > Math.min(m, d)) {
            throw new IllegalArgumentException("rank must be in [1, " + Math.min(m, d) + "] (got " + k + ")");
        }
        return of(w0, g0, k, k, linAlg);
    }

    /**
     * The pair of nominal dimension 2K built from the top K = {@code half} singular pairs of {@code g0}, cut to {@code
     * min(2K, m)} columns on the left and {@code min(2K, d)} on the right, so that a layer with fewer than 2K outputs
     * (the last layer of a K-output MLP: its left block is all of ℝ^m) still has a 2K-dimensional input side.
     * Requires 1 ≤ half.
     */
    public static BigSubspace ofHalf(DMatrixRMaj w0, DMatrixRMaj g0, int half, LinAlg linAlg) {
        if (half < 1) {
            throw new IllegalArgumentException("half must be at least 1 (got " + half + ")");
        }
        return of(w0, g0, Math.min(2 * half, w0.numRows), Math.min(2 * half, w0.numCols), linAlg);
    }

    private static BigSubspace of(DMatrixRMaj w0, DMatrixRMaj g0, int kLeft, int kRight, LinAlg linAlg) {
        int m = w0.numRows;
        int d = w0.numCols;
        int k = Math.max(kLeft, kRight);
        Svd svd = new Svd();
        linAlg.svd(g0, LinAlg.SvdMode.THIN, svd);
        int available = Math.min(m, d);
        int a = Math.min((k + 1) / 2, available);
        int b = Math.min(k - a, available);
        DMatrixRMaj uTop = Subspaces.leadingColumns(svd.u, a); // m x a
        DMatrixRMaj vTop = Subspaces.leadingColumns(svd.v, a); // d x a
        DMatrixRMaj uPair = Subspaces.leadingColumns(svd.u, b); // m x b
        DMatrixRMaj vPair = Subspaces.leadingColumns(svd.v, b); // d x b
        DMatrixRMaj w0tU = new DMatrixRMaj(d, b);
        linAlg.gemm(true, false, 1.0, w0, uPair, 0.0, w0tU);
        DMatrixRMaj w0V = new DMatrixRMaj(m, b);
        linAlg.gemm(false, false, 1.0, w0, vPair, 0.0, w0V);
        DMatrixRMaj w0t = new DMatrixRMaj(d, m);
        org.ejml.dense.row.CommonOps_DDRM.transpose(w0, w0t);
        DMatrixRMaj right = Subspaces.orthonormalColumns(kRight, RANK_TOL, vTop, w0tU, svd.v, w0t);
        DMatrixRMaj left = Subspaces.orthonormalColumns(kLeft, RANK_TOL, uTop, w0V, svd.u, w0);
        if (right.numCols < kRight || left.numCols < kLeft) {
            throw new ArithmeticException("could not build a big subspace of dimension " + kLeft + "×" + kRight);
        }
        return new BigSubspace(left, right);
    }
}
