package org.parsimonylab.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.parsimonylab.sweep.SweepStatistics;
import org.parsimonylab.sweep.SweepSummary;

/**
 * A phase diagram: the mean over trials of one summary column for every pair of two swept values (one
 * {@link SweepStatistics.Grid}), a cell per pair in sweep order on both axes, coloured by the mean (viridis) and
 * labelled with it; grey cells have no finished run with a value (e.g. never reached the loss tolerance).
 */
public final class SweepHeatMapFigure extends Figure {
    private final DefaultXYZDataset dataset = new DefaultXYZDataset();
    private final SweepStatistics.Grid grid;
    private final String metric;

    /**
     * The heat map of {@code metric} over {@code x} × {@code y} for the grid {@code which} of
     * {@link SweepStatistics#grids} (0 when the sweep has no other swept values).
     */
    public SweepHeatMapFigure(SweepSummary summary, String metric, String x, String y, int which) {
        this(SweepStatistics.grids(summary, metric, x, y).get(which), metric, x, y);
    }

    /** The heat map of one grid. */
    public SweepHeatMapFigure(SweepStatistics.Grid grid, String metric, String x, String y) {
        super(newChart(grid, metric, x, y));
        this.grid = grid;
        this.metric = metric;
        XYPlot plot = (XYPlot) chart().getPlot();
        int nx = grid.xValues().size();
        int ny = grid.yValues().size();
        double[][] xyz = new double[3][nx * ny];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int yi = 0; yi < ny; yi++) {
            for (int xi = 0; xi < nx; xi++) {
                int k = yi * nx + xi;
                double m = grid.cells()[yi][xi].mean();
                xyz[0][k] = xi;
                xyz[1][k] = yi;
                xyz[2][k] = m;
                if (Double.isFinite(m)) {
                    lo = Math.min(lo, m);
                    hi = Math.max(hi, m);
                }
            }
        }
        dataset.addSeries(metric, xyz);
        WaterfallFigure.ViridisScale scale = new WaterfallFigure.ViridisScale();
        if (lo <= hi) {
            scale.setRange(lo, hi);
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        plot.setDataset(dataset);
        plot.setRenderer(renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (int yi = 0; yi < ny; yi++) {
            for (int xi = 0; xi < nx; xi++) {
                double m = grid.cells()[yi][xi].mean();
                XYTextAnnotation a = new XYTextAnnotation(Double.isFinite(m) ? format(m) : "–", xi, yi);
                a.setFont(new Font(ChartStyle.FAMILY, Font.PLAIN, 14));
                double t = (m - scale.getLowerBound()) / (scale.getUpperBound() - scale.getLowerBound());
                a.setPaint(Double.isFinite(t) && t > 0.6 ? Color.BLACK : Color.WHITE);
                renderer.addAnnotation(a);
            }
        }
        NumberAxis legendAxis = new NumberAxis(metric);
        ChartStyle.styleAxis(legendAxis);
        legendAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(10);
        legend.setBackgroundPaint(Color.WHITE);
        chart().addSubtitle(legend);
        plot.setNoDataMessage("no finished runs");
        flush();
    }

    private static JFreeChart newChart(SweepStatistics.Grid grid, String metric, String x, String y) {
        SymbolAxis xAxis = new SymbolAxis(
                SweepStatistics.shortName(x) + " (" + x + ")", grid.xValues().toArray(String[]::new));
        SymbolAxis yAxis = new SymbolAxis(
                SweepStatistics.shortName(y) + " (" + y + ")", grid.yValues().toArray(String[]::new));
        xAxis.setGridBandsVisible(false);
        yAxis.setGridBandsVisible(false);
        ChartStyle.styleAxis(xAxis);
        ChartStyle.styleAxis(yAxis);
        XYPlot plot = new XYPlot(null, xAxis, yAxis, null);
        String title = Labels.metric(metric) + " over " + SweepStatistics.shortName(x) + " × "
                + SweepStatistics.shortName(y) + (grid.label().isEmpty() ? "" : " (" + grid.label() + ")");
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    /** Three significant digits, plain or scientific. */
    static String format(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5)
                ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    @Override
    public String description() {
        return "Phase diagram: each cell is the mean of " + metric + " over the trials of one pair of swept values;"
                + " grey cells have no finished run with a value.";
    }

    @Override
    public boolean supportsLogY() {
        return false;
    }

    /** The grid drawn. */
    public SweepStatistics.Grid grid() {
        return grid;
    }

    /** The dataset: x = column index, y = row index, z = mean (NaN for an empty cell). */
    public DefaultXYZDataset dataset() {
        return dataset;
    }

    /** The column drawn. */
    public String metric() {
        return metric;
    }

    @Override
    public void clear() {
        hold();
        if (dataset.getSeriesCount() > 0) {
            dataset.removeSeries(dataset.getSeriesKey(0));
        }
    }
}
