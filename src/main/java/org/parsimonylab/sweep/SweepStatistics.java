package org.parsimonylab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Means and spreads of one summary column over the trials of a sweep: per line (every combination of the other swept
 * values and variants) against one swept value, or per grid cell of two swept values. Only done rows with a finite
 * value count; mean = Σx/n, std = sqrt(Σ(x−mean)²/(n−1)) (the sample standard deviation, 0 for n = 1, NaN for n = 0).
 */
public final class SweepStatistics {
    private SweepStatistics() {}

    /**
     * One statistic.
     *
     * @param mean the mean, NaN without values
     * @param std the sample standard deviation
     * @param n how many values
     */
    public record Cell(double mean, double std, int n) {
        /** The statistic of {@code values}. */
        public static Cell of(List<Double> values) {
            int n = values.size();
            if (n == 0) {
                return new Cell(Double.NaN, Double.NaN, 0);
            }
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / n;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new Cell(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0, n);
        }
    }

    /**
     * One line of a mean ± std figure.
     *
     * @param label the other swept values of the line, e.g. {@code depth=3}, or "" when there are none
     * @param xValues the swept values, as in the summary, in sweep order
     * @param cells the statistic at each x value
     */
    public record Line(String label, List<String> xValues, List<Cell> cells) {
        public Line {
            xValues = List.copyOf(xValues);
            cells = List.copyOf(cells);
        }
    }

    /**
     * One heat map: a statistic per (x, y) cell.
     *
     * @param label the other swept values, or "" when there are none
     * @param xValues the x values in sweep order
     * @param yValues the y values in sweep order
     * @param cells cells[yi][xi]
     */
    public record Grid(String label, List<String> xValues, List<String> yValues, Cell[][] cells) {}

    /** The lines of {@code metric} against the swept column {@code x}, one per combination of the others. */
    public static List<Line> lines(SweepSummary summary, String metric, String x) {
        check(summary, metric, x);
        List<String> xs = distinct(summary, x);
        Map<String, Map<String, List<Double>>> groups = new LinkedHashMap<>();
        boolean many = manyVariants(summary);
        for (Map<String, String> row : summary.rows()) {
            String key = label(summary, row, Set.of(x), many);
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>());
            addValue(groups.get(key), row.get(x), row, metric);
        }
        List<Line> out = new ArrayList<>();
        groups.forEach((label, byX) -> {
            List<Cell> cells = new ArrayList<>();
            for (String xv : xs) {
                cells.add(Cell.of(byX.getOrDefault(xv, List.of())));
            }
            out.add(new Line(label, xs, cells));
        });
        return out;
    }

    /** The heat maps of {@code metric} over the swept columns {@code x} × {@code y}, one per combination of the others. */
    public static List<Grid> grids(SweepSummary summary, String metric, String x, String y) {
        check(summary, metric, x);
        check(summary, metric, y);
        if (x.equals(y)) {
            throw new IllegalArgumentException("a heat map needs two different swept fields (got " + x + " twice)");
        }
        List<String> xs = distinct(summary, x);
        List<String> ys = distinct(summary, y);
        Map<String, Map<String, List<Double>>> groups = new LinkedHashMap<>();
        boolean many = manyVariants(summary);
        for (Map<String, String> row : summary.rows()) {
            String key = label(summary, row, Set.of(x, y), many);
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>());
            addValue(groups.get(key), row.get(x) + "\u0000" + row.get(y), row, metric);
        }
        List<Grid> out = new ArrayList<>();
        groups.forEach((label, byXy) -> {
            Cell[][] cells = new Cell[ys.size()][xs.size()];
            for (int yi = 0; yi < ys.size(); yi++) {
                for (int xi = 0; xi < xs.size(); xi++) {
                    cells[yi][xi] = Cell.of(byXy.getOrDefault(xs.get(xi) + "\u0000" + ys.get(yi), List.of()));
                }
            }
            out.add(new Grid(label, xs, ys, cells));
        });
        return out;
    }

    private static void addValue(Map<String, List<Double>> into, String key, Map<String, String> row, String metric) {
        List<Double> list = into.computeIfAbsent(key, k -> new ArrayList<>());
        double v = SweepSummary.value(row, metric);
        if ("done".equals(row.get("status")) && Double.isFinite(v)) {
            list.add(v);
        }
    }

    private static void check(SweepSummary summary, String metric, String axis) {
        if (!summary.axes().contains(axis)) {
            throw new IllegalArgumentException("'" + axis + "' is not a swept field of this sweep (swept: "
                    + (summary.axes().isEmpty() ? "none" : String.join(", ", summary.axes())) + ")");
        }
        if (!summary.numericColumns().contains(metric)) {
            throw new IllegalArgumentException("'" + metric + "' is not a numeric column of the summary (one of: "
                    + String.join(", ", summary.numericColumns()) + ")");
        }
    }

    private static List<String> distinct(SweepSummary summary, String column) {
        Set<String> out = new LinkedHashSet<>();
        for (Map<String, String> row : summary.rows()) {
            out.add(row.get(column));
        }
        return List.copyOf(out);
    }

    private static boolean manyVariants(SweepSummary summary) {
        return summary.doneRows().stream().map(r -> r.get("variant")).distinct().count() > 1;
    }

    /** "depth=3, variant=relu": the other swept values (last path segment) and the variant when several exist. */
    private static String label(
            SweepSummary summary, Map<String, String> row, Set<String> except, boolean manyVariants) {
        List<String> parts = new ArrayList<>();
        for (String a : summary.axes()) {
            if (!except.contains(a)) {
                parts.add(shortName(a) + "=" + row.get(a));
            }
        }
        if (manyVariants) {
            parts.add("variant=" + row.get("variant"));
        }
        return String.join(", ", parts);
    }

    /** The last segment of a dotted path: {@code network.width} → {@code width}. */
    public static String shortName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
