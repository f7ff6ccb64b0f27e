package org.parsimonylab.chart;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.parsimonylab.sweep.SweepStatistics;
import org.parsimonylab.sweep.SweepSummary;

/**
 * Mean ± standard deviation over trials of one summary column against one swept value, one line per combination of
 * the other swept values (a sweep's {@link SweepStatistics#lines}); the band is mean ± std. Numeric swept values are
 * placed at their value (on a log axis when they are positive and span 50× or more, as log ranges do), other values
 * (e.g. activations) evenly in sweep order.
 */
public final class SweepLinesFigure extends Figure {
    private static final java.awt.Shape[] SHAPES =
            org.jfree.chart.plot.DefaultDrawingSupplier.createStandardSeriesShapes();

    private final YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    private final List<SweepStatistics.Line> lines;
    private final String metric;
    private final String x;

    /** The figure of {@code metric} against the swept column {@code x} of {@code summary}. */
    public SweepLinesFigure(SweepSummary summary, String metric, String x) {
        this(SweepStatistics.lines(summary, metric, x), metric, x);
    }

    private SweepLinesFigure(List<SweepStatistics.Line> lines, String metric, String x) {
        super(newChart(lines, metric, x));
        this.lines = List.copyOf(lines);
        this.metric = metric;
        this.x = x;
        XYPlot plot = (XYPlot) chart().getPlot();
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.18f);
        renderer.setDefaultStroke(ChartStyle.LINE);
        renderer.setAutoPopulateSeriesStroke(false);
        double[] positions =
                positions(lines.isEmpty() ? List.of() : lines.get(0).xValues());
        double[] range = meanRange(lines);
        int trials = lines.stream()
                .flatMap(l -> l.cells().stream())
                .mapToInt(SweepStatistics.Cell::n)
                .max()
                .orElse(0);
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        boolean nonNegative = range[0] >= 0;
        boolean logY = logY(range);
        int series = 0;
        for (int k = 0; k < lines.size(); k++) {
            SweepStatistics.Line line = lines.get(k);
            String key = line.label().isEmpty() ? metric : line.label();
            // A swept value with no run to average (none reached the tolerance, all failed) breaks the line: the
            // points on each side are separate series of the same colour, so no line is drawn across the gap.
            YIntervalSeries s = null;
            int part = 0;
            for (int i = 0; i < line.cells().size(); i++) {
                SweepStatistics.Cell c = line.cells().get(i);
                if (c.n() == 0) {
                    s = null;
                    continue;
                }
                if (s == null) {
                    s = new YIntervalSeries(part == 0 ? key : key + " (part " + (part + 1) + ")", false, true);
                    dataset.addSeries(s);
                    renderer.setSeriesPaint(series, ChartStyle.color(k), false);
                    renderer.setSeriesFillPaint(series, ChartStyle.color(k), false);
                    renderer.setSeriesVisibleInLegend(series, part == 0, false);
                    // One marker per line (JFreeChart's standard sequence), not per series: the pieces of a line share
                    // it.
                    renderer.setSeriesShape(series, SHAPES[k % SHAPES.length], false);
                    part++;
                    series++;
                }
                double low = c.mean() - c.std();
                // A column whose means are all >= 0 (losses, errors, steps, seconds) cannot go below 0; on a log
                // axis a band reaching 0 is cut a decade below the smallest mean (the bottom of the plot).
                if (logY) {
                    low = Math.max(low, range[0] / 10);
                } else if (nonNegative) {
                    low = Math.max(low, 0);
                }
                counts.put(((long) (series - 1) << 32) | s.getItemCount(), c.n());
                s.add(positions[i], c.mean(), low, c.mean() + c.std());
            }
            if (part == 0) {
                // A line with no value at all still has its legend entry.
                dataset.addSeries(new YIntervalSeries(key, false, true));
                renderer.setSeriesPaint(series, ChartStyle.color(k), false);
                renderer.setSeriesFillPaint(series, ChartStyle.color(k), false);
                series++;
            }
        }
        // A point averaged over fewer runs than the others (runs that failed or never reached the tolerance are
        // left out) says so: "1/3" beside it.
        renderer.setDefaultItemLabelGenerator((data, row, item) -> {
            Integer n = counts.get(((long) row << 32) | item);
            return n == null || n >= trials ? null : n + "/" + trials;
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new java.awt.Font(ChartStyle.FAMILY, java.awt.Font.PLAIN, 10));
        plot.setDataset(dataset);
        plot.setRenderer(renderer);
        plot.setNoDataMessage("no finished runs with a value of " + metric);
        flush();
    }

    private static JFreeChart newChart(List<SweepStatistics.Line> lines, String metric, String x) {
        List<String> values = lines.isEmpty() ? List.of() : lines.get(0).xValues();
        ValueAxis xAxis;
        String label = SweepStatistics.shortName(x) + " (" + x + ")";
        if (numeric(values)) {
            double[] v = positions(values);
            double lo = java.util.Arrays.stream(v).min().orElse(1);
            double hi = java.util.Arrays.stream(v).max().orElse(1);
            xAxis = lo > 0 && hi / lo >= 50 ? ChartStyle.valueAxis(label, true) : ChartStyle.valueAxis(label, false);
        } else {
            xAxis = new SymbolAxis(label, values.toArray(String[]::new));
            ChartStyle.styleAxis(xAxis);
        }
        ValueAxis y = ChartStyle.valueAxis(Labels.metric(metric) + " (mean ± std)", logY(meanRange(lines)));
        XYPlot plot = new XYPlot(null, xAxis, y, null);
        String title = Labels.metric(metric) + " against " + SweepStatistics.shortName(x);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, lines.size() > 1);
    }

    /** The smallest and largest finite mean over every cell ({0, 0} when there is none). */
    static double[] meanRange(List<SweepStatistics.Line> lines) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SweepStatistics.Line line : lines) {
            for (SweepStatistics.Cell c : line.cells()) {
                if (c.n() > 0 && Double.isFinite(c.mean())) {
                    lo = Math.min(lo, c.mean());
                    hi = Math.max(hi, c.mean());
                }
            }
        }
        return lo > hi ? new double[] {0, 0} : new double[] {lo, hi};
    }

    /** A log y axis when every mean is positive and they span 50× or more (E4's recovery errors: 1e-9 to 1e-3). */
    static boolean logY(double[] range) {
        return range[0] > 0 && range[1] / range[0] >= 50;
    }

    /** Whether every value parses as a finite number. */
    static boolean numeric(List<String> values) {
        for (String v : values) {
            try {
                if (!Double.isFinite(Double.parseDouble(v))) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** The x position of each value: the number, or its index when some value is not a number. */
    static double[] positions(List<String> values) {
        double[] out = new double[values.size()];
        boolean numeric = numeric(values);
        for (int i = 0; i < out.length; i++) {
            out[i] = numeric ? Double.parseDouble(values.get(i)) : i;
        }
        return out;
    }

    @Override
    public String description() {
        return "Each point is the mean of " + metric + " over the trials of one swept value of " + x
                + "; the band is ± one sample standard deviation; one line per combination of the other swept values.";
    }

    /** The lines drawn, as computed from the summary. */
    public List<SweepStatistics.Line> lines() {
        return lines;
    }

    /** The dataset: series k is line k, with x, mean, mean − std and mean + std per finished point. */
    public YIntervalSeriesCollection dataset() {
        return dataset;
    }

    /** The column drawn. */
    public String metric() {
        return metric;
    }

    /** The swept column on the x axis. */
    public String x() {
        return x;
    }

    @Override
    public void clear() {
        hold();
        dataset.removeAllSeries();
    }
}
