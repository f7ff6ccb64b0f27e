package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Svd;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.Initializer;
import org.parsimonylab.engine.net.InvariantSubspace;
import org.parsimonylab.engine.net.NetworkSpec;

/**
 * Builds the model a network spec describes, initialised from the experiment's seed (docs/science.md §1.3), including the
 * compressed forms of docs/science.md §1.5 and §2:
 *
 * <ul>
 *   <li>{@code none}: the wide deep linear network.
 *   <li>{@code parsimony}: from the wide network's own init W(0) (same seed): G = ∇_{W1}ℓ(W(0)), V_{1,1} by
 *       compute_factor (v1 or v3), ε_l = ‖W_l(0)‖_F/√min(m_l, n_l) per layer (ε, and init.lastScale for W_L),
 *       U_{L,1} = W_{L:1}(0)V_{1,1}/∏ε_l and the L+2 factors [V_{1,1}ᵀ, ε_1I_{2r̂}, …, ε_LI_{2r̂}, U_{L,1}], γ =
 *       outerLearningRateScale on the outer two. Only square layers with an orthogonal init and a trained W_L have an
 *       exact twin ({@link InvariantSubspace#requireExactTwin}); other networks are refused. When γ = 0, the loss is squared
 *       without a mask, X = I or whitened and U, V are orthonormal, the exact k×k reduction {@link ReducedTwinModel}
 *       is trained instead (same losses, (2r̂)³ instead of d²·2r̂ work per step).
 *   <li>{@code narrow}: the same network with width 2r̂ and its own init (E5's random baseline).
 *   <li>{@code spectral}: Kwon et al.'s C-DLN, W1 = εV_kᵀ, W_l = εI_k, W_L = εU_k, k = 2r̂, from the top-k singular
 *       vectors of the surrogate Φ (or (1/p)·mask∘Φ), α = outerLearningRateScale on first and last.
 * </ul>
 */
public final class ModelFactory {
    /** Largest deviation of XXᵀ from I for which X counts as whitened. */
    static final double WHITENED_TOLERANCE = 1e-10;

    private ModelFactory() {}

    /**
     * The model of {@code network} trained with {@code training} on {@code data}; every variant with the same layer
     * shapes and init gets the same initial weights for the same seed.
     */
    public static Model build(NetworkSpec network, TrainingSpec training, Dataset data, long seed, LinAlg linAlg) {
        return switch (network.kind()) {
            case LINEAR -> switch (network.compression().kind()) {
                case NONE -> wide(network, training, data, seed, linAlg);
                case NARROW -> wide(narrowSpec(network), training, data, seed, linAlg);
                case PARSIMONY -> parsimony(network, training, data, seed, linAlg, true);
                case SPECTRAL -> spectral(network, training, data, linAlg);
                case LOWRANK, LOWRANK_RANDOM -> throw new IllegalArgumentException(
                        "compression.kind '" + network.compression().kind().label() + "' needs network.kind mlp");
            };
            case MLP -> switch (network.compression().kind()) {
                case LOWRANK, LOWRANK_RANDOM -> LowRankMlpModel.create(network, training, data, seed, linAlg);
                default -> MlpModel.create(network, training, data, seed, linAlg);
            };
        };
    }

    /** The plain deep linear network of {@code network}. */
    public static DeepLinearModel wide(
            NetworkSpec network, TrainingSpec training, Dataset data, long seed, LinAlg linAlg) {
        DMatrixRMaj[] w = Initializer.weights(network, data.inputDim(), data.outputDim(), seed);
        return linear(w, network, training, data, linAlg);
    }

    /** {@code network} with its width replaced by the compressed width 2r̂ and no compression. */
    public static NetworkSpec narrowSpec(NetworkSpec network) {
        return network.withWidth(network.compression().width())
                .withCompression(network.compression().withKind(CompressionKind.NONE));
    }

    /**
     * The parsimony compression's ingredients, from the wide init of {@code network} (docs/science.md §1.5).
     *
     * @param wideInit W_1(0)…W_L(0) of the wide network (copies)
     * @param firstGradient G = ∇_{W1}ℓ(W(0)) (width×d_in)
     * @param v11 V_{1,1} (d_in×2r̂)
     * @param ul1 U_{L,1} = W_{L:1}(0)V_{1,1}/∏ε_l (d_out×2r̂, orthonormal columns)
     * @param scales ε_l = ‖W_l(0)‖_F/√min(m_l, n_l) of every layer ({@link InvariantSubspace#initScale}): init.scale,
     *     and init.lastScale for W_L when set
     */
    public record ParsimonyFactors(
            DMatrixRMaj[] wideInit, DMatrixRMaj firstGradient, DMatrixRMaj v11, DMatrixRMaj ul1, double[] scales) {
        /** ε of W1. */
        public double eps() {
            return scales[0];
        }
    }

