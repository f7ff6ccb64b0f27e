package org.parsimonylab.engine.train;

import org.parsimonylab.engine.Labeled;

/** Optimizers of docs/science.md §1.4 (optax). */
public enum OptimizerKind implements Labeled {
    /** Plain full-batch gradient descent W ← W − η·∇ (optax.sgd). */
    GD("gd"),
    /** Heavy-ball momentum v ← ∇ + β·v, W ← W − η·v (optax.sgd with momentum, non-Nesterov). */
    MOMENTUM("momentum"),
    /** Adam with optax defaults β1 = 0.9, β2 = 0.999, ε = 1e-8 and bias correction. */
    ADAM("adam");

    private final String label;

    OptimizerKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
