package org.parsimonylab.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.train.LearningRateChange;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * The app's live run as a record, copied on the trainer thread between two steps so that it can be written to a run
 * folder ("Save run", {@code --record}) from any thread: the experiment as trained (live changes in each variant's
 * learning-rate schedule), the data, the recorded snapshots (exactly the steps {@code run} records) and, per
 * variant, the weights at step 0 and at the current step.
 *
 * @param runId the run it was taken from
 * @param experiment the experiment as trained so far: the started one with live changes added to the schedules
 * @param data the data set (never modified by training)
 * @param checkpoints per variant, in variant order, checkpoints in step order (step 0 first when it was reached)
 * @param recorded per variant, in variant order, the recorded snapshots in step order
 */
public record RunCapture(
        long runId,
        ExperimentSpec experiment,
        Dataset data,
        Map<String, List<WeightCheckpoint>> checkpoints,
        Map<String, List<StepSnapshot>> recorded) {
    public RunCapture {
        checkpoints = Collections.unmodifiableMap(new LinkedHashMap<>(checkpoints));
        LinkedHashMap<String, List<StepSnapshot>> copy = new LinkedHashMap<>();
        recorded.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        recorded = Collections.unmodifiableMap(copy);
    }

    /** The recorded snapshots as a {@link RunHistory} holding all of them. */
    public RunHistory history() {
        int most = 4;
        for (List<StepSnapshot> list : recorded.values()) {
            most = Math.max(most, list.size());
        }
        RunHistory h = new RunHistory(most);
        recorded.forEach((v, list) -> list.forEach(s -> h.add(v, s)));
        return h;
    }

    /**
     * The run's events, one per learning-rate change of a variant's schedule in step order: {@code step}, the
     * variant, the field ({@code training.learningRate}) and the new value.
     */
    public static List<Event> events(ExperimentSpec experiment) {
        List<Event> out = new ArrayList<>();
        for (VariantSpec v : experiment.variants()) {
            for (LearningRateChange c : v.training().learningRateSchedule()) {
                out.add(new Event(c.step(), v.name(), "training.learningRate", c.learningRate()));
            }
        }
        return out;
    }

    /**
     * A change of a training field at a step, applied before the update of that step.
     *
     * @param step the first update that uses the new value
     * @param variant the variant's name
     * @param field the dotted preset path of the field
     * @param value the new value
     */
    public record Event(long step, String variant, String field, double value) {}
}
