package org.parsimonylab.metrics;

/**
 * One metric of one layer at one step, the unit of metrics.csv (DESIGN.md §5 long format: a row per value with
 * {@code metric,layer,index}). The record owns its array: producers copy, consumers must not modify it.
 *
 * @param name metric name, e.g. {@code loss}, {@code sv}, {@code separation}
 * @param layer layer number (sv: 1..L for W1..WL; separation: feature layer 0..L−1), or {@link #NO_LAYER}
 * @param values the values; for an indexed metric values[i] has index i, otherwise a single value
 * @param indexed whether the index column is filled
 */
public record MetricSeries(String name, int layer, double[] values, boolean indexed) {
    /** Marks a metric that belongs to no layer (the CSV's layer column is empty). */
    public static final int NO_LAYER = -1;

    /** A scalar metric without layer, e.g. the loss. */
    public static MetricSeries scalar(String name, double value) {
        return new MetricSeries(name, NO_LAYER, new double[] {value}, false);
    }

    /** A scalar metric of one layer, e.g. D_l. */
    public static MetricSeries ofLayer(String name, int layer, double value) {
        return new MetricSeries(name, layer, new double[] {value}, false);
    }

    /** An indexed metric of one layer, e.g. the singular values of W_l (copied). */
    public static MetricSeries indexed(String name, int layer, double[] values) {
        return new MetricSeries(name, layer, values.clone(), true);
    }

    /** The single value of a non-indexed metric. */
    public double value() {
        return values[0];
    }
}
