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

    private boolean known; // x and y below are the bounds of the current series (null: no finite coordinate)
    private Range x;
    private Range y;

    @Override
    @SuppressWarnings("rawtypes") // DefaultXYZDataset declares a raw Comparable
    public void addSeries(Comparable seriesKey, double[][] data) {
        super.addSeries(seriesKey, data);
        known = false;
    }

    @Override
    @SuppressWarnings("rawtypes") // DefaultXYZDataset declares a raw Comparable
    public void removeSeries(Comparable seriesKey) {
        super.removeSeries(seriesKey);
        known = false;
    }

    private void bounds() {
        if (known) {
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
        x = x0 <= x1 ? new Range(x0, x1) : null;
        y = y0 <= y1 ? new Range(y0, y1) : null;
        known = true;
    }

    private static double lower(Range r) {
        return r == null ? Double.NaN : r.getLowerBound();
    }

    private static double upper(Range r) {
        return r == null ? Double.NaN : r.getUpperBound();
    }

    @Override
    public double getDomainLowerBound(boolean includeInterval) {
        return lower(getDomainBounds(includeInterval));
    }

    @Override
    public double getDomainUpperBound(boolean includeInterval) {
        return upper(getDomainBounds(includeInterval));
    }

    @Override
    public Range getDomainBounds(boolean includeInterval) {
        bounds();
        return x;
    }

    @Override
    public double getRangeLowerBound(boolean includeInterval) {
        return lower(getRangeBounds(includeInterval));
    }

    @Override
    public double getRangeUpperBound(boolean includeInterval) {
        return upper(getRangeBounds(includeInterval));
    }

    @Override
    public Range getRangeBounds(boolean includeInterval) {
        bounds();
        return y;
    }
}
