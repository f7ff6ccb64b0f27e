package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;
import org.parsimonylab.engine.linalg.Subspaces;
import org.parsimonylab.engine.net.BigSubspace;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.Initializer;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;

/**
 * The low-rank MLP of paper 2 §5 (Eq. 10). The paper's text was not available, so this is a reconstruction [REC] of
 * docs/science.md §3.4: every weight except the last is W_l = U_l·S_l·V_lᵀ of rank k, with U_l (out×k), S_l (k×k) and V_l
 * (in×k) all trainable (not a frozen LoRA base); the last layer W_L (K×width, rank ≤ K already) and the biases stay
 * dense.
 *
 * <p>Gradients follow from the full-weight gradient ∂W_l of the same MLP by the chain rule: ∂U = ∂W·V·Sᵀ,
 * ∂S = Uᵀ·∂W·V, ∂V = ∂Wᵀ·U·S. The dense W_l are rebuilt from the factors before every evaluation into workspaces
 * of an inner {@link MlpModel}, which does the forward and backward pass (mini-batches included).
 *
 * <p>Initialisation, from the full MLP's W(0) of the same seed:
 *
 * <ul>
 *   <li>{@link CompressionKind#LOWRANK} (inside S_big): layer 1 takes the k-dimensional {@link BigSubspace} pair of
 *       W_1(0) and one full-batch first-layer gradient G_1(0) (V_1 = right, U_1 = left); the pair is then propagated
 *       forward as in a deep linear network (docs/science.md §1.5, T5): V_l = U_{l−1} and U_l = orth(W_l(0)·V_l). This
 *       propagation is my reading of "propagated to bases for the other layers".
 *   <li>{@link CompressionKind#LOWRANK_RANDOM}: U_l and V_l are the first k columns of independent Haar matrices
 *       (streams "lowrank.U{l}", "lowrank.V{l}").
 * </ul>
 *
 * In both cases S_l = U_lᵀ·W_l(0)·V_l, the part of W_l(0) inside the chosen block, so both start at the same scale.
 */
public final class LowRankMlpModel implements Model, Predictor, LayerFeatures {
    private final LinAlg linAlg;
    private final MlpModel inner;
    private final DMatrixRMaj[] dense; // the inner model's weights, W_l = U_l S_l V_lᵀ for l < L
    private final DMatrixRMaj[] u;
    private final DMatrixRMaj[] s;
    private final DMatrixRMaj[] v;
    private final DMatrixRMaj[] us; // U_l S_l (out x k)
    private final DMatrixRMaj[] gv; // ∂W_l V_l (out x k)
    private final DMatrixRMaj[] params;
    private final DMatrixRMaj[] grads;
    private final double[] lrScales;
    private final int factored;

