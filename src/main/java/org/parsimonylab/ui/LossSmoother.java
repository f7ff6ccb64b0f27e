package org.parsimonylab.ui;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.general.DatasetChangeListener;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.chart.Figure;

/**
 * Exponential smoothing of a line chart's series for noisy (mini-batch) losses, as TensorBoard does: a second
 * dataset of smoothed lines s_t = w·s_{t−1} + (1−w)·y_t, debiased by 1 − w^n after n points (so the first points are
 * not pulled to 0), in log10 y when the y axis is logarithmic (a loss spanning decades is smoothed by factors, not by
 * its early values); the raw lines stay, faint. Recomputed whenever the raw data change (within the figure's held
 * notification, so one flush is still one redraw). w = 0 shows the raw lines alone. FX thread only.
 */
public final class LossSmoother {
    /** Alpha of a raw line while smoothing is on. */
    static final int FAINT_ALPHA = 60;

    private final Figure figure;
    private final XYPlot plot;
    private final XYSeriesCollection raw;
    private final XYSeriesCollection smoothed = new org.parsimonylab.chart.BoundedSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final int index;
    private double weight;
    private boolean updating;

    /** A smoother of {@code figure}'s first dataset (an {@link XYSeriesCollection}), off until {@link #setWeight}. */
    public LossSmoother(Figure figure) {
        this.figure = figure;
        this.plot = figure.chart().getXYPlot();
        this.raw = (XYSeriesCollection) plot.getDataset(0);
        this.index = plot.getDatasetCount();
        renderer.setDefaultSeriesVisibleInLegend(false);
        renderer.setDrawSeriesLineAsPath(true);
        DatasetChangeListener listener = e -> {
            if (!updating) {
                recompute();
            }
        };
        raw.addChangeListener(listener);
    }

    /** Sets w in [0, 0.999] and redraws. */
    public void setWeight(double w) {
        if (!(w >= 0 && w <= 0.999)) {
            throw new IllegalArgumentException("smoothing must be in [0, 0.999] (got " + w + ")");
        }
        weight = w;
        boolean notify = figure.chart().isNotify();
        figure.chart().setNotify(false);
        recompute();
        figure.chart().setNotify(notify);
    }

    /** The smoothing weight w. */
    public double weight() {
        return weight;
    }

    /** The smoothed lines (empty while w = 0). */
    public XYSeriesCollection smoothed() {
        return smoothed;
    }

    private void recompute() {
        updating = true;
        try {
            XYItemRenderer rawRenderer = plot.getRenderer(0); // raw is dataset 0 (maybe seen through a WallTimeDataset)
            boolean on = weight > 0;
            if (!on) {
                if (plot.getDataset(index) != null) {
                    plot.setDataset(index, null);
                }
                for (int s = 0; s < raw.getSeriesCount(); s++) {
                    setAlpha(rawRenderer, s, 255);
                }
                smoothed.removeAllSeries();
                return;
            }
            boolean log = figure.isLogY();
            smoothed.removeAllSeries();
            for (int s = 0; s < raw.getSeriesCount(); s++) {
                XYSeries in = raw.getSeries(s);
                XYSeries out = new XYSeries(in.getKey(), false, true);
                double m = 0;
                double wn = 1;
                for (int i = 0; i < in.getItemCount(); i++) {
                    double y = in.getY(i).doubleValue();
                    if (log && !(y > 0) || !Double.isFinite(y)) {
                        continue;
                    }
                    double v = log ? Math.log10(y) : y;
                    m = weight * m + (1 - weight) * v;
                    wn *= weight;
                    double debiased = m / (1 - wn);
                    out.add(in.getX(i).doubleValue(), log ? Math.pow(10, debiased) : debiased, false);
                }
                smoothed.addSeries(out);
                Paint p = rawRenderer.getSeriesPaint(s);
                boolean hidden = ChartReadout.isHidden(p);
                Color solid = p instanceof Color c ? new Color(c.getRed(), c.getGreen(), c.getBlue()) : Color.BLACK;
                renderer.setSeriesPaint(s, hidden ? transparent() : solid, false);
                renderer.setSeriesStroke(s, rawRenderer.getSeriesStroke(s), false);
                if (!hidden) {
                    setAlpha(rawRenderer, s, FAINT_ALPHA);
                }
            }
            if (WallTimeDataset.unwrap(plot.getDataset(index)) != smoothed) {
                plot.setDataset(index, smoothed);
                plot.setRenderer(index, renderer);
                plot.mapDatasetToRangeAxis(index, 0);
            }
        } finally {
            updating = false;
        }
    }

    private static Color transparent() {
        return new Color(0, 0, 0, ChartReadout.HIDDEN_ALPHA);
    }

    private static void setAlpha(XYItemRenderer r, int s, int alpha) {
        Paint p = r.getSeriesPaint(s);
        if (p instanceof Color c && !ChartReadout.isHidden(c) && c.getAlpha() != alpha) {
            r.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha), false);
        }
    }
}
