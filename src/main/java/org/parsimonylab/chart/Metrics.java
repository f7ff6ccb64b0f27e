package org.parsimonylab.chart;

import java.util.Optional;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/** Looking up metrics that may or may not be measured in a run (figures draw whatever a snapshot has). */
final class Metrics {
    private Metrics() {}

    /** The series {@code name} of {@code layer}, else the layer-less one. */
    static Optional<MetricSeries> layerOrGlobal(StepSnapshot s, String name, int layer) {
        Optional<MetricSeries> m = s.find(name, layer);
        return m.isPresent() ? m : s.find(name, MetricSeries.NO_LAYER);
    }

    /** One number for a metric: its value, or the largest of an indexed one (e.g. the largest principal angle). */
    static double scalar(MetricSeries m) {
        if (!m.indexed()) {
            return m.value();
        }
        double max = Double.NaN;
        for (double v : m.values()) {
            if (Double.isNaN(max) || v > max) {
                max = v;
            }
        }
        return max;
    }

    /** The number of weight layers with singular values in {@code s}. */
    static int layers(StepSnapshot s) {
        int n = 0;
        for (MetricSeries m : s.series()) {
            if (m.name().equals("sv")) {
                n = Math.max(n, m.layer());
            }
        }
        return n;
    }
}
