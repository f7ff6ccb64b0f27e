package org.parsimonylab.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic axis whose ticks stay readable when the range spans less than a decade: there LogAxis puts ticks at
 * 10^(k/50) (labels like 0.1585, 0.1514), so this axis uses round values (1-2-5 steps) instead; over a decade or more
 * it ticks like LogAxis.
 */
final class NiceLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    /** Tick labels wanted on a sub-decade range. */
    private static final int TARGET_TICKS = 6;

    NiceLogAxis(String label) {
        super(label);
    }

    @Override
    protected Rectangle2D getLabelEnclosure(Graphics2D g2, org.jfree.chart.ui.RectangleEdge edge) {
        Rectangle2D tex = Tex.labelEnclosure(this, edge);
        return tex != null ? tex : super.getLabelEnclosure(g2, edge);
    }

    @Override
    protected org.jfree.chart.axis.AxisState drawLabel(
            String label,
            Graphics2D g2,
            Rectangle2D plotArea,
            Rectangle2D dataArea,
            org.jfree.chart.ui.RectangleEdge edge,
            org.jfree.chart.axis.AxisState state) {
        org.jfree.chart.axis.AxisState tex = Tex.drawLabel(this, label, g2, dataArea, edge, state);
        return tex != null ? tex : super.drawLabel(label, g2, plotArea, dataArea, edge, state);
    }

    /** A flat line (one step, or a loss that does not move) gets a range of ±20 % instead of ±1e-12. */
    @Override
    protected void autoAdjustRange() {
        super.autoAdjustRange();
        double lo = getLowerBound();
        double hi = getUpperBound();
        if (isAutoRange() && lo > 0 && Double.isFinite(hi) && hi / lo < 1 + 1e-4) {
            double c = Math.sqrt(lo * hi);
            setRange(new org.jfree.data.Range(c / 1.2, c * 1.2), false, false);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        double lo = getLowerBound();
        double hi = getUpperBound();
        if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) {
            return super.refreshTicksVertical(g2, dataArea, edge);
        }
        TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
        List<NumberTick> ticks = new ArrayList<>();
        if (hi / lo < 10) {
            double step = niceStep((hi - lo) / TARGET_TICKS);
            for (long k = (long) Math.ceil(lo / step); k * step <= hi; k++) {
                double v = k * step;
                if (v > 0) {
                    ticks.add(new NumberTick(TickType.MAJOR, v, TickFormat.format3(v), anchor, anchor, 0.0));
                }
            }
        } else {
            // Whole powers of ten only (LogAxis also ticks half decades, labelled 3.162); every k-th when crowded.
            int first = (int) Math.ceil(Math.log10(lo) - 1e-9);
            int last = (int) Math.floor(Math.log10(hi) + 1e-9);
            int every = Math.max(1, (int) Math.ceil((last - first + 1) / (double) MAX_DECADE_TICKS));
            for (int e = first; e <= last; e++) {
                if (Math.floorMod(e, every) == 0) {
                    double v = Math.pow(10, e);
                    ticks.add(new NumberTick(TickType.MAJOR, v, TickFormat.format3(v), anchor, anchor, 0.0));
                }
            }
        }
        return ticks.size() >= 2 ? ticks : super.refreshTicksVertical(g2, dataArea, edge);
    }

    /** Power-of-ten ticks at most, on a range of many decades. */
    private static final int MAX_DECADE_TICKS = 10;

    /** The smallest of 1, 2, 5 × 10^k at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
