package org.parsimonylab.engine.linalg;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Top-k singular values by a randomized range finder (Halko, Martinsson, Tropp 2011, Alg. 4.4): Y = A·Ω with a
 * Gaussian Ω (n×(k+p)), q power iterations with QR re-orthonormalisation, then the SVD of the small B = QᵀA for the
 * top values ({@link #topValues}) or triplets ({@link #topTriplets}, which the checkpoint analysis builds on). About
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

    /**
     * The top singular triplets found: A·v_i ≈ σ_i·u_i.
     *
     * @param s the top singular values, descending (length k)
     * @param u left singular vectors, m×k, orthonormal columns
     * @param v right singular vectors, n×k, orthonormal columns
     */
    public record Triplets(double[] s, DMatrixRMaj u, DMatrixRMaj v) {}

    /** The largest {@code k} singular values of A (m×n), descending; exact when k + p ≥ min(m, n). */
    public double[] topValues(DMatrixRMaj a, int k, LinAlg linAlg) {
        int width = width(a, k);
        k = Math.min(k, width);
        DMatrixRMaj b = projected(a, width, linAlg);
        double[] s = linAlg.singularValues(b);
        double[] top = new double[k];
        System.arraycopy(s, 0, top, 0, k);
        return top;
    }

    /**
     * The largest {@code k} singular triplets of A (m×n, not modified): with B = QᵀA = U_B·S·V_Bᵀ, u = Q·U_B and
     * v = V_B, restricted to the first k columns. Exact when k + p ≥ min(m, n); the error of each triplet is
     * ‖(I − QQᵀ)A·v_i‖, which callers that need a stated accuracy measure.
     */
    public Triplets topTriplets(DMatrixRMaj a, int k, LinAlg linAlg) {
        int width = width(a, k);
        k = Math.min(k, width);
        DMatrixRMaj q = range(a, width, linAlg);
        DMatrixRMaj b = new DMatrixRMaj(width, a.numCols);
        linAlg.gemm(true, false, 1.0, q, a, 0.0, b); // QᵀA, w×n
        Svd small = new Svd();
        linAlg.svd(b, LinAlg.SvdMode.THIN, small); // U_B w×w, V_B n×w
        double[] s = new double[k];
        System.arraycopy(small.s, 0, s, 0, k);
        DMatrixRMaj u = new DMatrixRMaj(a.numRows, k);
        linAlg.mult(q, Subspaces.leadingColumns(small.u, k), u);
        return new Triplets(s, u, Subspaces.leadingColumns(small.v, k));
    }

    private int width(DMatrixRMaj a, int k) {
        return Math.min(Math.min(a.numRows, a.numCols), k + oversampling);
    }

    /** B = QᵀA (width×n) for the range Q of A found by {@link #range}. */
    private DMatrixRMaj projected(DMatrixRMaj a, int width, LinAlg linAlg) {
        DMatrixRMaj q = range(a, width, linAlg);
        DMatrixRMaj b = new DMatrixRMaj(width, a.numCols);
        linAlg.gemm(true, false, 1.0, q, a, 0.0, b);
        return b;
    }

    /** An orthonormal basis Q (m×width) of the range of (AAᵀ)^q·A·Ω, Ω Gaussian n×width from the fixed seed. */
    private DMatrixRMaj range(DMatrixRMaj a, int width, LinAlg linAlg) {
        int m = a.numRows;
        int n = a.numCols;
        RandomGenerator rng = Rng.stream(seed, "randomized-svd");
        DMatrixRMaj omega = Orthogonal.gaussian(n, width, rng);
        DMatrixRMaj y = new DMatrixRMaj(m, width);
        linAlg.mult(a, omega, y);
        DMatrixRMaj q = orthonormalize(y);
        DMatrixRMaj z = new DMatrixRMaj(n, width);
        for (int it = 0; it < powerIterations; it++) {
            linAlg.gemm(true, false, 1.0, a, q, 0.0, z); // Aᵀ·Q, n×w
            DMatrixRMaj qz = orthonormalize(z);
            linAlg.mult(a, qz, y); // A·Qz, m×w
            q = orthonormalize(y);
        }
        return q;
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
