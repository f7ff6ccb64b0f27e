package org.parsimonylab.engine.data;

import org.parsimonylab.engine.Labeled;

/** How the rank-r target Φ is cut from a Gaussian matrix (docs/science.md §6 pitfall 12). */
public enum TargetSpectrum implements Labeled {
    /** Best rank-r truncation U[:, :r] diag(s[:r]) V[:, :r]ᵀ of a Gaussian matrix (Law of Parsimony data.py). */
    TRUNCATED_GAUSSIAN("truncated-gaussian"),
    /** Kwon et al.'s spread indices 0, d/(2r), 2d/(2r), … below d/2: distinct, decaying values (docs/science.md §2). */
    SPREAD("spread");

    private final String label;

    TargetSpectrum(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
