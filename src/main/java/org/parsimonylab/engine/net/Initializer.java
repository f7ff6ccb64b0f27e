package org.parsimonylab.engine.net;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;

/**
 * The initialisations of docs/science.md §1.3; layer l draws from its own stream of the seed, "init.W{l}" (or
 * "init.trial{k}.W{l}" for a trial with seed offset k, see {@link InitSpec}).
 */
public final class Initializer {
    private Initializer() {}

    /** One m×n weight of the given kind and scale ε. */
    public static DMatrixRMaj weight(InitKind kind, int m, int n, double scale, RandomGenerator rng) {
        double normMatch = Math.sqrt(Math.min(m, n)) / Math.sqrt((double) m * n);
        return switch (kind) {
            case ORTHOGONAL -> Orthogonal.scaledTruncated(m, n, scale, rng);
            case GAUSSIAN -> {
                DMatrixRMaj w = Orthogonal.gaussian(m, n, rng);
                scaleInPlace(w, scale * normMatch);
                yield w;
            }
            case UNIFORM -> {
                DMatrixRMaj w = new DMatrixRMaj(m, n);
                for (int i = 0; i < w.data.length; i++) {
                    w.data[i] = rng.nextDouble(-1.0, 1.0);
                }
                scaleInPlace(w, scale * Math.sqrt(3.0) * normMatch);
                yield w;
            }
        };
    }

    /** All L weights W1…WL of {@code spec} for the given data dimensions. */
    public static DMatrixRMaj[] weights(NetworkSpec spec, int inputDim, int outputDim, long seed) {
        DMatrixRMaj[] w = new DMatrixRMaj[spec.depth()];
        for (int l = 0; l < spec.depth(); l++) {
            int[] shape = spec.layerShape(l, inputDim, outputDim);
            w[l] = weight(
                    spec.init().kind(),
                    shape[0],
                    shape[1],
                    spec.init().scaleOf(l, spec.depth()),
                    Rng.stream(seed, spec.init().streamLabel(l + 1)));
        }
        return w;
    }

    private static void scaleInPlace(DMatrixRMaj w, double s) {
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] *= s;
        }
    }
}