    /** Computes V_{1,1} and U_{L,1} from the wide network's init and first gradient. */
    public static ParsimonyFactors parsimonyFactors(
            NetworkSpec network, TrainingSpec training, Dataset data, long seed, LinAlg linAlg) {
        InvariantSubspace.requireExactTwin(network, data.inputDim(), data.outputDim());
        NetworkSpec wideSpec = network.withCompression(network.compression().withKind(CompressionKind.NONE));
        DMatrixRMaj[] w0 = Initializer.weights(wideSpec, data.inputDim(), data.outputDim(), seed);
        DMatrixRMaj[] copy = new DMatrixRMaj[w0.length];
        for (int l = 0; l < w0.length; l++) {
            copy[l] = w0[l].copy();
        }
        // γ = 1 here whatever the variant says, so that the gradient of W1 is computed.
        DeepLinearModel wideModel = new DeepLinearModel(
                w0, data, training.loss(), training.gradientForm(), 1.0, network.trainLast(), linAlg);
        wideModel.evaluate(true);
        DMatrixRMaj g = wideModel.gradients()[0].copy();
        int rank = network.compression().rank();
        DMatrixRMaj v11 = InvariantSubspace.factor(network.compression().factor(), g, copy[0], rank, linAlg);
        double[] scales = new double[copy.length];
        double product = 1.0;
        DMatrixRMaj ul1 = v11;
        for (int l = 0; l < copy.length; l++) {
            scales[l] = InvariantSubspace.initScale(copy[l]);
            product *= scales[l];
            DMatrixRMaj next = new DMatrixRMaj(copy[l].numRows, v11.numCols);
            linAlg.mult(copy[l], ul1, next);
            ul1 = next;
        }
        CommonOps_DDRM.scale(1.0 / product, ul1);
        return new ParsimonyFactors(copy, g, v11, ul1, scales);
    }

    /**
     * The parsimony-compressed network; with {@code allowReduced} the exact k×k reduction is used whenever it is
     * exact (γ = 0, squared loss, no mask, X = I or whitened, orthonormal U_{L,1}).
     */
    public static Model parsimony(
            NetworkSpec network, TrainingSpec training, Dataset data, long seed, LinAlg linAlg, boolean allowReduced) {
        ParsimonyFactors f = parsimonyFactors(network, training, data, seed, linAlg);
        int depth = network.depth();
        int k = f.v11().numCols;
        DMatrixRMaj[] inner = new DMatrixRMaj[depth];
        for (int l = 0; l < depth; l++) {
            inner[l] = CommonOps_DDRM.identity(k);
            CommonOps_DDRM.scale(f.scales()[l], inner[l]); // W̃_l(0) = U_lᵀW_l(0)V_l = ε_l·I
        }
        boolean reducible = allowReduced
                && training.outerLearningRateScale() == 0.0
                && training.loss() != LossKind.CROSS_ENTROPY
                && data.mask() == null
                && (data.x() == null || isWhitened(data.x(), linAlg))
                && isOrthonormal(f.ul1(), linAlg);
        if (reducible) {
            return reduced(inner, f.ul1(), f.v11(), data, training.loss(), linAlg);
        }
        DMatrixRMaj[] w = new DMatrixRMaj[depth + 2];
        w[0] = CommonOps_DDRM.transpose(f.v11(), null);
        System.arraycopy(inner, 0, w, 1, depth);
        w[depth + 1] = f.ul1().copy();
        return linear(w, network, training, data, linAlg);
    }

    /** The k×k reduction of the network U·W̃_L⋯W̃_1·Vᵀ with frozen U, V (see {@link ReducedTwinModel}). */
    static ReducedTwinModel reduced(
            DMatrixRMaj[] inner, DMatrixRMaj u, DMatrixRMaj v, Dataset data, LossKind loss, LinAlg linAlg) {
        DMatrixRMaj y = data.y();
        DMatrixRMaj phiEff;
        double outside = 0; // ‖Y − YXᵀX‖², zero for X = I
        if (data.x() == null) {
            phiEff = y;
        } else {
            DMatrixRMaj x = data.x();
            phiEff = new DMatrixRMaj(y.numRows, x.numRows);
            linAlg.gemm(false, true, 1.0, y, x, 0.0, phiEff);
            DMatrixRMaj back = new DMatrixRMaj(y.numRows, y.numCols);
            linAlg.mult(phiEff, x, back);
            outside = squaredDistance(y, back);
        }
        DMatrixRMaj tmp = new DMatrixRMaj(u.numCols, phiEff.numCols);
        linAlg.gemm(true, false, 1.0, u, phiEff, 0.0, tmp);
        DMatrixRMaj phiTilde = new DMatrixRMaj(u.numCols, v.numCols);
        linAlg.mult(tmp, v, phiTilde);
        DMatrixRMaj left = new DMatrixRMaj(u.numRows, v.numCols);
        linAlg.mult(u, phiTilde, left);
        DMatrixRMaj fitted = new DMatrixRMaj(u.numRows, v.numRows);
        linAlg.gemm(false, true, 1.0, left, v, 0.0, fitted);
        double kappa = outside + squaredDistance(phiEff, fitted);
        double scale = lossScale(loss, data);
        return new ReducedTwinModel(inner, u, v, phiTilde, kappa, scale, data, linAlg);
    }

