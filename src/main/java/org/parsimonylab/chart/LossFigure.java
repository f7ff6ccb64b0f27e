package org.parsimonylab.chart;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.StepSnapshot;

/** Training loss against step, one line per variant, log y by default. */
public final class LossFigure extends Figure {
    private final XYSeriesCollection dataset;
    private final Map<String, HistorySeries> byVariant = new LinkedHashMap<>();

    /** An empty loss figure. */
    public LossFigure() {
        this(new BoundedSeriesCollection());
    }

    private LossFigure(XYSeriesCollection dataset) {
        super(ChartFactory.createXYLineChart(
                "Loss", "step", "loss", dataset, PlotOrientation.VERTICAL, true, true, false));
        this.dataset = dataset;
        XYPlot plot = (XYPlot) chart().getPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        plot.setRenderer(r);
        plot.setNoDataMessage("waiting for the first step");
        Axes.stepAxis(plot);
        setLogY(true);
        flush();
    }

    @Override
    public String description() {
        return "Training loss per step, one line per variant (log scale). Plateaus followed by sudden drops are the"
                + " saddle-to-saddle dynamics of small initialisations.";
    }

    /** Appends the loss of {@code variant} at the snapshot's step. */
    public void add(String variant, StepSnapshot s) {
        double loss = s.loss();
        if (!Double.isFinite(loss)) {
            return;
        }
        HistorySeries h = byVariant.computeIfAbsent(variant, v -> {
            HistorySeries n = new HistorySeries(v, HistorySeries.DEFAULT_CAPACITY);
            hold();
            dataset.addSeries(n.series());
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) ((XYPlot) chart().getPlot()).getRenderer();
            int i = dataset.getSeriesCount() - 1;
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesStroke(i, ChartStyle.LINE);
            return n;
        });
        h.add(s.step(), loss);
        touch(h.series());
        // A lone legend entry ("main") says nothing: the legend appears from the second variant on.
        chart().getLegend().setVisible(dataset.getSeriesCount() > 1);
    }

    /** The number of points of {@code variant}'s line. */
    public int points(String variant) {
        HistorySeries h = byVariant.get(variant);
        return h == null ? 0 : h.size();
    }

    /** The dataset (one series per variant). */
    public XYSeriesCollection dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        byVariant.clear();
        dataset.removeAllSeries();
    }
}
