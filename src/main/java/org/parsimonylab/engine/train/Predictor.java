package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;

/** A model that can evaluate its network on other inputs, e.g. a held-out test set (docs/science.md §3.4). */
public interface Predictor {
    /** f(X) (K×n) for inputs {@code x} (d×n) at the current parameters; a new matrix, training state untouched. */
    DMatrixRMaj predict(DMatrixRMaj x);
}
