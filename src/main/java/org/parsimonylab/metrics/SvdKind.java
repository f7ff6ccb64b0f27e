package org.parsimonylab.metrics;

import org.parsimonylab.engine.Labeled;

/** How much of each layer's SVD the probes compute (performance.md §4.3: monitoring cost). */
public enum SvdKind implements Labeled {
    /** Singular values and vectors (needed for angles). */
    FULL("full"),
    /** Singular values only, about 3x cheaper than full. */
    VALUES("values"),
    /** Top singular values by a randomized range finder, about 10x cheaper than full at d = 500. */
    RANDOMIZED("randomized");

    private final String label;

    SvdKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