    /**
     * A low-rank model with factors U_l, S_l, V_l (l = 1..L−1, modified in place by the optimizer), dense last weight
     * {@code last} and optional biases; the other arguments as {@link MlpModel}'s.
     */
    public LowRankMlpModel(
            DMatrixRMaj[] u,
            DMatrixRMaj[] s,
            DMatrixRMaj[] v,
            DMatrixRMaj last,
            DMatrixRMaj[] biases,
            org.parsimonylab.engine.net.Activation activation,
            Dataset data,
            LossKind loss,
            double outerScale,
            boolean trainLast,
            int batchSize,
            long seed,
            LinAlg linAlg) {
        this.linAlg = linAlg;
        this.u = u;
        this.s = s;
        this.v = v;
        this.factored = u.length;
        int depth = factored + 1;
        this.dense = new DMatrixRMaj[depth];
        this.us = new DMatrixRMaj[factored];
        this.gv = new DMatrixRMaj[factored];
        for (int l = 0; l < factored; l++) {
            int k = s[l].numRows;
            if (u[l].numCols != k || v[l].numCols != k || s[l].numCols != k) {
                throw new IllegalArgumentException("factors of layer " + (l + 1) + " must have rank " + k);
            }
            dense[l] = new DMatrixRMaj(u[l].numRows, v[l].numRows);
            us[l] = new DMatrixRMaj(u[l].numRows, k);
            gv[l] = new DMatrixRMaj(u[l].numRows, k);
        }
        dense[depth - 1] = last;
        refresh();
        this.inner = new MlpModel(dense, biases, activation, data, loss, 1.0, trainLast, batchSize, seed, linAlg);
        int biasCount = biases == null ? 0 : depth;
        int count = 3 * factored + 1 + biasCount;
        this.params = new DMatrixRMaj[count];
        this.grads = new DMatrixRMaj[count];
        this.lrScales = new double[count];
        DMatrixRMaj[] innerGrads = inner.gradients();
        for (int l = 0; l < factored; l++) {
            double scale = LayerRates.of(l, depth, outerScale, trainLast);
            params[3 * l] = u[l];
            params[3 * l + 1] = s[l];
            params[3 * l + 2] = v[l];
            grads[3 * l] = new DMatrixRMaj(u[l].numRows, u[l].numCols);
            grads[3 * l + 1] = new DMatrixRMaj(s[l].numRows, s[l].numCols);
            grads[3 * l + 2] = new DMatrixRMaj(v[l].numRows, v[l].numCols);
            lrScales[3 * l] = scale;
            lrScales[3 * l + 1] = scale;
            lrScales[3 * l + 2] = scale;
        }
        params[3 * factored] = last;
        grads[3 * factored] = innerGrads[depth - 1];
        lrScales[3 * factored] = LayerRates.of(depth - 1, depth, outerScale, trainLast);
        for (int l = 0; l < biasCount; l++) {
            params[3 * factored + 1 + l] = biases[l];
            grads[3 * factored + 1 + l] = innerGrads[depth + l];
            lrScales[3 * factored + 1 + l] = LayerRates.of(l, depth, outerScale, trainLast);
        }
    }

    /**
     * The low-rank MLP of {@code network} (kind mlp, compression lowrank or lowrank-random, rank k =
     * compression.rank), initialised from the full MLP's W(0) for {@code seed} as the class javadoc describes.
     */
    public static LowRankMlpModel create(
            NetworkSpec network, TrainingSpec training, Dataset data, long seed, LinAlg linAlg) {
        CompressionKind kind = network.compression().kind();
        if (network.kind() != NetworkKind.MLP
                || (kind != CompressionKind.LOWRANK && kind != CompressionKind.LOWRANK_RANDOM)) {
            throw new IllegalArgumentException(
                    "a low-rank MLP needs network.kind mlp and compression lowrank or" + " lowrank-random");
        }
        DMatrixRMaj[] w0 = Initializer.weights(network, data.inputDim(), data.outputDim(), seed);
        int depth = w0.length;
        int k = network.compression().rank();
        for (int l = 0; l < depth - 1; l++) {
            int max = Math.min(w0[l].numRows, w0[l].numCols);
            if (k > max) {
                throw new IllegalArgumentException("compression.rank must be in [1, " + max + "] for W" + (l + 1)
                        + " of shape " + w0[l].numRows + "x" + w0[l].numCols + " (got " + k + ")");
            }
        }
        DMatrixRMaj[][] bases = kind == CompressionKind.LOWRANK
                ? bigSubspaceBases(w0, network, data, training.loss(), k, seed, linAlg)
                : randomBases(w0, k, seed, network.init().seedOffset());
        DMatrixRMaj[] u = bases[0];
        DMatrixRMaj[] v = bases[1];
        DMatrixRMaj[] s = new DMatrixRMaj[depth - 1];
        for (int l = 0; l < depth - 1; l++) {
            s[l] = project(w0[l], u[l], v[l], linAlg);
        }
        return new LowRankMlpModel(
                u,
                s,
                v,
                w0[depth - 1],
                network.bias() ? MlpModel.zeroBiases(w0) : null,
                network.activation(),
                data,
                training.loss(),
                training.outerLearningRateScale(),
                network.trainLast(),
                training.batchSize(),
                seed,
                linAlg);
    }

