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
    public Range getDomainBounds(List visibleSeriesKeys, boolean includeInterval) {
        if (includeInterval && getIntervalWidth() != 0) {
            return DatasetUtils.iterateToFindDomainBounds(this, visibleSeriesKeys, true);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Object key : visibleSeriesKeys) {
            int s = key instanceof Comparable<?> k ? indexOf(k) : -1;
            if (s < 0) {
                continue;
            }
            XYSeries series = getSeries(s);
            if (!cached(series)) {
                Range r = DatasetUtils.iterateToFindDomainBounds(this, List.of(key), false);
                if (r != null) {
                    lo = Math.min(lo, r.getLowerBound());
                    hi = Math.max(hi, r.getUpperBound());
                }
            } else if (series.getItemCount() > 0 && !Double.isNaN(series.getMinX())) {
                lo = Math.min(lo, series.getMinX());
                hi = Math.max(hi, series.getMaxX());
            }
        }
        return lo <= hi ? new Range(lo, hi) : null;
    }

    @Override
    public Range getRangeBounds(List visibleSeriesKeys, Range xRange, boolean includeInterval) {
        if (includeInterval && getIntervalWidth() != 0) {
            return DatasetUtils.iterateToFindRangeBounds(this, visibleSeriesKeys, xRange, true);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Object key : visibleSeriesKeys) {
            int s = key instanceof Comparable<?> k ? indexOf(k) : -1;
            if (s < 0) {
                continue;
            }
            XYSeries series = getSeries(s);
            if (series.getItemCount() == 0 || cached(series) && Double.isNaN(series.getMinX())) {
                continue;
            }
            if (cached(series) && xRange.contains(series.getMinX()) && xRange.contains(series.getMaxX())) {
                // Every item is inside the x range: the series' own y bounds (NaN when all its y are NaN).
                if (!Double.isNaN(series.getMinY())) {
                    lo = Math.min(lo, series.getMinY());
                    hi = Math.max(hi, series.getMaxY());
                }
            } else {
                for (int i = 0; i < series.getItemCount(); i++) {
                    double x = series.getX(i).doubleValue();
                    Number yn = series.getY(i);
                    double y = yn == null ? Double.NaN : yn.doubleValue();
                    if (xRange.contains(x) && !Double.isNaN(y)) {
                        lo = Math.min(lo, y);
                        hi = Math.max(hi, y);
                    }
                }
            }
        }
        return lo <= hi ? new Range(lo, hi) : null;
    }

    /** Whether JFreeChart keeps the series' min/max right (not a sorted series that drops items beyond a maximum). */
    private static boolean cached(XYSeries series) {
        return !series.getAutoSort() || series.getMaximumItemCount() == Integer.MAX_VALUE;
    }
}
