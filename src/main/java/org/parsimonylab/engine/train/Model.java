package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;

/**
 * A trainable model on fixed data: parameters, and the loss with its gradient at the current parameters. The trainer
 * thread owns it; nothing else may touch the matrices (DESIGN.md §3).
 */
public interface Model {
    /** The parameters, updated in place by the optimizer. */
    DMatrixRMaj[] parameters();

    /** Gradients of the last {@link #evaluate(boolean)} with {@code withGradient = true}, same shapes as parameters. */
    DMatrixRMaj[] gradients();

    /** The loss at the current parameters; fills {@link #gradients()} when asked. */
    double evaluate(boolean withGradient);

    /**
     * The weight matrices W_1…W_L (out×in) the network computes with, for spectra and checkpoints: the parameters
     * themselves unless the model has biases or factored weights. The arrays are the model's own; do not modify them.
     */
    default DMatrixRMaj[] layerWeights() {
        return parameters();
    }

    /** Per-parameter factor on the learning rate: 0 freezes a parameter (docs/science.md §1.4 discrepant LR). */
    double[] learningRateScales();

    /** Floating-point operations of one evaluate-with-gradient (multiply-add = 2), or NaN if unknown. */
    default double flopsPerStep() {
        return Double.NaN;
    }
}
