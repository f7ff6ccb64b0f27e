package org.parsimonylab.chart;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * Axes that stay readable on degenerate data: at step 0 or on a flat line JFreeChart shrinks the range to ±5e-9
 * around the value and repeats one tick label ("0.1605" six times). These widen such a range to a sensible one, and
 * step and index axes take integer ticks only.
 */
public final class Axes {
    private Axes() {}

    /** Makes {@code plot}'s x axis a step axis: integer ticks, at least one step wide. */
    public static void stepAxis(XYPlot plot) {
        String label =
                plot.getDomainAxis() == null ? "step" : plot.getDomainAxis().getLabel();
        SafeAxis x = new SafeAxis(label, true);
        ChartStyle.styleAxis(x);
        plot.setDomainAxis(x);
    }

    /** Makes {@code plot}'s x axis an index axis: integer ticks, keeping its label. */
    public static void indexAxis(XYPlot plot) {
        SafeAxis x = new SafeAxis(plot.getDomainAxis().getLabel(), true);
        x.setLowerMargin(0.02);
        x.setUpperMargin(0.02);
        ChartStyle.styleAxis(x);
        plot.setDomainAxis(x);
    }

    /** A linear value axis that widens a flat range; with {@code integer}, ticks are whole numbers only. */
    public static NumberAxis axis(String label, boolean integer) {
        SafeAxis a = new SafeAxis(label, integer);
        ChartStyle.styleAxis(a);
        return a;
    }

    /** The range shown for data spanning {@code r}: r itself unless it is (nearly) a single value. */
    static Range widen(Range r, boolean integer) {
        double c = r.getCentralValue();
        if (integer) {
            if (r.getLength() >= 1) {
                return r;
            }
            double lo = Math.floor(c + 1e-6);
            return new Range(lo, lo + 1);
        }
        double scale = Math.max(Math.abs(c), 1e-12);
        if (r.getLength() > scale * 1e-4) {
            return r;
        }
        if (c == 0) {
            return new Range(0, 1);
        }
        double half = Math.abs(c) * 0.05;
        return new Range(c - half, c + half);
    }

    /** A NumberAxis whose automatic range is never degenerate and whose label's math is typeset ({@link Tex}). */
    static final class SafeAxis extends NumberAxis {
        private static final long serialVersionUID = 1L;

        private final boolean integer;

        SafeAxis(String label, boolean integer) {
            super(label);
            this.integer = integer;
            setAutoRangeIncludesZero(false);
            if (integer) {
                setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
        }

        @Override
        protected java.awt.geom.Rectangle2D getLabelEnclosure(
                java.awt.Graphics2D g2, org.jfree.chart.ui.RectangleEdge edge) {
            java.awt.geom.Rectangle2D tex = Tex.labelEnclosure(this, edge);
            return tex != null ? tex : super.getLabelEnclosure(g2, edge);
        }

        @Override
        protected org.jfree.chart.axis.AxisState drawLabel(
                String label,
                java.awt.Graphics2D g2,
                java.awt.geom.Rectangle2D plotArea,
                java.awt.geom.Rectangle2D dataArea,
                org.jfree.chart.ui.RectangleEdge edge,
                org.jfree.chart.axis.AxisState state) {
            org.jfree.chart.axis.AxisState tex = Tex.drawLabel(this, label, g2, dataArea, edge, state);
            return tex != null ? tex : super.drawLabel(label, g2, plotArea, dataArea, edge, state);
        }

        @Override
        protected void autoAdjustRange() {
            super.autoAdjustRange();
            if (!isAutoRange()) {
                return;
            }
            Range r = getRange();
            Range w = widen(r, integer);
            if (!w.equals(r)) {
                setRange(w, false, false);
            }
        }
    }
}