    /** c of the loss ½·c·‖mask∘R‖² (docs/science.md §1.2): half-mean 1/(d_out·N), half-sum 1, observed mean 1/Σmask. */
    public static double lossScale(LossKind loss, Dataset data) {
        return loss.scale(data.outputDim(), data.sampleCount(), observedEntries(data));
    }

    /** The number of observed target entries: Σmask, or outputs·N without a mask. */
    public static double observedEntries(Dataset data) {
        return data.mask() == null
                ? (double) data.outputDim() * data.sampleCount()
                : CommonOps_DDRM.elementSum(data.mask());
    }

    /**
     * Kwon et al.'s C-DLN (docs/science.md §2 {@code kwon_compress_network}, merged to L layers as in their notebooks):
     * W1 = εV_kᵀ (k×d_in), W_l = εI_k, W_L = εU_k (d_out×k), k = 2r̂, (U, V) the top-k singular vectors of the
     * surrogate: YXᵀ without mask, (1/p)·mask∘Y with p = Σmask/#entries for completion.
     */
    public static DeepLinearModel spectral(NetworkSpec network, TrainingSpec training, Dataset data, LinAlg linAlg) {
        int depth = network.depth();
        if (depth < 2) {
            throw new IllegalArgumentException("network.depth must be >= 2 for spectral compression (got 1)");
        }
        int k = network.compression().width();
        DMatrixRMaj surrogate = surrogate(data, linAlg);
        if (k > Math.min(surrogate.numRows, surrogate.numCols)) {
            throw new IllegalArgumentException("network.compression.rank must be <= "
                    + Math.min(surrogate.numRows, surrogate.numCols) / 2 + " for spectral compression (got "
                    + network.compression().rank() + ")");
        }
        Svd svd = new Svd();
        linAlg.svd(surrogate, LinAlg.SvdMode.THIN, svd);
        double eps = network.init().scale();
        DMatrixRMaj[] w = new DMatrixRMaj[depth];
        w[0] = new DMatrixRMaj(k, surrogate.numCols);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < surrogate.numCols; j++) {
                w[0].set(i, j, eps * svd.v.get(j, i));
            }
        }
        for (int l = 1; l < depth - 1; l++) {
            w[l] = CommonOps_DDRM.identity(k);
            CommonOps_DDRM.scale(eps, w[l]);
        }
        w[depth - 1] = new DMatrixRMaj(surrogate.numRows, k);
        CommonOps_DDRM.extract(svd.u, 0, surrogate.numRows, 0, k, w[depth - 1], 0, 0);
        CommonOps_DDRM.scale(eps, w[depth - 1]);
        return linear(w, network, training, data, linAlg);
    }

    /** Kwon's surrogate of Φ (docs/science.md §2): YXᵀ (Y when X = I), or (1/p)·mask∘Y under a mask. */
    public static DMatrixRMaj surrogate(Dataset data, LinAlg linAlg) {
        DMatrixRMaj y = data.y();
        if (data.mask() != null) {
            double p = CommonOps_DDRM.elementSum(data.mask()) / data.mask().getNumElements();
            DMatrixRMaj s = new DMatrixRMaj(y.numRows, y.numCols);
            CommonOps_DDRM.elementMult(data.mask(), y, s);
            CommonOps_DDRM.scale(1.0 / p, s);
            return s;
        }
        if (data.x() == null) {
            return y.copy();
        }
        DMatrixRMaj s = new DMatrixRMaj(y.numRows, data.x().numRows);
        linAlg.gemm(false, true, 1.0, y, data.x(), 0.0, s);
        return s;
    }

    /** True when XXᵀ = I to within {@value #WHITENED_TOLERANCE} entrywise. */
    static boolean isWhitened(DMatrixRMaj x, LinAlg linAlg) {
        DMatrixRMaj xxt = new DMatrixRMaj(x.numRows, x.numRows);
        linAlg.gemm(false, true, 1.0, x, x, 0.0, xxt);
        return isIdentity(xxt);
    }

    /** True when AᵀA = I to within {@value #WHITENED_TOLERANCE} entrywise. */
    static boolean isOrthonormal(DMatrixRMaj a, LinAlg linAlg) {
        DMatrixRMaj ata = new DMatrixRMaj(a.numCols, a.numCols);
        linAlg.gemm(true, false, 1.0, a, a, 0.0, ata);
        return isIdentity(ata);
    }

    private static boolean isIdentity(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                if (Math.abs(m.get(i, j) - (i == j ? 1.0 : 0.0)) > WHITENED_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double squaredDistance(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            double e = a.data[i] - b.data[i];
            sum += e * e;
        }
        return sum;
    }

    /** A deep linear model on {@code w} with the loss, gradient form, γ and trainLast of the specs. */
    private static DeepLinearModel linear(
            DMatrixRMaj[] w, NetworkSpec network, TrainingSpec training, Dataset data, LinAlg linAlg) {
        return new DeepLinearModel(
                w,
                data,
                training.loss(),
                training.gradientForm(),
                training.outerLearningRateScale(),
                network.trainLast(),
                linAlg);
    }
}
