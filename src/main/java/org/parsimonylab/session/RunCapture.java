package org.parsimonylab.session;

import java.util.List;
import java.util.Map;
import org.parsimonylab.engine.data.Dataset;

/**
 * What the app's live run holds besides its metric history, copied on the trainer thread between two steps so that
 * it can be written to a run folder ("Save run") from any thread: the data and, per variant, the weights at step 0
 * and at the current step.
 *
 * @param runId the run it was taken from
 * @param experiment the experiment the run trains
 * @param data the data set (never modified by training)
 * @param checkpoints per variant, in variant order, checkpoints in step order (step 0 first when it was reached)
 */
public record RunCapture(
        long runId, ExperimentSpec experiment, Dataset data, Map<String, List<WeightCheckpoint>> checkpoints) {
    public RunCapture {
        checkpoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checkpoints));
    }
}
