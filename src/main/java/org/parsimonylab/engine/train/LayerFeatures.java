package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;

/**
 * A model that exposes its feature matrices on the training inputs, [X, h_1, …, h_{L−1}] (each width×N, post
 * activation; the output layer excluded), as docs/science.md §1.6 M3 measures them.
 */
public interface LayerFeatures {
    /** The features at the current parameters; the arrays are the model's own and must not be modified. */
    DMatrixRMaj[] layerFeatures();
}
