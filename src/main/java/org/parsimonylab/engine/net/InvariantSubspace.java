package org.parsimonylab.engine.net;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Svd;

/**
 * The 2r̂-dimensional right invariant subspace V_{1,1} of W1 computed from the first gradient G = ∇_{W1}ℓ at t = 0,
 * without knowledge of Φ (docs/science.md §1.5, the authors' {@code compute_factor} and {@code compute_factor_v3}). In the
 * whitened case both give an orthonormal basis of span(V_Φ, O_{L:1}ᵀU_Φ) and agree to rounding (target T8); under a
 * completion mask they differ (docs/science.md §8 open question 2).
 *
 * <p>Also the derived bases of the moving block of every layer, V_{l,1} = W_{l−1:1}(0)V_{1,1}/ε^{l−1} and U_{l,1} =
 * W_{l:1}(0)V_{1,1}/ε^l (docs/science.md §1.5, "explicit subspaces").
 */
public final class InvariantSubspace {
    private InvariantSubspace() {}

    /** V_{1,1} (n×2r̂, orthonormal columns) by {@code method}; G and W1(0) are width×n and are not modified. */
    public static DMatrixRMaj factor(FactorMethod method, DMatrixRMaj g, DMatrixRMaj w1, int rank, LinAlg linAlg) {
        return switch (method) {
            case V1 -> factorV1(g, w1, rank, linAlg);
            case V3 -> factorV3(g, w1, rank, linAlg);
        };
    }

    /**
     * ε = ‖W(0)‖_F/√min(m, n) of an m×n initial weight: an orthogonal init has min(m, n) singular values, all ε
     * (docs/science.md §1.3), so this is ε exactly for any shape. The authors' code divides by √width, which is ε only when
     * width ≤ d_in; for a wider W1 it would give ε·√(d_in/width).
     */
    public static double initScale(DMatrixRMaj w) {
        return NormOps_DDRM.normF(w) / Math.sqrt(Math.min(w.numRows, w.numCols));
    }

    /**
     * Refuses, with a one-line message naming the field, a network whose parsimony compression (docs/science.md §1.5) is
     * not the exact twin of the wide network. The construction needs every W_l(0) to map the moving block onto the
     * next one as ε_l times an isometry and back (W_l(0)ᵀW_l(0) = ε_l²I on it), which holds for an orthogonal init of
     * square layers: with width &gt; d_in or width &gt; d_out the end layer is short (orthonormal rows), the block
     * leaks into its null space and U_{L,1} = W_{L:1}(0)V_{1,1}/∏ε_l is not orthonormal; with width &lt; d_in or
     * d_out &gt; d_in the target's column space lies outside the block, so the frozen twin can never fit it. A frozen
     * W_L would also have to stay frozen in the twin.
     *
     * @param inputDim d_in, the rows of X (or the columns of Φ when X = I)
     * @param outputDim d_out, the rows of Y
     */
    public static void requireExactTwin(NetworkSpec network, int inputDim, int outputDim) {
        String why =
                " (docs/science.md §1.5: the parsimony twin is exact only for square layers with an orthogonal init"
                        + " and a trained last layer)";
        if (network.init().kind() != InitKind.ORTHOGONAL) {
            throw new IllegalArgumentException("network.init.kind must be orthogonal for compression 'parsimony' (got '"
                    + network.init().kind().label() + "')" + why);
        }
        boolean square = network.depth() == 1
                ? inputDim == outputDim
                : network.width() == inputDim && network.width() == outputDim;
        if (!square) {
            throw new IllegalArgumentException("network.width must equal the input and output dimensions for"
                    + " compression 'parsimony' (got width " + network.width() + ", input " + inputDim + ", output "
                    + outputDim + ")" + why);
        }
        if (!network.trainLast()) {
            throw new IllegalArgumentException("network.trainLast must be true for compression 'parsimony'" + why);
        }
    }

