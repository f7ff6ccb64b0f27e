package org.parsimonylab.session;

import org.ejml.data.DMatrixRMaj;

/**
 * Copies of a variant's weights W1…WL at one step, owned by whoever holds the record (never the trainer's matrices).
 *
 * @param step the step t (weights after t updates)
 * @param weights {@code weights[0]} is W1, the first layer, {@code out x in}
 */
public record WeightCheckpoint(long step, DMatrixRMaj[] weights) {
    /** A checkpoint holding copies of {@code live}. */
    public static WeightCheckpoint copyOf(long step, DMatrixRMaj[] live) {
        DMatrixRMaj[] copy = new DMatrixRMaj[live.length];
        for (int l = 0; l < live.length; l++) {
            copy[l] = live[l].copy();
        }
        return new WeightCheckpoint(step, copy);
    }
}
