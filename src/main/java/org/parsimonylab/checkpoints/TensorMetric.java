package org.parsimonylab.checkpoints;

/**
 * One measurement of one tensor at one step: a row (or, when indexed, rows) of metrics.csv with {@code layer} = the
 * tensor's name. The record owns its array.
 *
 * @param tensor the tensor's name (for {@code alignment-*}: the first of the two chained tensors)
 * @param metric the metric's name
 * @param values the values; one unless indexed
 * @param indexed whether the index column is filled (values[i] has index i)
 */
public record TensorMetric(String tensor, String metric, double[] values, boolean indexed) {
    /** A single value. */
    static TensorMetric scalar(String tensor, String metric, double value) {
        return new TensorMetric(tensor, metric, new double[] {value}, false);
    }

    /** An indexed series (copied). */
    static TensorMetric indexed(String tensor, String metric, double[] values) {
        return new TensorMetric(tensor, metric, values.clone(), true);
    }

    /** The single value of a scalar metric. */
    public double value() {
        return values[0];
    }
}
