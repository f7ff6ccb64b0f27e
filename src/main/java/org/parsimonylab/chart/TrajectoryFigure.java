package org.parsimonylab.chart;

import java.awt.BasicStroke;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * The end-to-end trajectories of E6/E7 on one plane (docs/science.md M5): for each variant the recorded metric {@code
 * trajectory}, (u₁ᵀ W_{L:1} v₁, u₂ᵀ W_{L:1} v₂) over steps, with u_j, v_j the top singular pairs of Φ, the same axes
 * for every variant. The paper's claim is that the wide network and its compressed twin draw the same curve; the first
 * variant is a thick line, the others dashed on top of it, so a coincident pair shows as one dashed thick line.
 */
public final class TrajectoryFigure extends Figure {
    /** The metric drawn. */
    public static final String METRIC = "trajectory";

    private final XYSeriesCollection dataset;
    private final Map<String, XYSeries> byVariant = new LinkedHashMap<>();
    private final Map<String, Long> lastStep = new LinkedHashMap<>();

    /** An empty trajectory figure. */
    public TrajectoryFigure() {
        this(new BoundedSeriesCollection());
    }

    private TrajectoryFigure(XYSeriesCollection dataset) {
        super(ChartFactory.createXYLineChart(
                "End-to-end trajectory on the top directions of Φ",
                "u₁ᵀ W v₁",
                "u₂ᵀ W v₂",
                dataset,
                PlotOrientation.VERTICAL,
                true,
                true,
                false));
        this.dataset = dataset;
        XYPlot plot = (XYPlot) chart().getPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        plot.setRenderer(r);
        // The first variant (wide) underneath, the dashed twin on top of it.
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        plot.setDomainAxis(Axes.axis("u₁ᵀ W v₁", false));
        plot.setRangeAxis(Axes.axis("u₂ᵀ W v₂", false));
        plot.setNoDataMessage("this run records no trajectory (it needs a wide network and a compressed twin)");
        flush();
    }

    @Override
    public String description() {
        return "The end-to-end matrix W = W_L⋯W_1 of each variant projected on the top two singular directions u_j v_jᵀ"
                + " of the target Φ, over training (metric trajectory). The theory predicts that the compressed network"
                + " follows the wide one: the two curves coincide (E6, E7).";
    }

    /** Appends the point of {@code variant} at the snapshot's step (snapshots in step order). */
    public void add(String variant, StepSnapshot s) {
        Optional<MetricSeries> m = s.find(METRIC, MetricSeries.NO_LAYER);
        if (m.isEmpty() || m.get().values().length < 2) {
            return;
        }
        Long seen = lastStep.get(variant);
        if (seen != null && s.step() <= seen) {
            return;
        }
        lastStep.put(variant, s.step());
        double[] c = m.get().values();
        XYSeries series = byVariant.computeIfAbsent(variant, v -> {
            XYSeries n = new XYSeries(v, false, true);
            hold();
            dataset.addSeries(n);
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) ((XYPlot) chart().getPlot()).getRenderer();
            int i = dataset.getSeriesCount() - 1;
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesStroke(
                    i,
                    i == 0
                            ? new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                            : new BasicStroke(
                                    1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
            return n;
        });
        series.add(c[0], c[1], false);
        touch(series);
    }

    /** The dataset: one series per variant, points in step order. */
    public XYSeriesCollection dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        byVariant.clear();
        lastStep.clear();
        dataset.removeAllSeries();
    }
}
