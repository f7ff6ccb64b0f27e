package org.parsimonylab.chart;

import org.jfree.data.DomainInfo;
import org.jfree.data.Range;
import org.jfree.data.RangeInfo;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A {@link DefaultXYZDataset} that knows its x and y bounds: computed once when a series is added or removed, so a
 * heat map's auto-range ({@code XYBlockRenderer.findDomainBounds}, which asks {@link DomainInfo} before it iterates)
 * costs nothing per redraw instead of a pass over every block (the waterfall redraws every frame while a run trains
 * fast; docs/ui.md "Frame pacing"). NaN coordinates are ignored, as {@code DatasetUtils}' iteration ignores them.
 */
public class BoundedXYZDataset extends DefaultXYZDataset implements DomainInfo, RangeInfo {
    private static final long serialVersionUID = 1L;

    private Range x;
    private Range y;

    @Override
    @SuppressWarnings("rawtypes") // DefaultXYZDataset declares a raw Comparable
    public void addSeries(Comparable seriesKey, double[][] data) {
        super.addSeries(seriesKey, data);
        x = null;
        y = null;
    }

    @Override
    @SuppressWarnings("rawtypes") // DefaultXYZDataset declares a raw Comparable
    public void removeSeries(Comparable seriesKey) {
        super.removeSeries(seriesKey);
        x = null;
        y = null;
    }

    private void bounds() {
        if (x != null || getSeriesCount() == 0) {
            return;
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < getSeriesCount(); s++) {
            for (int i = 0; i < getItemCount(s); i++) {
                double xv = getXValue(s, i);
                double yv = getYValue(s, i);
                if (!Double.isNaN(xv)) {
                    x0 = Math.min(x0, xv);
                    x1 = Math.max(x1, xv);
                }
                if (!Double.isNaN(yv)) {
                    y0 = Math.min(y0, yv);
                    y1 = Math.max(y1, yv);
                }
            }
        }
        x = x0 <= x1 ? new Range(x0, x1) : EMPTY;
        y = y0 <= y1 ? new Range(y0, y1) : EMPTY;
    }

    /** Marks "no finite coordinate" (DatasetUtils answers null then). */
    private static final Range EMPTY = new Range(0, 0);

    private Range domain() {
        bounds();
        return x == null || x == EMPTY ? null : x;
    }

    private Range range() {
        bounds();
        return y == null || y == EMPTY ? null : y;
    }

    @Override
    public double getDomainLowerBound(boolean includeInterval) {
        Range r = domain();
        return r == null ? Double.NaN : r.getLowerBound();
    }

    @Override
    public double getDomainUpperBound(boolean includeInterval) {
        Range r = domain();
        return r == null ? Double.NaN : r.getUpperBound();
    }

    @Override
    public Range getDomainBounds(boolean includeInterval) {
        return domain();
    }

    @Override
    public double getRangeLowerBound(boolean includeInterval) {
        Range r = range();
        return r == null ? Double.NaN : r.getLowerBound();
    }

    @Override
    public double getRangeUpperBound(boolean includeInterval) {
        Range r = range();
        return r == null ? Double.NaN : r.getUpperBound();
    }

    @Override
    public Range getRangeBounds(boolean includeInterval) {
        return range();
    }
}
