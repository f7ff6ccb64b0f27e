package org.parsimonylab.chart;

import java.util.ArrayList;
import java.util.List;
import org.parsimonylab.sweep.SweepStatistics;
import org.parsimonylab.sweep.SweepSummary;

/**
 * The aggregated figures of a sweep summary: for every swept field (or the one asked for) a mean ± std figure
 * ({@link SweepLinesFigure}), and for two swept fields a heat map per combination of the others
 * ({@link SweepHeatMapFigure}).
 */
public final class SweepFigures {
    private SweepFigures() {}

    /**
     * The column drawn when none is asked for: {@code steps-to-tolerance} when some finished run reached its tolerance,
     * else {@code loss}.
     */
    public static String defaultMetric(SweepSummary summary) {
        boolean reached =
                summary.doneRows().stream().anyMatch(r -> Double.isFinite(SweepSummary.value(r, "steps-to-tolerance")));
        return reached ? "steps-to-tolerance" : "loss";
    }

    /**
     * The figures of {@code metric}; {@code x} (or "" for every swept field) on the x axis of the line figures, and the
     * heat map over {@code x} × {@code y} ("" for the first two swept fields; none with fewer than two).
     */
    public static List<NamedFigure> build(SweepSummary summary, String metric, String x, String y) {
        if (summary.axes().isEmpty()) {
            throw new IllegalArgumentException(
                    "the sweep has no swept field (--grid), so there is no axis to draw against");
        }
        List<NamedFigure> out = new ArrayList<>();
        List<String> xs = x.isEmpty() ? summary.axes() : List.of(x);
        for (String axis : xs) {
            out.add(new NamedFigure(
                    "sweep-" + key(metric) + "-vs-" + key(SweepStatistics.shortName(axis)),
                    new SweepLinesFigure(summary, metric, axis)));
        }
        String hx = x.isEmpty() ? (summary.axes().size() >= 2 ? summary.axes().get(0) : "") : x;
        String hy = y.isEmpty() ? other(summary.axes(), hx) : y;
        if (!hx.isEmpty() && !hy.isEmpty()) {
            List<SweepStatistics.Grid> grids = SweepStatistics.grids(summary, metric, hx, hy);
            for (int k = 0; k < grids.size(); k++) {
                String key = "sweep-" + key(metric) + "-map-" + key(SweepStatistics.shortName(hx)) + "-"
                        + key(SweepStatistics.shortName(hy)) + (grids.size() > 1 ? "-" + (k + 1) : "");
                out.add(new NamedFigure(key, new SweepHeatMapFigure(grids.get(k), metric, hx, hy)));
            }
        }
        return out;
    }

    private static String other(List<String> axes, String x) {
        for (String a : axes) {
            if (!a.equals(x)) {
                return a;
            }
        }
        return "";
    }

    private static String key(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
