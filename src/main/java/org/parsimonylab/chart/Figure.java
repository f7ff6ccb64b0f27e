package org.parsimonylab.chart;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.general.Series;

/**
 * One chart of the app and of headless export, with no JavaFX. JFreeChart is not thread-safe and redraws on every
 * change notification (ecosystem.md §2.2), so a figure is changed by one thread (the FX thread in the app) in
 * batches: changes hold the chart's notifications and {@link #flush()} sends exactly one.
 */
public abstract class Figure {
    private final JFreeChart chart;
    private final Set<Series> touched = new LinkedHashSet<>();
    private boolean held;
    private boolean logY;

    /** A figure drawing {@code chart} (styled here). */
    protected Figure(JFreeChart chart) {
        this.chart = chart;
        ChartStyle.apply(chart);
    }

    /** The chart. */
    public JFreeChart chart() {
        return chart;
    }

    /** A short title. */
    public String title() {
        return chart.getTitle() == null ? "" : chart.getTitle().getText();
    }

    /** What the chart shows and what to look for (the tooltip in the app). */
    public abstract String description();

    /** Forgets all data (a new run). */
    public abstract void clear();

    /** Holds the chart's notifications until {@link #flush()}. */
    protected final void hold() {
        if (!held) {
            chart.setNotify(false);
            held = true;
        }
    }

    /** Records that {@code series} changed without notifying; {@link #flush()} notifies once. */
    protected final void touch(Series series) {
        hold();
        touched.add(series);
    }

    /** Whether changes wait for {@link #flush()}. */
    public boolean isDirty() {
        return held;
    }

    /** Sends one change notification for everything changed since the last flush: one redraw. */
    public void flush() {
        if (!held) {
            return;
        }
        for (Series s : touched) {
            s.fireSeriesChanged();
        }
        touched.clear();
        held = false;
        chart.setNotify(true);
    }

    /** Whether the y axis can be switched between linear and logarithmic. */
    public boolean supportsLogY() {
        return chart.getPlot() instanceof XYPlot;
    }

    /** Whether the y axis is logarithmic. */
    public boolean isLogY() {
        return logY;
    }

    /** Switches the y axis between logarithmic and linear, keeping its label. */
    public void setLogY(boolean log) {
        if (!(chart.getPlot() instanceof XYPlot plot)) {
            return;
        }
        logY = log;
        hold();
        plot.setRangeAxis(ChartStyle.valueAxis(plot.getRangeAxis().getLabel(), log));
    }

    /** Restores automatic ranges on both axes (after a zoom). */
    public void resetZoom() {
        if (chart.getPlot() instanceof XYPlot plot) {
            hold();
            plot.getDomainAxis().setAutoRange(true);
            plot.getRangeAxis().setAutoRange(true);
        }
    }
}
