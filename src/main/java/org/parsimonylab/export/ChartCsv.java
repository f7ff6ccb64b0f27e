package org.parsimonylab.export;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * Exactly the numbers a chart draws, as CSV in long format: every series of every dataset of the plot, one row per
 * point, {@code dataset,series,x,y,z} ({@code z} only for heat maps), after {@code #} lines naming the app version,
 * the chart, its axes and the preset (one-line JSON). Values print with {@link Double#toString} (exact round trip),
 * {@code nan}, {@code inf}, {@code -inf}.
 */
public final class ChartCsv {
    /** The column header. */
    public static final String HEADER = "dataset,series,x,y,z";

    private ChartCsv() {}

    /** The CSV of {@code chart}'s data (call on the thread that changes the chart, or on a detached copy). */
    public static String of(JFreeChart chart, FigureMetadata meta) {
        StringBuilder sb = new StringBuilder();
        String title = chart.getTitle() == null ? "" : chart.getTitle().getText();
        sb.append("# ")
                .append(meta.software())
                .append(": ")
                .append(IoMessages.oneLine(title))
                .append('\n');
        if (chart.getPlot() instanceof XYPlot plot) {
            sb.append("# x: ")
                    .append(label(
                            plot.getDomainAxis() == null
                                    ? ""
                                    : plot.getDomainAxis().getLabel()))
                    .append(", y: ")
                    .append(label(
                            plot.getRangeAxis() == null
                                    ? ""
                                    : plot.getRangeAxis().getLabel()))
                    .append('\n');
        }
        if (!meta.presetJson().isEmpty()) {
            sb.append("# preset: ").append(meta.presetOneLine()).append('\n');
        }
        sb.append(HEADER).append('\n');
        if (chart.getPlot() instanceof XYPlot plot) {
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                XYDataset ds = plot.getDataset(d);
                if (ds == null) {
                    continue;
                }
                for (int s = 0; s < ds.getSeriesCount(); s++) {
                    String head = d + "," + field(String.valueOf(ds.getSeriesKey(s))) + ",";
                    for (int i = 0; i < ds.getItemCount(s); i++) {
                        sb.append(head)
                                .append(MetricsCsv.format(ds.getXValue(s, i)))
                                .append(',')
                                .append(MetricsCsv.format(ds.getYValue(s, i)))
                                .append(',');
                        if (ds instanceof XYZDataset xyz) {
                            sb.append(MetricsCsv.format(xyz.getZValue(s, i)));
                        }
                        sb.append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String label(String s) {
        return s == null ? "" : IoMessages.oneLine(s);
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, quote or line break. */
    static String field(String s) {
        String t = IoMessages.oneLine(s);
        if (t.indexOf(',') >= 0 || t.indexOf('"') >= 0) {
            return '"' + t.replace("\"", "\"\"") + '"';
        }
        return t;
    }

    /** The data rows of a CSV written by {@link #of}, split into fields (for tests and re-reading). */
    public static List<List<String>> rows(String csv) {
        return csv.lines()
                .filter(l -> !l.startsWith("#") && !l.equals(HEADER) && !l.isEmpty())
                .map(ChartCsv::split)
                .toList();
    }

    private static List<String> split(String line) {
        return MetricsCsv.split(line);
    }
}