    /**
     * {@code compute_factor} (v1): with (U_G, V_G) the full SVD of G (d×d), Va = W1(0)ᵀU_G[:, r̂:]/ε and Vb =
     * V_G[:, r̂:]; the null space N of [Va, −Vb] (d×2(d−r̂)) gives the intersection V0 = Va·N[:d−r̂] (d×(d−2r̂)) of
     * the two complements, and V_{1,1} is the orthogonal complement of span(V0): the last 2r̂ left singular vectors
     * of V0, in reversed order as the code's {@code V[:, ::-1][:, :2r̂]}. Needs a square W1.
     */
    public static DMatrixRMaj factorV1(DMatrixRMaj g, DMatrixRMaj w1, int rank, LinAlg linAlg) {
        int d = w1.numCols;
        if (w1.numRows != d) {
            throw new IllegalArgumentException(
                    "compute_factor v1 needs a square W1 (got " + w1.numRows + "x" + d + "); use factor v3");
        }
        checkRank(rank, d);
        if (2 * rank == d) {
            return CommonOps_DDRM.identity(d); // the two complements meet in {0}: the whole space
        }
        double eps = initScale(w1);
        Svd svdG = new Svd();
        linAlg.svd(g, LinAlg.SvdMode.FULL, svdG);
        int rest = d - rank;
        DMatrixRMaj ugRest = new DMatrixRMaj(d, rest);
        CommonOps_DDRM.extract(svdG.u, 0, d, rank, d, ugRest, 0, 0);
        DMatrixRMaj stacked = new DMatrixRMaj(d, 2 * rest); // [Va, −Vb]
        DMatrixRMaj va = new DMatrixRMaj(d, rest);
        linAlg.gemm(true, false, 1.0 / eps, w1, ugRest, 0.0, va);
        CommonOps_DDRM.insert(va, stacked, 0, 0);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < rest; j++) {
                stacked.set(i, rest + j, -svdG.v.get(i, rank + j));
            }
        }
        Svd svdS = new Svd();
        linAlg.svd(stacked, LinAlg.SvdMode.FULL, svdS); // V is 2(d−r̂) × 2(d−r̂)
        int nullity = d - 2 * rank;
        DMatrixRMaj n = new DMatrixRMaj(rest, nullity); // rows 0:(d−r̂), columns d: of the right vectors
        CommonOps_DDRM.extract(svdS.v, 0, rest, d, 2 * rest, n, 0, 0);
        DMatrixRMaj v0 = new DMatrixRMaj(d, nullity);
        linAlg.mult(va, n, v0);
        Svd svdV0 = new Svd();
        linAlg.svd(v0, LinAlg.SvdMode.FULL, svdV0); // U is d×d; its last 2r̂ columns span the complement
        int k = 2 * rank;
        DMatrixRMaj out = new DMatrixRMaj(d, k);
        for (int j = 0; j < k; j++) {
            int src = d - 1 - j; // reversed, as the code's V[:, ::-1]
            for (int i = 0; i < d; i++) {
                out.set(i, j, svdV0.u.get(i, src));
            }
        }
        return out;
    }

    /**
     * {@code compute_factor_v3}: the top-2r̂ right singular vectors of the stacked (width+n)×n matrix [G; GᵀW1(0)].
     */
    public static DMatrixRMaj factorV3(DMatrixRMaj g, DMatrixRMaj w1, int rank, LinAlg linAlg) {
        int m = g.numRows;
        int n = g.numCols;
        checkRank(rank, n);
        DMatrixRMaj stacked = new DMatrixRMaj(m + n, n);
        CommonOps_DDRM.insert(g, stacked, 0, 0);
        DMatrixRMaj gtw = new DMatrixRMaj(n, n);
        linAlg.gemm(true, false, 1.0, g, w1, 0.0, gtw);
        CommonOps_DDRM.insert(gtw, stacked, m, 0);
        Svd svd = new Svd();
        linAlg.svd(stacked, LinAlg.SvdMode.THIN, svd);
        DMatrixRMaj out = new DMatrixRMaj(n, 2 * rank);
        CommonOps_DDRM.extract(svd.v, 0, n, 0, 2 * rank, out, 0, 0);
        return out;
    }

    /**
     * The moving-block bases of every layer from the initial weights W_l(0) (W_l is {@code w0[l-1]}) and V_{1,1}:
     * element [l−1] = {V_{l,1}, U_{l,1}} with V_{l,1} = W_{l−1:1}(0)V_{1,1} and U_{l,1} = W_{l:1}(0)V_{1,1},
     * each re-orthonormalised (the division by ε^l of docs/science.md §1.5 for orthogonal init, a QR in general).
     */
    public static DMatrixRMaj[][] layerBlocks(DMatrixRMaj[] w0, DMatrixRMaj v11, LinAlg linAlg) {
        DMatrixRMaj[][] out = new DMatrixRMaj[w0.length][];
        DMatrixRMaj right = v11;
        for (int l = 0; l < w0.length; l++) {
            DMatrixRMaj left = new DMatrixRMaj(w0[l].numRows, v11.numCols);
            linAlg.mult(w0[l], right, left);
            left = orthonormalize(left, linAlg);
            out[l] = new DMatrixRMaj[] {right, left};
            right = left;
        }
        return out;
    }

    /** An orthonormal basis of span(A) (m×k, k ≤ m, full column rank): the left singular vectors of A. */
    public static DMatrixRMaj orthonormalize(DMatrixRMaj a, LinAlg linAlg) {
        Svd svd = new Svd();
        linAlg.svd(a, LinAlg.SvdMode.THIN, svd);
        return svd.u.copy();
    }

    private static void checkRank(int rank, int d) {
        if (2 * rank > d) {
            throw new IllegalArgumentException(
                    "compression.rank must be <= d/2 = " + d / 2 + " for a 2r̂ block of W1 (got " + rank + ")");
        }
    }
}
