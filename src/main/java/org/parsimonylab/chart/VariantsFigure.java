package org.parsimonylab.chart;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * The variants of a preset overlaid against training wall time, with their measured steps per second in the legend:
 * the view that shows a compressed network reaching the wide network's loss in a fraction of the time.
 */
public final class VariantsFigure extends Figure {
    private final XYSeriesCollection dataset = new BoundedSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final Map<String, HistorySeries> byVariant = new LinkedHashMap<>();
    private final Map<String, String> shownRate = new LinkedHashMap<>();

    /** An empty figure. */
    public VariantsFigure() {
        super(ChartFactory.createXYLineChart(
                "Variants: loss against training time",
                "training time (s)",
                "loss",
                null,
                PlotOrientation.VERTICAL,
                true,
                true,
                false));
        XYPlot plot = (XYPlot) chart().getPlot();
        plot.setDataset(dataset);
        renderer.setDefaultStroke(ChartStyle.LINE);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDrawSeriesLineAsPath(true);
        plot.setRenderer(renderer);
        plot.setNoDataMessage("waiting for the first step");
        setLogY(true);
        flush();
    }

    @Override
    public String description() {
        return "Every variant's loss against its own training wall time (monitoring excluded), with its measured steps"
                + " per second: which network gets there first, not only in fewer steps.";
    }

    /** Appends {@code variant}'s loss at its training time; {@code stepsPerSecond} labels its line. */
    public void add(String variant, StepSnapshot s, double stepsPerSecond) {
        double loss = s.loss();
        // Run folders do not record training time: such snapshots have no place on this chart.
        if (!Double.isFinite(loss) || !Double.isFinite(s.elapsedSeconds())) {
            return;
        }
        HistorySeries h = byVariant.computeIfAbsent(variant, v -> {
            HistorySeries n = new HistorySeries(v, HistorySeries.DEFAULT_CAPACITY);
            hold();
            dataset.addSeries(n.series());
            int i = dataset.getSeriesCount() - 1;
            renderer.setSeriesPaint(i, ChartStyle.color(i), false);
            return n;
        });
        h.add(s.elapsedSeconds(), loss);
        touch(h.series());
        String rate = Double.isFinite(stepsPerSecond) ? label(variant, stepsPerSecond) : variant;
        if (!rate.equals(shownRate.get(variant))) {
            shownRate.put(variant, rate);
            h.series().setKey(rate);
        }
    }

    static String label(String variant, double stepsPerSecond) {
        // "1,230 steps/s" rather than %g's "1.23e+03": nobody reads exponents in a legend.
        String rate = stepsPerSecond >= 100
                ? String.format(Locale.ROOT, "%,.0f", stepsPerSecond)
                : String.format(Locale.ROOT, "%.3g", stepsPerSecond);
        return variant + " (" + rate + " steps/s)";
    }

    /** The dataset, one series per variant. */
    public XYSeriesCollection dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        byVariant.clear();
        shownRate.clear();
        dataset.removeAllSeries();
    }
}
