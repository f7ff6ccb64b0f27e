package org.parsimonylab.engine.data;

import org.parsimonylab.engine.Labeled;

/** The data sets of papers.md §1.1, §1.7 and §2. */
public enum DataKind implements Labeled {
    /** Deep matrix factorisation: X = I (implicit), Y = Φ of rank r (papers.md §1.2). */
    FACTORIZATION("factorization"),
    /** Matrix completion: Y = Φ observed through a random mask (papers.md §1.1 generate_observation_matrix). */
    COMPLETION("completion"),
    /** Regression Y = Φ X with X whitened (orthonormal rows) or Gaussian with a scale (papers.md §1.2, E2). */
    REGRESSION("regression"),
    /** K classes of n samples, orthogonal X, one-hot Y, class-sorted labels (papers.md §1.1, E8–E11). */
    CLASSIFICATION("classification");

    private final String label;

    DataKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