    /**
     * {U_l}, {V_l} inside S_big: layer 1 from W_1(0) and the full-batch G_1(0), then propagated forward; where W_l(0)
     * maps V_l to fewer than k directions, Haar columns of the stream ({@code seed}, "lowrank.fill<l>") complete U_l.
     */
    static DMatrixRMaj[][] bigSubspaceBases(
            DMatrixRMaj[] w0, NetworkSpec network, Dataset data, LossKind loss, int k, long seed, LinAlg linAlg) {
        int depth = w0.length;
        DMatrixRMaj[] copies = new DMatrixRMaj[depth];
        for (int l = 0; l < depth; l++) {
            copies[l] = w0[l].copy();
        }
        MlpModel probe = new MlpModel(
                copies,
                network.bias() ? MlpModel.zeroBiases(copies) : null,
                network.activation(),
                data,
                loss,
                1.0,
                true,
                0,
                0,
                linAlg);
        probe.evaluate(true);
        DMatrixRMaj g1 = probe.gradients()[0];
        BigSubspace first = BigSubspace.of(w0[0], g1, k, linAlg);
        DMatrixRMaj[] u = new DMatrixRMaj[depth - 1];
        DMatrixRMaj[] v = new DMatrixRMaj[depth - 1];
        u[0] = first.left();
        v[0] = first.right();
        for (int l = 1; l < depth - 1; l++) {
            v[l] = u[l - 1].copy(); // a copy: U_{l−1} and V_l are separate parameters
            DMatrixRMaj mapped = new DMatrixRMaj(w0[l].numRows, k);
            linAlg.mult(w0[l], v[l], mapped);
            // W_l(0) has full column rank on V_l for orthogonal inits; its own rows complete the basis otherwise.
            DMatrixRMaj w0t = new DMatrixRMaj(w0[l].numCols, w0[l].numRows);
            org.ejml.dense.row.CommonOps_DDRM.transpose(w0[l], w0t);
            DMatrixRMaj fill = Orthogonal.haarColumns(
                    w0[l].numRows,
                    k,
                    Rng.stream(seed, streamLabel("fill", l + 1, network.init().seedOffset())));
            u[l] = Subspaces.orthonormalColumns(k, BigSubspace.RANK_TOL, mapped, fill);
        }
        return new DMatrixRMaj[][] {u, v};
    }

    /**
     * The random-stream label of basis {@code what} of layer {@code layer}: "lowrank.U1" for the experiment's own init,
     * "lowrank.trial{k}.U1" for trial k = network.init.seedOffset &gt; 0, so that every trial draws its own bases (as
     * {@link org.parsimonylab.engine.net.InitSpec#streamLabel} does for W(0)).
     */
    static String streamLabel(String what, int layer, long seedOffset) {
        return seedOffset == 0 ? "lowrank." + what + layer : "lowrank.trial" + seedOffset + "." + what + layer;
    }

    private static DMatrixRMaj[][] randomBases(DMatrixRMaj[] w0, int k, long seed, long seedOffset) {
        int depth = w0.length;
        DMatrixRMaj[] u = new DMatrixRMaj[depth - 1];
        DMatrixRMaj[] v = new DMatrixRMaj[depth - 1];
        for (int l = 0; l < depth - 1; l++) {
            u[l] = Orthogonal.haarColumns(w0[l].numRows, k, Rng.stream(seed, streamLabel("U", l + 1, seedOffset)));
            v[l] = Orthogonal.haarColumns(w0[l].numCols, k, Rng.stream(seed, streamLabel("V", l + 1, seedOffset)));
        }
        return new DMatrixRMaj[][] {u, v};
    }

