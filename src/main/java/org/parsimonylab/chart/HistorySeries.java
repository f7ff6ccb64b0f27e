package org.parsimonylab.chart;

import org.jfree.data.xy.XYSeries;

/**
 * A JFreeChart {@link XYSeries} backed by a {@link SeriesDecimator}: points are added without notification (the
 * owning {@link Figure} sends one per frame) and the series is rebuilt from the decimated history when it compacts.
 */
public final class HistorySeries {
    /** Points kept per series. */
    public static final int DEFAULT_CAPACITY = 2000;

    private final XYSeries series;
    private final SeriesDecimator history;

    /** An empty history named {@code key}. */
    public HistorySeries(Comparable<?> key, int capacity) {
        // autoSort off and duplicates allowed: x is the step, already in order, and sorting would cost O(n) per add.
        this.series = new XYSeries(key, false, true);
        this.history = new SeriesDecimator(capacity);
    }

    /** Appends a point without notifying listeners. */
    public void add(double x, double y) {
        if (history.add(x, y)) {
            series.clear();
            for (int i = 0; i < history.size() - 1; i++) {
                series.add(history.x(i), history.y(i), false);
            }
        }
        series.add(x, y, false);
    }

    /** The chart series. */
    public XYSeries series() {
        return series;
    }

    /** Number of points. */
    public int size() {
        return series.getItemCount();
    }

    /** The last x, or NaN when empty. */
    public double lastX() {
        int n = series.getItemCount();
        return n == 0 ? Double.NaN : series.getX(n - 1).doubleValue();
    }

    /** Forgets every point (without notifying). */
    public void clear() {
        history.clear();
        if (series.getItemCount() > 0) {
            series.delete(0, series.getItemCount() - 1);
        }
    }
}
