package org.parsimonylab.engine.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Orthonormal bases and principal angles (docs/science.md §3.3, §6 pitfall 3, §7). Allocates its results; meant for
 * set-up and monitoring, not the training loop.
 */
public final class Subspaces {
    private Subspaces() {}

    /**
     * An orthonormal basis (n×r, r ≤ maxColumns) of the span of the given column blocks (each n×c_i), built by greedy
     * Gram–Schmidt (two passes) over the columns in the order given: a column is kept when what remains of it after
     * projecting out the kept ones is larger than {@code relTol} times its own norm. The blocks are not modified.
     */
    public static DMatrixRMaj orthonormalColumns(int maxColumns, double relTol, DMatrixRMaj... blocks) {
        int n = blocks[0].numRows;
        int total = 0;
        for (DMatrixRMaj b : blocks) {
            if (b.numRows != n) {
                throw new IllegalArgumentException(
                        "column blocks must have equal heights (" + n + " vs " + b.numRows + ")");
            }
            total += b.numCols;
        }
        int cap = Math.min(Math.min(maxColumns, total), n);
        double[][] kept = new double[cap][];
        int r = 0;
        double[] col = new double[n];
        for (DMatrixRMaj b : blocks) {
            for (int j = 0; j < b.numCols && r < cap; j++) {
                double norm0 = 0;
                for (int i = 0; i < n; i++) {
                    col[i] = b.data[i * b.numCols + j];
                    norm0 += col[i] * col[i];
                }
                norm0 = Math.sqrt(norm0);
                if (norm0 == 0) {
                    continue;
                }
                for (int pass = 0; pass < 2; pass++) {
                    for (int q = 0; q < r; q++) {
                        double dot = 0;
                        for (int i = 0; i < n; i++) {
                            dot += kept[q][i] * col[i];
                        }
                        for (int i = 0; i < n; i++) {
                            col[i] -= dot * kept[q][i];
                        }
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += col[i] * col[i];
                }
                norm = Math.sqrt(norm);
                if (norm > relTol * norm0) {
                    kept[r] = new double[n];
                    for (int i = 0; i < n; i++) {
                        kept[r][i] = col[i] / norm;
                    }
                    r++;
                }
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, r);
        for (int q = 0; q < r; q++) {
            for (int i = 0; i < n; i++) {
                out.data[i * r + q] = kept[q][i];
            }
        }
        return out;
    }

    /** The first {@code k} columns of {@code m} (n×k, a copy). */
    public static DMatrixRMaj leadingColumns(DMatrixRMaj m, int k) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, k);
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, out.data, i * k, k);
        }
        return out;
    }

    /**
     * The largest principal angle (radians) between span(A) and span(B), A n×p and B n×q with orthonormal columns:
     * with q ≤ p (the roles are swapped otherwise), θ_max = atan2(‖(I − AAᵀ)B‖₂, σ_min(AᵀB)). The sine comes from the
     * residual, so angles near 0 are accurate to rounding (arccos alone saturates at ≈1.5e-8, docs/science.md §6 pitfall 3),
     * and the cosine keeps angles near π/2 accurate.
     */
    public static double largestPrincipalAngleRad(DMatrixRMaj a, DMatrixRMaj b, LinAlg linAlg) {
        if (b.numCols > a.numCols) {
            DMatrixRMaj t = a;
            a = b;
            b = t;
        }
        if (b.numCols == 0) {
            return 0.0;
        }
        DMatrixRMaj atb = new DMatrixRMaj(a.numCols, b.numCols);
        linAlg.gemm(true, false, 1.0, a, b, 0.0, atb);
        DMatrixRMaj residual = b.copy();
        linAlg.gemm(false, false, -1.0, a, atb, 1.0, residual); // (I − AAᵀ)B
        double sin = linAlg.singularValues(residual)[0];
        double[] cos = linAlg.singularValues(atb);
        return Math.atan2(sin, cos[cos.length - 1]);
    }
}
