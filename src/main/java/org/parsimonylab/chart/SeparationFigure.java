package org.parsimonylab.chart;

import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * Layer-wise class separation D_l (docs/science.md M3) of the newest snapshot against the feature layer l, log y, with the
 * geometric fit D_l ≈ D_0·ρ^l drawn dashed when the run fits it ({@code separation-fit-ratio}, R² in the legend).
 */
public final class SeparationFigure extends Figure {
    private final XYSeriesCollection dataset = new BoundedSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    private final Map<String, StepSnapshot> latest = new LinkedHashMap<>();

    /** An empty figure. */
    public SeparationFigure() {
        super(ChartFactory.createXYLineChart(
                "Class separation by layer",
                "feature layer ℓ (0 = input)",
                "D_ℓ",
                null,
                PlotOrientation.VERTICAL,
                true,
                true,
                false));
        XYPlot plot = (XYPlot) chart().getPlot();
        plot.setDataset(dataset);
        plot.setRenderer(renderer);
        // Layers are whole numbers; a little room either side keeps the end markers whole.
        org.jfree.chart.axis.NumberAxis layers = (org.jfree.chart.axis.NumberAxis) plot.getDomainAxis();
        layers.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        layers.setAutoRangeStickyZero(false);
        layers.setLowerMargin(0.04);
        layers.setUpperMargin(0.04);
        plot.setNoDataMessage("no class separation in this run (classification data only)");
        setLogY(true);
        flush();
    }

    @Override
    public String description() {
        return "Within-class over between-class spread D_l at each feature layer, now. Progressive separation: trained"
                + " networks shrink D_l by a constant factor per layer, a straight line on this log scale (dashed:"
                + " the least-squares geometric fit).";
    }

    /** Shows {@code variant}'s newest separation values. */
    public void show(String variant, StepSnapshot s) {
        if (s.find("separation", 0).isEmpty()) {
            return;
        }
        latest.put(variant, s);
        hold();
        dataset.removeAllSeries();
        int k = 0;
        for (Map.Entry<String, StepSnapshot> e : latest.entrySet()) {
            StepSnapshot snap = e.getValue();
            List<double[]> points = new ArrayList<>();
            for (MetricSeries m : snap.series()) {
                if (m.name().equals("separation") && Double.isFinite(m.value()) && m.value() > 0) {
                    points.add(new double[] {m.layer(), m.value()});
                }
            }
            String name = latest.size() == 1 ? "D_l" : "D_l " + e.getKey();
            XYSeries measured = new XYSeries(name + " (step " + snap.step() + ")", true, false);
            for (double[] p : points) {
                measured.add(p[0], p[1], false);
            }
            dataset.addSeries(measured);
            renderer.setSeriesPaint(2 * k, ChartStyle.color(k), false);
            renderer.setSeriesShape(2 * k, new Ellipse2D.Double(-4, -4, 8, 8), false);
            renderer.setSeriesStroke(2 * k, ChartStyle.LINE, false);
            XYSeries fit = fit(snap, points, name);
            dataset.addSeries(fit);
            renderer.setSeriesPaint(2 * k + 1, ChartStyle.color(k), false);
            renderer.setSeriesStroke(2 * k + 1, ChartStyle.DASHED, false);
            renderer.setSeriesShapesVisible(2 * k + 1, false);
            k++;
        }
    }

    private static XYSeries fit(StepSnapshot s, List<double[]> points, String name) {
        double ratio = s.find("separation-fit-ratio", MetricSeries.NO_LAYER)
                .map(MetricSeries::value)
                .orElse(Double.NaN);
        double r2 = s.find("separation-fit-r2", MetricSeries.NO_LAYER)
                .map(MetricSeries::value)
                .orElse(Double.NaN);
        XYSeries fit = new XYSeries(
                String.format(Locale.ROOT, "fit %s: ×%.3g per layer, R² %.3f", name, ratio, r2), true, false);
        if (!(ratio > 0) || points.isEmpty()) {
            return fit;
        }
        // The probe reports the ratio; the intercept is the least-squares one in log space for that slope.
        double logRatio = Math.log(ratio);
        double sum = 0;
        for (double[] p : points) {
            sum += Math.log(p[1]) - p[0] * logRatio;
        }
        double logD0 = sum / points.size();
        for (double[] p : points) {
            fit.add(p[0], Math.exp(logD0 + p[0] * logRatio), false);
        }
        return fit;
    }

    /** The dataset: measured and fitted series per variant. */
    public XYSeriesCollection dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        latest.clear();
        dataset.removeAllSeries();
    }
}
