package org.parsimonylab.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a variant's probes at a recorded step and bundles the results, loss first, then {@code wall-seconds} (training
 * time so far) and {@code steps-per-second}, into an immutable snapshot.
 */
public final class MetricsRecorder {
    /** The metrics this recorder writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "loss",
                    "training loss at the step, in the preset's convention (half-mean, half-sum, observed mean or cross-entropy); layer and index empty"),
            new MetricDoc(
                    "wall-seconds",
                    "training wall time so far in seconds, monitoring excluded (timings.csv only: it differs between runs)"),
            new MetricDoc("steps-per-second", "steps per second of training wall time so far (timings.csv only)"));

    /**
     * Metrics that measure the machine rather than the run: they differ between two runs of the same preset, which
     * are otherwise identical bit for bit.
     */
    public static final List<String> TIMING_METRICS = List.of("wall-seconds", "steps-per-second");

    private final List<Probe> probes;

    /** A recorder running {@code probes} in order. */
    public MetricsRecorder(List<Probe> probes) {
        this.probes = List.copyOf(probes);
    }

    /** The snapshot at {@code ctx.step()}; {@code elapsedSeconds} is the training time so far. */
    public StepSnapshot record(ProbeContext ctx, double elapsedSeconds) {
        List<MetricSeries> out = new ArrayList<>();
        out.add(MetricSeries.scalar("loss", ctx.loss()));
        // Per-variant timings (training only, monitoring excluded): wall time to tolerance is wall-seconds at the
        // last row of a run that stopped at the tolerance.
        out.add(MetricSeries.scalar("wall-seconds", elapsedSeconds));
        if (ctx.step() > 0 && elapsedSeconds > 0) {
            out.add(MetricSeries.scalar("steps-per-second", ctx.step() / elapsedSeconds));
        }
        for (Probe p : probes) {
            p.measure(ctx, out);
        }
        return new StepSnapshot(ctx.step(), elapsedSeconds, out);
    }
}
