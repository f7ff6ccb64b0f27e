package org.parsimonylab.ui;

import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * What the crosshair reads on an XY chart: the data point nearest the pointer on screen (Euclidean distance in
 * pixels over every shown series of every dataset of the plot; hidden series, see {@link #isHidden}, are skipped),
 * with its series name, x, y and, for a heat map, the value z. No JavaFX: the pointer and the data area come in
 * chart-canvas pixels.
 *
 * @param series the series' name (its key)
 * @param x the point's x (step, index, …)
 * @param y the point's y
 * @param z the heat-map value at the point, NaN for a line chart
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 */
public record ChartReadout(String series, double x, double y, double z, String xLabel, String yLabel) {
    /** Alpha of a series' paint that marks it hidden (a legend click). */
    static final int HIDDEN_ALPHA = 0;

    /** The point of {@code plot} nearest the pointer ({@code px}, {@code py}) over {@code dataArea}, or null. */
    public static ChartReadout nearest(XYPlot plot, Rectangle2D dataArea, double px, double py) {
        ChartReadout best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            if (ds == null) {
                continue;
            }
            XYItemRenderer r = plot.getRendererForDataset(ds);
            ValueAxis xa = plot.getDomainAxisForDataset(d);
            ValueAxis ya = plot.getRangeAxisForDataset(d);
            for (int s = 0; s < ds.getSeriesCount(); s++) {
                if (r != null && (!r.isSeriesVisible(s) || isHidden(r.getSeriesPaint(s)))) {
                    continue;
                }
                for (int i = 0; i < ds.getItemCount(s); i++) {
                    double x = ds.getXValue(s, i);
                    double y = ds.getYValue(s, i);
                    double sx = xa.valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
                    double sy = ya.valueToJava2D(y, dataArea, plot.getRangeAxisEdge());
                    double dist = Math.hypot(sx - px, sy - py);
                    if (Double.isFinite(dist) && dist < bestDistance) {
                        bestDistance = dist;
                        double z = ds instanceof XYZDataset xyz ? xyz.getZValue(s, i) : Double.NaN;
                        best = new ChartReadout(String.valueOf(ds.getSeriesKey(s)), x, y, z, label(xa), label(ya));
                    }
                }
            }
        }
        return best;
    }

    private static String label(ValueAxis a) {
        return a.getLabel() == null ? "x" : a.getLabel();
    }

    /** Whether {@code paint} marks a hidden series. */
    static boolean isHidden(Paint paint) {
        return paint instanceof Color c && c.getAlpha() == HIDDEN_ALPHA;
    }

    /** One line for the chart header, e.g. "step 120 · σ1 = 0.981" or "step 120 · index 3 · value 0.5". */
    public String text() {
        if (!Double.isNaN(z)) {
            return xLabel + " " + Format.sig(x) + " · " + yLabel + " " + Format.sig(y) + " · value " + Format.sig(z);
        }
        return xLabel + " " + Format.sig(x) + " · " + series + " = " + Format.sig(y);
    }
}
