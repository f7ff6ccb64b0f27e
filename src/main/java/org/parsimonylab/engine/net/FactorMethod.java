package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/** How V_{1,1}, the 2r̂-dimensional right invariant subspace of W1, is computed from the first gradient (docs/science.md §1.5). */
public enum FactorMethod implements Labeled {
    /**
     * {@code compute_factor} (v1, the paper-v1 code): the orthogonal complement of the intersection of the two
     * (d−r̂)-dimensional complements W1(0)ᵀU_G[:, r̂:]/ε and V_G[:, r̂:].
     */
    V1("v1"),
    /** {@code compute_factor_v3}: the top-2r̂ right singular vectors of the stacked 2d×d matrix [G; GᵀW1(0)]. */
    V3("v3");

    private final String label;

    FactorMethod(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
