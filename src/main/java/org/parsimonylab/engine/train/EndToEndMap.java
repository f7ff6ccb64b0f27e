package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;

/**
 * A linear model that can state its end-to-end matrix W_{L:1} (outputs×inputs) without the caller multiplying its
 * parameters, because its parameters are not the plain chain of layers (docs/science.md §1.5: the compressed twin keeps
 * its frozen outer factors outside the parameters).
 */
public interface EndToEndMap {
    /** W_{L:1} at the current parameters, written into {@code out} (outputs×inputs, reshaped if needed) and returned. */
    DMatrixRMaj endToEnd(DMatrixRMaj out);
}
