package org.parsimonylab.engine.train;

import org.parsimonylab.engine.Check;

/**
 * One entry of {@code training.learningRateSchedule}: from update {@code step} on (W(step) → W(step+1) and later), η
 * is {@code learningRate}, until the next entry. A live change in the app is recorded as one.
 *
 * @param step the first update that uses the new η (≥ 0)
 * @param learningRate η from that step on, in the convention of {@code training.loss} (&gt; 0)
 */
public record LearningRateChange(long step, double learningRate) {
    public LearningRateChange {
        Check.range("step", step, 0, TrainingSpec.MAX_STEPS);
        Check.positive("learningRate", learningRate);
    }
}
