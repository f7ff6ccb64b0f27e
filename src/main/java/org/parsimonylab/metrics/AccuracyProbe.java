package org.parsimonylab.metrics;

import java.util.List;
import org.parsimonylab.engine.train.Accuracy;
import org.parsimonylab.engine.train.Predictor;

/**
 * Classification accuracy, mean(argmax(f(X), axis 0) == labels) (docs/science.md §2, §3.4): {@code train-accuracy} on the
 * training inputs and, when the data hold a test split, {@code test-accuracy}. Needs a model that can {@link
 * Predictor predict}; records nothing otherwise.
 */
public final class AccuracyProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "train-accuracy",
                    "share of training columns whose argmax output is their label (layer and index empty)"),
            new MetricDoc(
                    "test-accuracy",
                    "the same on the held-out test split, data/test_indices.npy (layer and index empty)"));

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        if (!(ctx.model() instanceof Predictor p) || ctx.data().labels() == null) {
            return;
        }
        out.add(MetricSeries.scalar(
                "train-accuracy",
                Accuracy.of(p.predict(ctx.data().inputMatrix()), ctx.data().labels())));
        if (ctx.data().hasTest()) {
            out.add(MetricSeries.scalar(
                    "test-accuracy",
                    Accuracy.of(p.predict(ctx.data().xTest()), ctx.data().labelsTest())));
        }
    }
}
