package org.parsimonylab.engine.linalg;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Top-k singular values by a randomized range finder (Halko, Martinsson, Tropp 2011, Alg. 4.4): Y = A·Ω with a
 * Gaussian Ω (n×(k+p)), q power iterations with QR re-orthonormalisation, then the SVD of the small B = QᵀA. About
 * 10x cheaper than a full SVD at n = 500 (performance.md §3.3). Ω comes from a fixed seed, so results are
 * reproducible.
 */
public final class RandomizedSvd {
    private final int oversampling;
    private final int powerIterations;
    private final long seed;

    /** A decomposer with {@code oversampling} extra columns and {@code powerIterations} power steps. */
    public RandomizedSvd(int oversampling, int powerIterations, long seed) {
        this.oversampling = oversampling;
        this.powerIterations = powerIterations;
        this.seed = seed;
    }

    /** The largest {@code k} singular values of A (m×n), descending; exact when k + p ≥ min(m, n). */
    public double[] topValues(DMatrixRMaj a, int k, LinAlg linAlg) {
        int m = a.numRows;
        int n = a.numCols;
        int width = Math.min(Math.min(m, n), k + oversampling);
        k = Math.min(k, width);
        RandomGenerator rng = Rng.stream(seed, "randomized-svd");
        DMatrixRMaj omega = Orthogonal.gaussian(n, width, rng);
        DMatrixRMaj y = new DMatrixRMaj(m, width);
        linAlg.mult(a, omega, y);
        DMatrixRMaj q = orthonormalize(y);
        DMatrixRMaj z = new DMatrixRMaj(n, width);
        for (int it = 0; it < powerIterations; it++) {
            linAlg.gemm(true, false, 1.0, a, q, 0.0, z);
            DMatrixRMaj qz = orthonormalize(z);
            linAlg.mult(a, qz, y);
            q = orthonormalize(y);
        }
        DMatrixRMaj b = new DMatrixRMaj(width, n);
        linAlg.gemm(true, false, 1.0, q, a, 0.0, b);
        double[] s = linAlg.singularValues(b);
        double[] top = new double[k];
        System.arraycopy(s, 0, top, 0, k);
        return top;
    }

    private static DMatrixRMaj orthonormalize(DMatrixRMaj y) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(y.numRows, y.numCols);
        DMatrixRMaj copy = y.copy();
        NonFiniteException.check(copy, "the QR of the randomized SVD");
        if (!qr.decompose(copy)) {
            throw new ArithmeticException("QR failed in the randomized SVD");
        }
        return qr.getQ(null, true);
    }
}
