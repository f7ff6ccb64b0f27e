package org.parsimonylab.checkpoints;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.RandomizedSvd;

/**
 * The top k singular triplets of a large matrix by the engine's randomized range finder with power iterations
 * ({@link RandomizedSvd#topTriplets}; Halko, Martinsson, Tropp 2011, Alg. 4.4 and 5.1): Q = orth((AAᵀ)^q·A·Ω) with a
 * Gaussian Ω (n×(k+p)), then the SVD of the small B = QᵀA gives A ≈ (Q·U_B)·S·V_Bᵀ. Its accuracy is measured, not
 * assumed: {@link Result#residuals} holds ‖A·v_i − σ_i·u_i‖₂ / σ_1 for each triplet returned, i.e.
 * ‖(I − QQᵀ)A·v_i‖/σ_1. Ω comes from a fixed seed, so results are reproducible. Costs O(m·n·(k+p)·(2q+2)) instead
 * of the O(m·n·min(m,n)) of a full SVD.
 */
public final class TopSvd {
    private final RandomizedSvd randomized;

    /**
     * The triplets found.
     *
     * @param s the top singular values, descending (length k)
     * @param u left singular vectors, m×k
     * @param v right singular vectors, n×k
     * @param residuals ‖A·v_i − σ_i·u_i‖₂ / σ_1 for each i (0 for the zero matrix)
     */
    public record Result(double[] s, DMatrixRMaj u, DMatrixRMaj v, double[] residuals) {}

    /** A decomposer with {@code oversampling} extra columns p and {@code powerIterations} power steps q. */
    public TopSvd(int oversampling, int powerIterations, long seed) {
        this.randomized = new RandomizedSvd(oversampling, powerIterations, seed);
    }

    /** The top {@code k} singular triplets of A (m×n, not modified), k ≤ min(m, n), with their residuals. */
    public Result compute(DMatrixRMaj a, int k, LinAlg la) {
        RandomizedSvd.Triplets t = randomized.topTriplets(a, k, la);
        double[] s = t.s();
        k = s.length;
        int m = a.numRows;
        DMatrixRMaj av = new DMatrixRMaj(m, k);
        la.mult(a, t.v(), av);
        double[] residuals = new double[k];
        for (int j = 0; j < k; j++) {
            double r2 = 0;
            for (int i = 0; i < m; i++) {
                double e = av.data[i * k + j] - s[j] * t.u().data[i * k + j];
                r2 += e * e;
            }
            residuals[j] = s[0] == 0 ? 0 : Math.sqrt(r2) / s[0];
        }
        return new Result(s, t.u(), t.v(), residuals);
    }
}
