package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/** Weight initialisations of docs/science.md §1.3 (network.py _init_weight_*). */
public enum InitKind implements Labeled {
    /** ε times a Haar orthogonal matrix truncated to the layer's shape; all singular values equal ε. */
    ORTHOGONAL("orthogonal"),
    /** ε·N(0,1)·√min(m,n)/√(m·n): the orthogonal init's expected Frobenius norm. */
    GAUSSIAN("gaussian"),
    /** ε·U(−1,1)·√3·√min(m,n)/√(m·n): the orthogonal init's expected Frobenius norm. */
    UNIFORM("uniform");

    private final String label;

    InitKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
