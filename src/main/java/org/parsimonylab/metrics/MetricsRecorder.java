package org.parsimonylab.metrics;

import java.util.ArrayList;
import java.util.List;

/** Runs a variant's probes at a recorded step and bundles the results, loss first, into an immutable snapshot. */
public final class MetricsRecorder {
    private final List<Probe> probes;

    /** A recorder running {@code probes} in order. */
    public MetricsRecorder(List<Probe> probes) {
        this.probes = List.copyOf(probes);
    }

    /** The snapshot at {@code ctx.step()}; {@code elapsedSeconds} is the training time so far. */
    public StepSnapshot record(ProbeContext ctx, double elapsedSeconds) {
        List<MetricSeries> out = new ArrayList<>();
        out.add(MetricSeries.scalar("loss", ctx.loss()));
        for (Probe p : probes) {
            p.measure(ctx, out);
        }
        return new StepSnapshot(ctx.step(), elapsedSeconds, out);
    }
}
