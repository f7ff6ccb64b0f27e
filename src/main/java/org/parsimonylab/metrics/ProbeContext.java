package org.parsimonylab.metrics;

import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.Model;
import org.parsimonylab.engine.train.TrainingSpec;

/**
 * What a probe may read at one step, on the trainer thread between evaluate and update: the model's parameters are
 * W(t) and its gradients are ∇ℓ(W(t)). Probes must not modify anything they are given.
 *
 * @param step t
 * @param loss ℓ(W(t))
 * @param model the model (parameters and gradients, read-only)
 * @param data the shared data set
 * @param network the network's spec
 * @param metrics cadence and SVD settings
 * @param linAlg the trainer thread's backend
 * @param training the training spec as trained so far (live changes included in its learning-rate schedule), or
 *     null when the probe's own spec applies
 */
public record ProbeContext(
        long step,
        double loss,
        Model model,
        Dataset data,
        NetworkSpec network,
        MetricsSpec metrics,
        LinAlg linAlg,
        TrainingSpec training) {
    /** A context without a live training spec. */
    public ProbeContext(
            long step,
            double loss,
            Model model,
            Dataset data,
            NetworkSpec network,
            MetricsSpec metrics,
            LinAlg linAlg) {
        this(step, loss, model, data, network, metrics, linAlg, null);
    }
}
