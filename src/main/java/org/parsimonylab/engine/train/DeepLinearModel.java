package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;

/**
 * Loss and gradients of a deep linear network f(X) = W_L⋯W_1·X (docs/science.md §1.2). Back-propagation keeps the layer
 * outputs H_l = W_l⋯W_1·X (prefix products) and pulls the output gradient G back through the suffix:
 * ∂ℓ/∂W_l = (W_L⋯W_{l+1})ᵀ·G·(W_{l−1}⋯W_1·X)ᵀ. With X = I (factorisation, completion) H_l are the prefix products
 * themselves and no product with X is formed.
 *
 * <p>Moment form (performance.md §4.1): for a squared loss without mask the data enter only through XXᵀ and YXᵀ.
 * Writing X = L·Q with Q (d×N) orthonormal rows (thin QR of Xᵀ), ‖PX − Y‖² = ‖P·L − Y·Qᵀ‖² + ‖Y − Y·QᵀQ‖², so the
 * same back-propagation on (L, Y·Qᵀ) with d columns gives exactly the gradient on (X, Y) while costing d instead of N
 * per product; unlike forming XXᵀ it keeps the loss exact down to tiny values.
 *
 * <p>All workspaces are allocated in the constructor; {@link #evaluate} allocates nothing.
 */
public final class DeepLinearModel implements Model {
    private final LinAlg linAlg;
    private final DMatrixRMaj[] w;
    private final DMatrixRMaj[] grad;
    private final DMatrixRMaj x; // effective input (d×n), null for the identity
    private final DMatrixRMaj y; // effective target (K×n)
    private final DMatrixRMaj mask; // null when all observed
    private final LossKind loss;
    private final double scale; // c in loss = ½·c·‖mask∘R‖²
    private final double lossOffset; // ½·c·‖Y − YQᵀQ‖² in the moment form
    private final DMatrixRMaj[] h; // h[l] = W_l⋯W_1·X, l = 1..L (h[1] aliases W_1 when X = I)
    private final DMatrixRMaj[] g; // g[l] = ∂ℓ/∂h[l]
    private final double[] lrScales;
    private final GradientForm formUsed;

    /**
     * A model training {@code weights} (modified in place by the optimizer; W_l is {@code weights[l-1]}) on
     * {@code data}.
     *
     * @param outerScale γ for the first and last layer (docs/science.md §1.4)
     * @param trainLast false freezes W_L
     */
    public DeepLinearModel(
            DMatrixRMaj[] weights,
            Dataset data,
            LossKind loss,
            GradientForm form,
            double outerScale,
            boolean trainLast,
            LinAlg linAlg) {
        this.linAlg = linAlg;
        this.w = weights;
        this.loss = loss;
        int depth = weights.length;
        int outputs = data.outputDim();
        int samples = data.sampleCount();
        if (weights[0].numCols != data.inputDim() || weights[depth - 1].numRows != outputs) {
            throw new IllegalArgumentException("network shape does not fit the data: W1 has " + weights[0].numCols
                    + " columns for inputs of dimension " + data.inputDim() + ", W_L has " + weights[depth - 1].numRows
                    + " rows for outputs of dimension " + outputs);
        }
        if (loss == LossKind.CROSS_ENTROPY && data.mask() != null) {
            throw new IllegalArgumentException("loss cross-entropy cannot be used with a completion mask");
        }
        this.scale = ModelFactory.lossScale(loss, data);
        boolean squared = loss != LossKind.CROSS_ENTROPY;
        boolean momentPossible = squared && data.mask() == null && data.x() != null;
        this.formUsed = switch (form) {
            case PER_SAMPLE -> GradientForm.PER_SAMPLE;
            case MOMENT -> momentPossible ? GradientForm.MOMENT : GradientForm.PER_SAMPLE;
            case AUTO -> momentPossible && samples > data.inputDim() ? GradientForm.MOMENT : GradientForm.PER_SAMPLE;
        };
        this.mask = data.mask();
        if (formUsed == GradientForm.MOMENT) {
            DMatrixRMaj[] reduced = reduce(data.x(), data.y());
            this.x = reduced[0];
            this.y = reduced[1];
            this.lossOffset = 0.5 * scale * reduced[2].get(0, 0);
        } else {
            this.x = data.x();
            this.y = data.y();
            this.lossOffset = 0.0;
        }
        int n = y.numCols;
        this.h = new DMatrixRMaj[depth + 1];
        this.g = new DMatrixRMaj[depth + 1];
        this.grad = new DMatrixRMaj[depth];
        h[0] = x;
        for (int l = 1; l <= depth; l++) {
            h[l] = (l == 1 && x == null) ? w[0] : new DMatrixRMaj(w[l - 1].numRows, n);
            g[l] = new DMatrixRMaj(w[l - 1].numRows, n);
            grad[l - 1] = new DMatrixRMaj(w[l - 1].numRows, w[l - 1].numCols);
        }
        this.lrScales = LayerRates.all(depth, outerScale, trainLast);
    }

