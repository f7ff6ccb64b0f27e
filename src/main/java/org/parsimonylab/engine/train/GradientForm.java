package org.parsimonylab.engine.train;

import org.parsimonylab.engine.Labeled;

/** How the gradient of a squared loss is computed; both give the same gradient up to rounding (performance.md §4.1). */
public enum GradientForm implements Labeled {
    /** The moment form when it is cheaper (N > input dimension, squared loss, no mask), else per-sample. */
    AUTO("auto"),
    /** Back-propagation through the N samples: (6L−2)·d²·N flop per step. */
    PER_SAMPLE("per-sample"),
    /** The data reduced once to its moments: X = LQ (thin LQ), so ‖PX − Y‖² = ‖PL − YQᵀ‖² + const and N is replaced by d. */
    MOMENT("moment");

    private final String label;

    GradientForm(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
