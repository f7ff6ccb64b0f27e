package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;

/**
 * One update of the parameters from their gradients (docs/science.md §1.4, optax semantics). Per-parameter factors scale
 * the update (the discrepant learning rate); a factor of 0 leaves the parameter untouched. State (velocity, moments)
 * is allocated once, at construction.
 */
public abstract class Optimizer {

    /** {@code params[i] -= learningRate·scales[i]·update_i(grads)}; params are modified. */
    public abstract void apply(DMatrixRMaj[] params, DMatrixRMaj[] grads, double[] scales, double learningRate);

    /** The optimizer of {@code spec} for parameters shaped like {@code params}. */
    public static Optimizer create(TrainingSpec spec, DMatrixRMaj[] params) {
        return switch (spec.optimizer()) {
            case GD -> new Sgd();
            case MOMENTUM -> new Momentum(params, spec.momentum());
            case ADAM -> new Adam(params, 0.9, 0.999, 1e-8);
        };
    }

    private static DMatrixRMaj[] zerosLike(DMatrixRMaj[] params) {
        DMatrixRMaj[] z = new DMatrixRMaj[params.length];
        for (int i = 0; i < params.length; i++) {
            z[i] = new DMatrixRMaj(params[i].numRows, params[i].numCols);
        }
        return z;
    }

    /** W ← W − η·∇ (optax.sgd). */
    static final class Sgd extends Optimizer {
        @Override
        public void apply(DMatrixRMaj[] params, DMatrixRMaj[] grads, double[] scales, double learningRate) {
            for (int i = 0; i < params.length; i++) {
                if (scales[i] == 0.0) {
                    continue;
                }
                double step = learningRate * scales[i];
                double[] p = params[i].data;
                double[] gr = grads[i].data;
                int size = params[i].getNumElements();
                for (int j = 0; j < size; j++) {
                    p[j] -= step * gr[j];
                }
            }
        }
    }

    /** v ← ∇ + β·v; W ← W − η·v (optax.sgd(momentum=β), heavy ball, non-Nesterov). */
    static final class Momentum extends Optimizer {
        private final DMatrixRMaj[] velocity;
        private final double beta;

        Momentum(DMatrixRMaj[] params, double beta) {
            this.velocity = zerosLike(params);
            this.beta = beta;
        }

        @Override
        public void apply(DMatrixRMaj[] params, DMatrixRMaj[] grads, double[] scales, double learningRate) {
            for (int i = 0; i < params.length; i++) {
                if (scales[i] == 0.0) {
                    continue;
                }
                double step = learningRate * scales[i];
                double[] p = params[i].data;
                double[] gr = grads[i].data;
                double[] v = velocity[i].data;
                int size = params[i].getNumElements();
                for (int j = 0; j < size; j++) {
                    v[j] = gr[j] + beta * v[j];
                    p[j] -= step * v[j];
                }
            }
        }
    }

    /**
     * Adam with bias correction as optax.adam: m ← β1·m + (1−β1)·∇, v ← β2·v + (1−β2)·∇², W ← W − η·m̂/(√v̂ + ε),
     * m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
     */
    static final class Adam extends Optimizer {
        private final DMatrixRMaj[] first;
        private final DMatrixRMaj[] second;
        private final double beta1;
        private final double beta2;
        private final double eps;
        private long t;

        Adam(DMatrixRMaj[] params, double beta1, double beta2, double eps) {
            this.first = zerosLike(params);
            this.second = zerosLike(params);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
        }

        @Override
        public void apply(DMatrixRMaj[] params, DMatrixRMaj[] grads, double[] scales, double learningRate) {
            t++;
            double c1 = 1.0 - Math.pow(beta1, t);
            double c2 = 1.0 - Math.pow(beta2, t);
            for (int i = 0; i < params.length; i++) {
                if (scales[i] == 0.0) {
                    continue;
                }
                double step = learningRate * scales[i];
                double[] p = params[i].data;
                double[] gr = grads[i].data;
                double[] m = first[i].data;
                double[] v = second[i].data;
                int size = params[i].getNumElements();
                for (int j = 0; j < size; j++) {
                    m[j] = beta1 * m[j] + (1 - beta1) * gr[j];
                    v[j] = beta2 * v[j] + (1 - beta2) * gr[j] * gr[j];
                    p[j] -= step * (m[j] / c1) / (Math.sqrt(v[j] / c2) + eps);
                }
            }
        }
    }
}
