package org.parsimonylab.session;

import org.parsimonylab.engine.train.StopReason;

/**
 * How a variant's training ended.
 *
 * @param variant the variant's name
 * @param reason why it stopped
 * @param steps the last step t reached
 * @param finalLoss ℓ(W(t)) at that step
 * @param trainingSeconds wall time spent in training steps (monitoring and writing excluded)
 * @param monitoringSeconds wall time spent in probes
 */
public record VariantResult(
        String variant,
        StopReason reason,
        long steps,
        double finalLoss,
        double trainingSeconds,
        double monitoringSeconds) {

    /** Training steps per second of wall time (monitoring excluded). */
    public double stepsPerSecond() {
        return trainingSeconds > 0 ? steps / trainingSeconds : Double.NaN;
    }
}
