package org.parsimonylab.engine.train;

/**
 * The one per-layer learning-rate factor of every model (docs/science.md §1.4, discrepant learning rate): γ on the first and
 * the last layer, 1 in between, 0 on the last layer when it is frozen; a layer's bias and factors take its layer's
 * factor.
 */
final class LayerRates {
    private LayerRates() {}

    /** The factor of layer {@code l} (0-based) of {@code depth}: γ = {@code outerScale} outside, 0 for a frozen W_L. */
    static double of(int l, int depth, double outerScale, boolean trainLast) {
        if (l == depth - 1) {
            return trainLast ? outerScale : 0.0;
        }
        return l == 0 ? outerScale : 1.0;
    }

    /** The factors of all {@code depth} layers, in layer order. */
    static double[] all(int depth, double outerScale, boolean trainLast) {
        double[] out = new double[depth];
        for (int l = 0; l < depth; l++) {
            out[l] = of(l, depth, outerScale, trainLast);
        }
        return out;
    }
}
