package org.parsimonylab.metrics;

import java.util.List;
import java.util.Optional;

/**
 * Everything measured at one step of one network: immutable, safe to hand to another thread (DESIGN.md §3).
 *
 * @param step the step t (weights after t updates)
 * @param elapsedSeconds training wall time up to this step, monitoring excluded
 * @param series the measured metrics
 */
public record StepSnapshot(long step, double elapsedSeconds, List<MetricSeries> series) {
    public StepSnapshot {
        series = List.copyOf(series);
    }

    /** The series named {@code name} of {@code layer} (or {@link MetricSeries#NO_LAYER}), if measured. */
    public Optional<MetricSeries> find(String name, int layer) {
        return series.stream()
                .filter(s -> s.name().equals(name) && s.layer() == layer)
                .findFirst();
    }

    /** The loss at this step (NaN if not recorded). */
    public double loss() {
        return find("loss", MetricSeries.NO_LAYER).map(MetricSeries::value).orElse(Double.NaN);
    }
}
