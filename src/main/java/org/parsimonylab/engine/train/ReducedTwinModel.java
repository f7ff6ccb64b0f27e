package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;

/**
 * The compressed network of docs/science.md §1.5 with frozen outer factors (γ = 0), trained in its exact k×k reduction,
 * k = 2r̂. Its end-to-end matrix is U·W̃_L⋯W̃_1·Vᵀ with U = U_{L,1} (d_out×k) and V = V_{1,1} (d_in×k) orthonormal and
 * fixed. For squared loss without mask and with X = I or whitened X (XXᵀ = I),
 *
 * <pre>  ½c‖U·P·VᵀX − Y‖²_F = ½c‖P − Φ̃‖²_F + ½c·κ,   Φ̃ = Uᵀ(YXᵀ)V (k×k),   κ = ‖Y − UΦ̃VᵀX‖²_F,</pre>
 *
 * because ‖AX‖ = ‖A‖ and ⟨AX, Y⟩ = ⟨A, YXᵀ⟩ when XXᵀ = I and U, V have orthonormal columns (the same invariance as
 * {@link DeepLinearModel}'s moment form). So the trainable factors W̃_1…W̃_L see exactly the gradients the L+2-factor
 * network gives them, and a step costs (6L−4)·k³ flop instead of O(d²·k) (performance.md §4.1 compressed step).
 * κ is computed once, directly, so it stays non-negative and accurate.
 *
 * <p>Parameters are the L inner k×k factors; the loss is reported in the caller's convention (scale c).
 */
public final class ReducedTwinModel implements Model, EndToEndMap {
    private final DeepLinearModel inner;
    private final double scale;
    private final double offset;
    private final DMatrixRMaj u;
    private final DMatrixRMaj v;
    private final LinAlg linAlg;
    private final DMatrixRMaj product;
    private final DMatrixRMaj left;

    /**
     * @param factors the L inner factors W̃_1…W̃_L (k×k), trained in place
     * @param u U_{L,1} (d_out×k, orthonormal columns), frozen
     * @param v V_{1,1} (d_in×k, orthonormal columns), frozen
     * @param phiTilde Φ̃ = Uᵀ(YXᵀ)V (k×k), the target of the reduced factorisation
     * @param kappa ‖Y − UΦ̃VᵀX‖²_F, the part of the target the block can never fit
     * @param scale c of the loss convention (half-mean: 1/(d_out·N))
     * @param original the full data set (its spec labels the reduced one)
     * @param linAlg the trainer thread's backend; the k×k products go through it (JNI beats plain loops at k = 10)
     */
    ReducedTwinModel(
            DMatrixRMaj[] factors,
            DMatrixRMaj u,
            DMatrixRMaj v,
            DMatrixRMaj phiTilde,
            double kappa,
            double scale,
            Dataset original,
            LinAlg linAlg) {
        int k = u.numCols;
        Dataset reduced = new Dataset(original.spec(), null, k, phiTilde, null, null, phiTilde);
        this.inner =
                new DeepLinearModel(factors, reduced, LossKind.HALF_SUM, GradientForm.PER_SAMPLE, 1.0, true, linAlg);
        this.scale = scale;
        this.offset = 0.5 * scale * kappa;
        this.u = u;
        this.v = v;
        this.linAlg = linAlg;
        this.product = new DMatrixRMaj(k, k);
        this.left = new DMatrixRMaj(u.numRows, k);
    }

    @Override
    public DMatrixRMaj[] parameters() {
        return inner.parameters();
    }

    @Override
    public DMatrixRMaj[] gradients() {
        return inner.gradients();
    }

    @Override
    public double evaluate(boolean withGradient) {
        double half = inner.evaluate(withGradient);
        if (withGradient) {
            for (DMatrixRMaj g : inner.gradients()) {
                double[] data = g.data;
                int size = g.getNumElements();
                for (int i = 0; i < size; i++) {
                    data[i] *= scale;
                }
            }
        }
        return scale * half + offset;
    }

    @Override
    public double[] learningRateScales() {
        return inner.learningRateScales();
    }

    @Override
    public double flopsPerStep() {
        return inner.flopsPerStep();
    }

    /** The frozen left factor U_{L,1} (d_out×k); not to be modified. */
    public DMatrixRMaj leftFactor() {
        return u;
    }

    /** The frozen right factor V_{1,1} (d_in×k); not to be modified. */
    public DMatrixRMaj rightFactor() {
        return v;
    }

    /** U·W̃_L⋯W̃_1·Vᵀ: O(d²k) work, for probes only. */
    @Override
    public DMatrixRMaj endToEnd(DMatrixRMaj out) {
        DMatrixRMaj[] w = inner.parameters();
        product.setTo(w[0]);
        DMatrixRMaj tmp = new DMatrixRMaj(product.numRows, product.numCols);
        for (int l = 1; l < w.length; l++) {
            linAlg.mult(w[l], product, tmp);
            product.setTo(tmp);
        }
        linAlg.mult(u, product, left);
        out.reshape(u.numRows, v.numRows);
        linAlg.gemm(false, true, 1.0, left, v, 0.0, out);
        return out;
    }
}
