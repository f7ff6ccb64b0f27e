package org.parsimonylab.chart;

import java.util.function.Predicate;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * Lines over time of every metric whose name a filter accepts, for the selected layer (and layer-less ones): the
 * figure draws whatever the run measures and says so when it measures none of them.
 */
public class MetricLinesFigure extends Figure {
    private final XYSeriesCollection dataset = new BoundedSeriesCollection();
    private final LayerHistories histories = new LayerHistories(dataset);
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final Predicate<String> accepts;
    private final String description;
    private final String baseTitle;

    /** A figure titled {@code title} of the metrics {@code accepts} takes. */
    protected MetricLinesFigure(
            String title, String yLabel, String description, String noData, Predicate<String> accepts) {
        super(ChartFactory.createXYLineChart(title, "step", yLabel, null, PlotOrientation.VERTICAL, true, true, false));
        this.accepts = accepts;
        this.description = description;
        this.baseTitle = title;
        XYPlot plot = (XYPlot) chart().getPlot();
        plot.setDataset(dataset);
        renderer.setDefaultStroke(ChartStyle.LINE);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDrawSeriesLineAsPath(true);
        // Legends say what a line is in words, never the metric's code name.
        renderer.setLegendItemLabelGenerator(
                (data, series) -> Labels.metric(data.getSeriesKey(series).toString()));
        plot.setRenderer(renderer);
        Axes.stepAxis(plot);
        plot.setNoDataMessage(noData);
        setLogY(false);
        flush();
    }

    @Override
    public String description() {
        return description;
    }

    /** Shows layer {@code layer}'s lines. */
    public void selectLayer(int layer) {
        hold();
        histories.select(layer);
        this.layer = layer;
        retitle();
        recolor();
    }

    private int layer = 1;
    private String variant = "";

    /** Names the variant in the title ("" for none). */
    public void setVariant(String name) {
        variant = name == null ? "" : name;
        hold();
        retitle();
    }

    /** Whether the title names the selected layer (false for metrics of the whole network). */
    protected boolean namesLayer() {
        return true;
    }

    private void retitle() {
        String t = namesLayer() ? baseTitle + " of W" + Labels.sub(layer) : baseTitle;
        chart().getTitle().setText(Labels.withVariant(t, variant));
    }

    /** Appends the accepted metrics of {@code s}. */
    public void add(StepSnapshot s) {
        int before = dataset.getSeriesCount();
        for (MetricSeries m : s.series()) {
            if (!accepts.test(m.name())) {
                continue;
            }
            double v = Metrics.scalar(m);
            if (!Double.isFinite(v)) {
                continue;
            }
            HistorySeries h = histories.line(m.layer(), m.name());
            h.add(s.step(), v);
            if (histories.shows(m.layer())) {
                touch(h.series());
            }
        }
        if (dataset.getSeriesCount() != before) {
            hold();
            recolor();
        }
    }

    private void recolor() {
        for (int k = 0; k < dataset.getSeriesCount(); k++) {
            renderer.setSeriesPaint(k, ChartStyle.color(k), false);
        }
    }

    /** The dataset of the selected layer. */
    public XYSeriesCollection dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        histories.clear();
    }
}