    /** Thin QR of Xᵀ = Q_r·R: returns {L = Rᵀ (d×d), Ỹ = Y·Q_r (K×d), ‖Y − Ỹ·Q_rᵀ‖² as 1×1}. */
    private static DMatrixRMaj[] reduce(DMatrixRMaj x, DMatrixRMaj y) {
        int d = x.numRows;
        int n = x.numCols;
        DMatrixRMaj xt = CommonOps_DDRM.transpose(x, null);
        org.parsimonylab.engine.linalg.NonFiniteException.check(xt, "the QR of the inputs");
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, d);
        // EJML reports a column of zeros (a feature that is 0 for every sample, e.g. a corner pixel of the digits)
        // as a failure, yet its Householder QR is still exact there: that reflector is the identity and R has a
        // zero on its diagonal. With finite inputs the factors are valid, so the flag is not an error.
        qr.decompose(xt);
        DMatrixRMaj q = qr.getQ(null, true); // N x d
        DMatrixRMaj r = qr.getR(null, true); // d x d
        DMatrixRMaj lower = CommonOps_DDRM.transpose(r, null);
        DMatrixRMaj yq = new DMatrixRMaj(y.numRows, d);
        CommonOps_DDRM.mult(y, q, yq);
        DMatrixRMaj back = new DMatrixRMaj(y.numRows, n);
        CommonOps_DDRM.multTransB(yq, q, back);
        double rest = 0;
        for (int i = 0; i < back.data.length; i++) {
            double e = y.data[i] - back.data[i];
            rest += e * e;
        }
        DMatrixRMaj restM = new DMatrixRMaj(1, 1);
        restM.set(0, 0, rest);
        return new DMatrixRMaj[] {lower, yq, restM};
    }

    /** Which gradient form this model uses. */
    public GradientForm gradientForm() {
        return formUsed;
    }

    @Override
    public double flopsPerStep() {
        double n = y.numCols;
        double flops = 0;
        for (int l = 1; l <= w.length; l++) {
            double product = 2.0 * w[l - 1].numRows * w[l - 1].numCols * n;
            boolean firstWithIdentity = l == 1 && x == null;
            flops += firstWithIdentity ? 0 : 2 * product; // forward and weight gradient
            flops += l > 1 ? product : 0; // back-propagation
        }
        return flops;
    }

    @Override
    public DMatrixRMaj[] parameters() {
        return w;
    }

    @Override
    public DMatrixRMaj[] gradients() {
        return grad;
    }

    @Override
    public double[] learningRateScales() {
        return lrScales;
    }

    /** The network output W_L⋯W_1·X of the last evaluation (on the reduced data in the moment form). */
    public DMatrixRMaj output() {
        return h[w.length];
    }

    @Override
    public double evaluate(boolean withGradient) {
        int depth = w.length;
        for (int l = (x == null ? 2 : 1); l <= depth; l++) {
            linAlg.mult(w[l - 1], h[l - 1], h[l]);
        }
        double value = loss == LossKind.CROSS_ENTROPY ? crossEntropy(h[depth], g[depth]) : squared(h[depth], g[depth]);
        if (!withGradient) {
            return value;
        }
        for (int l = depth; l >= 1; l--) {
            if (lrScales[l - 1] != 0.0) {
                if (l == 1 && x == null) {
                    grad[0].setTo(g[1]);
                } else {
                    linAlg.gemm(false, true, 1.0, g[l], h[l - 1], 0.0, grad[l - 1]);
                }
            }
            if (l > 1) {
                linAlg.gemm(true, false, 1.0, w[l - 1], g[l], 0.0, g[l - 1]);
            }
        }
        return value;
    }

    /** ½·c·‖mask∘(out − Y)‖² (+ the moment-form constant); writes c·mask∘(out − Y) into {@code gOut}. */
    private double squared(DMatrixRMaj out, DMatrixRMaj gOut) {
        double[] m = mask == null ? null : mask.data;
        return 0.5 * scale * OutputLoss.squaredSum(out.data, y.data, m, out.getNumElements(), scale, gOut.data)
                + lossOffset;
    }

    /** −(1/N)·Σ Y∘log softmax(out) with softmax over each column; writes (softmax − Y)/N into {@code gOut}. */
    private double crossEntropy(DMatrixRMaj out, DMatrixRMaj gOut) {
        return scale * OutputLoss.crossEntropySum(out, y, out.numCols, scale, gOut);
    }
}
