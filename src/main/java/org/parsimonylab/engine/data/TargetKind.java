package org.parsimonylab.engine.data;

import org.parsimonylab.engine.Labeled;

/** What the regression target is. */
public enum TargetKind implements Labeled {
    /** Y = Φ X with Φ (outputDim×dim) of rank r: realizable, the papers' whitened regression. */
    LOW_RANK_MAP("low-rank-map"),
    /** Y with independent N(0, 1) entries (outputDim×samples), as in the non-whitened experiment E2. */
    GAUSSIAN("gaussian");

    private final String label;

    TargetKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
