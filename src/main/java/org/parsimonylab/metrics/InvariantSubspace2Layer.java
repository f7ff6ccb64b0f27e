package org.parsimonylab.metrics;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Subspaces;
import org.parsimonylab.engine.linalg.Svd;
import org.parsimonylab.engine.net.BigSubspace;

/**
 * The measurements of the two-layer invariant-subspace picture of paper 2 (docs/science.md §3.2, §3.3 [REC], §3.5): for
 * f(X) = W2·φ(W1·X) with W2 fixed, the update ΔW1(t) = W1(t) − W1(0) stays (for smooth φ) inside U_big × V_big, the
 * 2K-dimensional pair built from W1(0) and the first gradient G0 ({@link BigSubspace}). Pure functions: nothing given
 * is modified.
 */
public final class InvariantSubspace2Layer {
    /** Relative change beyond which a singular value counts as moved (docs/science.md §3.3 table: 1 %). */
    public static final double MOVED_REL_TOL = 0.01;

    /** Relative size below which a singular value of ΔW1 counts as zero when taking its rank. */
    public static final double RANK_REL_TOL = 1e-9;

    private InvariantSubspace2Layer() {}

    /**
     * U_big (m×2K) and V_big (d×2K) of docs/science.md §3.3: V_big = orth[V_G[:, :K], W1(0)ᵀU_G[:, :K]/ε], U_big =
     * orth[U_G[:, :K], W1(0)V_G[:, :K]/ε] for W1(0) (m×d) and G0 = ∇_{W1}ℓ at t = 0 (m×d).
     */
    public static BigSubspace bigSubspaces(DMatrixRMaj w1Init, DMatrixRMaj g0, int outputs, LinAlg linAlg) {
        return BigSubspace.of(w1Init, g0, 2 * outputs, linAlg);
    }

    /** ΔW = W(t) − W(0) (a new matrix, same shape). */
    public static DMatrixRMaj delta(DMatrixRMaj now, DMatrixRMaj init) {
        DMatrixRMaj d = now.copy();
        for (int i = 0; i < d.getNumElements(); i++) {
            d.data[i] -= init.data[i];
        }
        return d;
    }

    /**
     * Energy share of ΔW (m×d) inside the block: ‖U_bigᵀ·ΔW·V_big‖_F² / ‖ΔW‖_F², in [0, 1]; NaN while ΔW = 0.
     */
    public static double energyFraction(DMatrixRMaj deltaW, BigSubspace big, LinAlg linAlg) {
        DMatrixRMaj dv = new DMatrixRMaj(deltaW.numRows, big.right().numCols);
        linAlg.mult(deltaW, big.right(), dv);
        DMatrixRMaj block = new DMatrixRMaj(big.left().numCols, big.right().numCols);
        linAlg.gemm(true, false, 1.0, big.left(), dv, 0.0, block);
        double total = squaredNorm(deltaW);
        return total == 0 ? Double.NaN : squaredNorm(block) / total;
    }

    /**
     * How many singular values moved by more than {@code relTol} from their initial values, index by index of the
     * descending lists: |σ_i(t) − σ_i(0)| &gt; relTol·σ_i(0) (for σ_i(0) = 0 any change above relTol counts).
     */
    public static int movedSingularValues(double[] initial, double[] now, double relTol) {
        int n = Math.min(initial.length, now.length);
        int moved = 0;
        for (int i = 0; i < n; i++) {
            double ref = initial[i] > 0 ? initial[i] : 1.0;
            if (Math.abs(now[i] - initial[i]) > relTol * ref) {
                moved++;
            }
        }
        return moved;
    }

    /**
     * The largest principal angle (radians) between the top-r right singular subspace of ΔW (m×d) and V_big, with r =
     * min(numerical rank of ΔW, K), K = dim V_big / 2 (docs/science.md §3.5: the top-K vectors; for linear φ ΔW has rank K,
     * so further singular vectors would be arbitrary null directions). The angle is atan2(sin, cos) with sin from the
     * SVD of (I − AAᵀ)B (docs/science.md §7). 0 while ΔW = 0.
     */
    public static double largestAngleRad(DMatrixRMaj deltaW, BigSubspace big, LinAlg linAlg) {
        Svd svd = new Svd();
        linAlg.svd(deltaW, LinAlg.SvdMode.THIN, svd);
        if (svd.s.length == 0 || svd.s[0] == 0) {
            return 0.0;
        }
        int rank = 0;
        while (rank < svd.s.length && svd.s[rank] > RANK_REL_TOL * svd.s[0]) {
            rank++;
        }
        int r = Math.min(rank, Math.max(1, big.dim() / 2));
        DMatrixRMaj top = Subspaces.leadingColumns(svd.v, r);
        return Subspaces.largestPrincipalAngleRad(big.right(), top, linAlg);
    }

    private static double squaredNorm(DMatrixRMaj m) {
        double sum = 0;
        int size = m.getNumElements();
        for (int i = 0; i < size; i++) {
            sum += m.data[i] * m.data[i];
        }
        return sum;
    }
}
