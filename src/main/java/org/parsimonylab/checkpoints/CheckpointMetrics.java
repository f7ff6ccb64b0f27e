package org.parsimonylab.checkpoints;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything measured on one checkpoint: immutable, safe to hand to another thread.
 *
 * @param series the series' name ({@code variant} in metrics.csv)
 * @param step the checkpoint's step
 * @param source the checkpoint's file or folder
 * @param metrics the measurements, tensor by tensor in selection order
 */
public record CheckpointMetrics(String series, long step, Path source, List<TensorMetric> metrics) {
    public CheckpointMetrics {
        metrics = List.copyOf(metrics);
    }

    /** The measurement {@code metric} of {@code tensor}, or null. */
    public TensorMetric find(String tensor, String metric) {
        for (TensorMetric m : metrics) {
            if (m.tensor().equals(tensor) && m.metric().equals(metric)) {
                return m;
            }
        }
        return null;
    }
}
