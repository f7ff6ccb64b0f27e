package org.parsimonylab.metrics;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.engine.train.TrainingSpec;

/**
 * An assumption of the theory overlays of docs/science.md §1.5: ρ(t) (the common value of the d−2r middle singular values)
 * and σ_i(Φ)^{1/L} (where the top r end) hold for gradient descent on a deep linear network with square layers, an
 * orthogonal init of one scale ε, γ = 1 and a trained W_L; ρ(t) also needs the whole target observed and X whitened
 * (so the complement block fits 0), σ_i(Φ)^{1/L} a target map Φ. A compressed twin has no complement block at all.
 * Runs record the first broken assumption as metric {@code theory-absent} so that charts can say why a line is not
 * drawn; {@link #code()} is that metric's value.
 */
public enum TheoryAssumption {
    LINEAR(1, "the network is not linear: ρ(t) and σ_i(Φ)^{1/L} are deep-linear-network results"),
    UNCOMPRESSED(2, "a compressed network has no d−2r complement block"),
    GRADIENT_DESCENT(3, "the optimizer is not plain gradient descent"),
    ORTHOGONAL_INIT(4, "the init is not orthogonal"),
    ONE_SCALE(5, "init.lastScale differs from init.scale, so the layers are not balanced"),
    GAMMA_ONE(6, "γ (training.outerLearningRateScale) is not 1"),
    TRAINED_LAST(7, "W_L is frozen (network.trainLast is false)"),
    SQUARE_LAYERS(8, "the layers are not square (width = input dimension = output dimension)"),
    FULLY_OBSERVED(9, "only part of the target is observed, so the complement block does not fit 0"),
    WHITENED_INPUT(10, "X is not whitened (XXᵀ ≠ I)"),
    TARGET_MAP(11, "the data have no target map Φ");

    /** Largest deviation of XXᵀ from I for which X counts as whitened. */
    public static final double WHITENED_TOLERANCE = 1e-10;

    private final int code;
    private final String broken;

    TheoryAssumption(int code, String broken) {
        this.code = code;
        this.broken = broken;
    }

    /** The value of metric {@code theory-absent} when this assumption is the first one broken (0 = none). */
    public int code() {
        return code;
    }

    /** What is wrong when this assumption does not hold, as a clause: "the optimizer is not plain gradient descent". */
    public String brokenSentence() {
        return broken;
    }

    /** The assumption with {@code code}, or null for 0 or an unknown code. */
    public static TheoryAssumption ofCode(double code) {
        for (TheoryAssumption a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }

    /** The first assumption of ρ(t) that variant breaks, or null when {@code rho-predicted} applies. */
    public static TheoryAssumption brokenForRho(NetworkSpec network, TrainingSpec training, Dataset data) {
        TheoryAssumption common = brokenCommon(network, training, data);
        if (common != null) {
            return common;
        }
        if (data.mask() != null) {
            return FULLY_OBSERVED;
        }
        if (data.x() != null && !whitened(data.x())) {
            return WHITENED_INPUT;
        }
        return null;
    }

    /** The first assumption of σ_i(Φ)^{1/L} that variant breaks, or null when {@code sv-predicted-top} applies. */
    public static TheoryAssumption brokenForTop(NetworkSpec network, TrainingSpec training, Dataset data) {
        TheoryAssumption common = brokenCommon(network, training, data);
        if (common != null) {
            return common;
        }
        return data.phi() == null ? TARGET_MAP : null;
    }

    private static TheoryAssumption brokenCommon(NetworkSpec network, TrainingSpec training, Dataset data) {
        if (network.kind() != NetworkKind.LINEAR) {
            return LINEAR;
        }
        if (network.compression().kind() != CompressionKind.NONE) {
            return UNCOMPRESSED;
        }
        if (training.optimizer() != OptimizerKind.GD) {
            return GRADIENT_DESCENT;
        }
        if (network.init().kind() != InitKind.ORTHOGONAL) {
            return ORTHOGONAL_INIT;
        }
        double scale = network.init().scale();
        if (network.init().scaleOf(network.depth() - 1, network.depth()) != scale) {
            return ONE_SCALE;
        }
        if (training.outerLearningRateScale() != 1.0) {
            return GAMMA_ONE;
        }
        if (!network.trainLast()) {
            return TRAINED_LAST;
        }
        int in = data.inputDim();
        int out = data.outputDim();
        boolean square = network.depth() == 1 ? in == out : network.width() == in && network.width() == out;
        return square ? null : SQUARE_LAYERS;
    }

    /** Whether XXᵀ = I to within {@value #WHITENED_TOLERANCE} entrywise (X is d×N). */
    static boolean whitened(DMatrixRMaj x) {
        int d = x.numRows;
        int n = x.numCols;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += x.data[i * n + k] * x.data[j * n + k];
                }
                if (Math.abs(sum - (i == j ? 1.0 : 0.0)) > WHITENED_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }
}