    /** S = Uᵀ·W·V (k×k). */
    private static DMatrixRMaj project(DMatrixRMaj w, DMatrixRMaj u, DMatrixRMaj v, LinAlg linAlg) {
        DMatrixRMaj wv = new DMatrixRMaj(w.numRows, v.numCols);
        linAlg.mult(w, v, wv);
        DMatrixRMaj s = new DMatrixRMaj(u.numCols, v.numCols);
        linAlg.gemm(true, false, 1.0, u, wv, 0.0, s);
        return s;
    }

    @Override
    public DMatrixRMaj[] parameters() {
        return params;
    }

    @Override
    public DMatrixRMaj[] gradients() {
        return grads;
    }

    @Override
    public double[] learningRateScales() {
        return lrScales;
    }

    /** The rank k of the factored layers. */
    public int rank() {
        return s[0].numRows;
    }

    /** The inner dense model, whose weights equal U_l·S_l·V_lᵀ as of the last evaluation or prediction. */
    public MlpModel denseView() {
        return inner;
    }

    /** The factors U_l (out×k), the model's own. */
    public DMatrixRMaj[] leftFactors() {
        return u;
    }

    /** The factors S_l (k×k), the model's own. */
    public DMatrixRMaj[] coreFactors() {
        return s;
    }

    /** The factors V_l (in×k), the model's own. */
    public DMatrixRMaj[] rightFactors() {
        return v;
    }

    /** The dense W_l = U_l·S_l·V_lᵀ (rebuilt now) and W_L. */
    @Override
    public DMatrixRMaj[] layerWeights() {
        refresh();
        return dense;
    }

    @Override
    public DMatrixRMaj[] layerFeatures() {
        refresh();
        return inner.layerFeatures();
    }

    /** Floating-point operations of one evaluate-with-gradient (multiply-add = 2), the dense pass included. */
    @Override
    public double flopsPerStep() {
        double flops = inner.flopsPerStep();
        for (int l = 0; l < factored; l++) {
            double m = u[l].numRows;
            double n = v[l].numRows;
            double k = s[l].numRows;
            flops += 2 * m * k * k + 2 * m * n * k; // rebuild W
            flops += 2 * m * n * k + 2 * m * k * k + 2 * k * m * k + 2 * n * m * k; // factor gradients
        }
        return flops;
    }

    @Override
    public double evaluate(boolean withGradient) {
        refresh();
        double value = inner.evaluate(withGradient);
        if (!withGradient) {
            return value;
        }
        DMatrixRMaj[] innerGrads = inner.gradients();
        for (int l = 0; l < factored; l++) {
            if (lrScales[3 * l] == 0.0) {
                continue;
            }
            DMatrixRMaj g = innerGrads[l];
            linAlg.gemm(false, false, 1.0, g, v[l], 0.0, gv[l]); // ∂W V
            linAlg.gemm(false, true, 1.0, gv[l], s[l], 0.0, grads[3 * l]); // ∂U = ∂W V Sᵀ
            linAlg.gemm(true, false, 1.0, u[l], gv[l], 0.0, grads[3 * l + 1]); // ∂S = Uᵀ ∂W V
            linAlg.gemm(true, false, 1.0, g, us[l], 0.0, grads[3 * l + 2]); // ∂V = ∂Wᵀ U S
        }
        return value;
    }

    /** f(X) (K×n) for inputs {@code x} (d×n) at the current factors. */
    @Override
    public DMatrixRMaj predict(DMatrixRMaj x) {
        refresh();
        return inner.predict(x);
    }

    /** Rebuilds W_l = (U_l S_l) V_lᵀ from the current factors. */
    private void refresh() {
        for (int l = 0; l < factored; l++) {
            linAlg.gemm(false, false, 1.0, u[l], s[l], 0.0, us[l]);
            linAlg.gemm(false, true, 1.0, us[l], v[l], 0.0, dense[l]);
        }
    }
}
