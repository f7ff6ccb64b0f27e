package org.parsimonylab.checkpoints;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;
import org.parsimonylab.engine.linalg.Svd;

/**
 * The top k singular triplets of a large matrix by a randomized range finder with power iterations (Halko, Martinsson,
 * Tropp 2011, Alg. 4.4 and 5.1): Q = orth((AAᵀ)^q·A·Ω) with a Gaussian Ω (n×(k+p)), then the SVD of the small
 * B = QᵀA gives A ≈ (Q·U_B)·S·V_Bᵀ. Its accuracy is measured, not assumed: {@link Result#residuals} holds
 * ‖A·v_i − σ_i·u_i‖₂ / σ_1 for each triplet returned, i.e. ‖(I − QQᵀ)A·v_i‖/σ_1. Ω comes from a fixed seed,
 * so results are reproducible. Costs O(m·n·(k+p)·(2q+2)) instead of the O(m·n·min(m,n)) of a full SVD.
 */
public final class TopSvd {
    private final int oversampling;
    private final int powerIterations;
    private final long seed;

    /**
     * The triplets found.
     *
     * @param s the top singular values, descending (length k)
     * @param u left singular vectors, m×k (null when only values were asked)
     * @param v right singular vectors, n×k (null when only values were asked)
     * @param residuals ‖A·v_i − σ_i·u_i‖₂ / σ_1 for each i (0 for the zero matrix)
     */
    public record Result(double[] s, DMatrixRMaj u, DMatrixRMaj v, double[] residuals) {}

    /** A decomposer with {@code oversampling} extra columns p and {@code powerIterations} power steps q. */
    public TopSvd(int oversampling, int powerIterations, long seed) {
        this.oversampling = oversampling;
        this.powerIterations = powerIterations;
        this.seed = seed;
    }

    /** The top {@code k} singular triplets of A (m×n, not modified), k ≤ min(m, n). */
    public Result compute(DMatrixRMaj a, int k, LinAlg la) {
        int m = a.numRows;
        int n = a.numCols;
        int width = Math.min(Math.min(m, n), k + oversampling);
        k = Math.min(k, width);
        RandomGenerator rng = Rng.stream(seed, "checkpoint-top-svd");
        DMatrixRMaj omega = Orthogonal.gaussian(n, width, rng);
        DMatrixRMaj y = new DMatrixRMaj(m, width);
        la.mult(a, omega, y);
        Svd work = new Svd();
        DMatrixRMaj q = orthonormal(y, la, work);
        DMatrixRMaj z = new DMatrixRMaj(n, width);
        for (int it = 0; it < powerIterations; it++) {
            la.gemm(true, false, 1.0, a, q, 0.0, z); // Aᵀ·Q, n×w
            DMatrixRMaj qz = orthonormal(z, la, work);
            la.mult(a, qz, y); // A·Qz, m×w
            q = orthonormal(y, la, work);
        }
        DMatrixRMaj b = new DMatrixRMaj(width, n);
        la.gemm(true, false, 1.0, q, a, 0.0, b); // QᵀA, w×n
        Svd small = new Svd();
        la.svd(b, LinAlg.SvdMode.THIN, small); // B = U_B S V_Bᵀ, U_B w×w, V_B n×w
        double[] s = new double[k];
        System.arraycopy(small.s, 0, s, 0, k);
        DMatrixRMaj ub = leading(small.u, k);
        DMatrixRMaj u = new DMatrixRMaj(m, k);
        la.mult(q, ub, u);
        DMatrixRMaj v = leading(small.v, k);
        DMatrixRMaj av = new DMatrixRMaj(m, k);
        la.mult(a, v, av);
        double[] residuals = new double[k];
        for (int j = 0; j < k; j++) {
            double r2 = 0;
            for (int i = 0; i < m; i++) {
                double e = av.data[i * k + j] - s[j] * u.data[i * k + j];
                r2 += e * e;
            }
            residuals[j] = s[0] == 0 ? 0 : Math.sqrt(r2) / s[0];
        }
        return new Result(s, u, v, residuals);
    }

    /** An orthonormal basis of the columns of y (m×w): the left singular vectors of its thin SVD. */
    private static DMatrixRMaj orthonormal(DMatrixRMaj y, LinAlg la, Svd work) {
        la.svd(y, LinAlg.SvdMode.THIN, work);
        return work.u.copy();
    }

    private static DMatrixRMaj leading(DMatrixRMaj m, int k) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, k);
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, out.data, i * k, k);
        }
        return out;
    }
}
