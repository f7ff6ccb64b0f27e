package org.parsimonylab.chart;

import java.util.List;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYDomainInfo;
import org.jfree.data.xy.XYRangeInfo;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An {@link XYSeriesCollection} that answers the plot's auto-range questions for the visible series from each
 * series' own running min/max ({@link XYSeries#getMinX()} …) instead of a pass over every item: JFreeChart's
 * renderers ask for the bounds of the visible series only ({@code dataBoundsIncludesVisibleSeriesOnly}), which for a
 * plain collection is {@code DatasetUtils.iterateToFind…Bounds}, a third of the FX thread's time while a live run
 * redraws its line charts every frame (docs/ui.md "Frame pacing"). The answers equal the iteration's
 * ({@code BoundedSeriesCollectionTest}); a y range restricted to part of a series' x span, interval bounds of a
 * collection with interval width, and a sorted series with a maximum item count (whose cached bounds JFreeChart 1.5.6
 * leaves stale when it drops the smallest x) still iterate. Precondition: no item has a NaN x (the live charts' x is a
 * step or a time); such an item is not drawn, but its y would count here.
 */
public class BoundedSeriesCollection extends XYSeriesCollection implements XYDomainInfo, XYRangeInfo {
    private static final long serialVersionUID = 1L;

    @Override
    @SuppressWarnings("rawtypes") // JFreeChart's XYDomainInfo declares a raw List
    public Range getDomainBounds(List visibleSeriesKeys, boolean includeInterval) {
        if (includeInterval && getIntervalWidth() != 0) {
            return DatasetUtils.iterateToFindDomainBounds(this, visibleSeriesKeys, true);
        }
        Bounds b = new Bounds();
        for (XYSeries series : visible(visibleSeriesKeys)) {
            if (cached(series)) {
                b.add(series.getMinX(), series.getMaxX());
            } else {
                b.add(DatasetUtils.iterateToFindDomainBounds(this, List.of(series.getKey()), false));
            }
        }
        return b.range();
    }

    @Override
    @SuppressWarnings("rawtypes") // JFreeChart's XYRangeInfo declares a raw List
    public Range getRangeBounds(List visibleSeriesKeys, Range xRange, boolean includeInterval) {
        if (includeInterval && getIntervalWidth() != 0) {
            return DatasetUtils.iterateToFindRangeBounds(this, visibleSeriesKeys, xRange, true);
        }
        Bounds b = new Bounds();
        for (XYSeries series : visible(visibleSeriesKeys)) {
            if (cached(series) && xRange.contains(series.getMinX()) && xRange.contains(series.getMaxX())) {
                // Every item is inside the x range: the series' own y bounds (NaN when all its y are NaN).
                b.add(series.getMinY(), series.getMaxY());
                continue;
            }
            for (int i = 0; i < series.getItemCount(); i++) {
                Number y = series.getY(i);
                if (y != null && xRange.contains(series.getX(i).doubleValue())) {
                    b.add(y.doubleValue(), y.doubleValue());
                }
            }
        }
        return b.range();
    }

    /** The series named by {@code keys} that are in the collection and hold an item. */
    private List<XYSeries> visible(List<?> keys) {
        List<XYSeries> out = new java.util.ArrayList<>(keys.size());
        for (Object key : keys) {
            int s = key instanceof Comparable<?> k ? indexOf(k) : -1;
            if (s >= 0 && getSeries(s).getItemCount() > 0) {
                out.add(getSeries(s));
            }
        }
        return out;
    }

    /** Whether JFreeChart keeps the series' min/max right (not a sorted series that drops items beyond a maximum). */
    private static boolean cached(XYSeries series) {
        return !series.getAutoSort() || series.getMaximumItemCount() == Integer.MAX_VALUE;
    }

    /** A running [lo, hi] that ignores NaN. */
    private static final class Bounds {
        private double lo = Double.POSITIVE_INFINITY;
        private double hi = Double.NEGATIVE_INFINITY;

        void add(double from, double to) {
            if (!Double.isNaN(from) && !Double.isNaN(to)) {
                lo = Math.min(lo, from);
                hi = Math.max(hi, to);
            }
        }

        void add(Range r) {
            if (r != null) {
                add(r.getLowerBound(), r.getUpperBound());
            }
        }

        Range range() {
            return lo <= hi ? new Range(lo, hi) : null;
        }
    }
}
