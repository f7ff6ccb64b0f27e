package org.parsimonylab.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * A chart's evolution over a recorded run as frames: frame i of n draws the figure built from the history cut at the
 * recorded step nearest to a fraction i/(n−1) of the way through the run (so the loss grows along a fixed step axis,
 * the spectrum is the spectrum at that step, the waterfall fills in). The figures are built by the same code as the
 * still figures ({@code source}, e.g. RunFigures), and the axes of every frame are fixed to the union of all frames'
 * ranges so nothing jumps between frames; a waterfall's colour scale likewise spans the whole run.
 */
public final class FigureAnimator {
    private FigureAnimator() {}

    /** The steps recorded by any variant, ascending. */
    public static List<Long> steps(RunHistory history) {
        TreeSet<Long> steps = new TreeSet<>();
        for (String v : history.variants()) {
            for (StepSnapshot s : history.snapshots(v)) {
                steps.add(s.step());
            }
        }
        return new ArrayList<>(steps);
    }

    /** The step each of {@code frames} frames shows: evenly spaced over the recorded steps, the last frame the last. */
    public static List<Long> frameSteps(RunHistory history, int frames) {
        if (frames < 2) {
            throw new IllegalArgumentException("--frames must be at least 2, got " + frames);
        }
        List<Long> steps = steps(history);
        List<Long> out = new ArrayList<>();
        if (steps.isEmpty()) {
            return out;
        }
        for (int i = 0; i < frames; i++) {
            int index = (int) Math.round((double) i * (steps.size() - 1) / (frames - 1));
            out.add(steps.get(index));
        }
        return out;
    }

    /** The history as it was at {@code step}: every variant's snapshots up to and including it. */
    public static RunHistory cut(RunHistory history, long step) {
        RunHistory out = new RunHistory(Integer.MAX_VALUE);
        for (String v : history.variants()) {
            for (StepSnapshot s : history.snapshots(v)) {
                if (s.step() <= step) {
                    out.add(v, s);
                }
            }
            out.setStepsPerSecond(v, history.stepsPerSecond(v));
        }
        return out;
    }

    /**
     * Renders figure {@code key} at each of {@code frames} steps into every sink; returns the number of frames drawn.
     * Frames before the figure first exists (e.g. a metric first recorded later) are left out.
     */
    public static int animate(
            RunHistory history,
            String key,
            Function<RunHistory, List<NamedFigure>> source,
            int frames,
            FigureOptions options,
            List<? extends FrameSink> sinks)
            throws IOException {
        List<JFreeChart> charts = frames(history, key, source, frames, options);
        for (JFreeChart chart : charts) {
            BufferedImage frame = FigureWriter.image(chart, options);
            for (FrameSink sink : sinks) {
                sink.add(frame);
            }
        }
        return charts.size();
    }

    /**
     * The prepared charts of figure {@code key} at each of {@code frames} steps, with one range per axis and one colour
     * scale for all of them (the union over the frames, i.e. the whole run's range).
     */
    static List<JFreeChart> frames(
            RunHistory history,
            String key,
            Function<RunHistory, List<NamedFigure>> source,
            int frames,
            FigureOptions options) {
        List<JFreeChart> charts = new ArrayList<>();
        for (long step : frameSteps(history, frames)) {
            for (NamedFigure f : source.apply(cut(history, step))) {
                if (f.key().equals(key)) {
                    charts.add(FigureBatch.prepare(List.of(f), options).get(0).chart());
                }
            }
        }
        fixAxes(charts);
        fixColours(charts);
        return charts;
    }

    /**
     * Gives every waterfall frame the colour range of all frames together: each frame's own range (its min and max σ
     * so far) would recolour the same σ from frame to frame, and the first frame (every σ = 1) would be one flat
     * colour.
     */
    static void fixColours(List<JFreeChart> charts) {
        Range union = null;
        for (JFreeChart c : charts) {
            Range r = org.parsimonylab.chart.WaterfallFigure.colourRange(c);
            if (r != null && Double.isFinite(r.getLowerBound()) && Double.isFinite(r.getUpperBound())) {
                union = union == null ? r : Range.combine(union, r);
            }
        }
        if (union == null) {
            return;
        }
        for (JFreeChart c : charts) {
            org.parsimonylab.chart.WaterfallFigure.fixColourRange(c, union);
        }
    }

    /** Sets every value axis of every chart to the union of that axis's ranges over all charts. */
    static void fixAxes(List<JFreeChart> charts) {
        if (charts.isEmpty()) {
            return;
        }
        List<List<ValueAxis>> axes = new ArrayList<>();
        for (JFreeChart c : charts) {
            axes.add(axes(c.getPlot()));
        }
        int n = axes.get(0).size();
        if (axes.stream().anyMatch(a -> a.size() != n)) {
            return; // the layout changed between frames: leave the axes automatic
        }
        for (int i = 0; i < n; i++) {
            Range union = null;
            for (List<ValueAxis> a : axes) {
                Range r = a.get(i).getRange();
                if (r != null && Double.isFinite(r.getLowerBound()) && Double.isFinite(r.getUpperBound())) {
                    union = union == null ? r : Range.combine(union, r);
                }
            }
            if (union == null || !(union.getLength() > 0)) {
                continue;
            }
            for (List<ValueAxis> a : axes) {
                a.get(i).setRange(union, true, false);
            }
        }
    }

    private static List<ValueAxis> axes(Plot plot) {
        List<ValueAxis> out = new ArrayList<>();
        if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                if (xy.getDomainAxis(i) != null) {
                    out.add(xy.getDomainAxis(i));
                }
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                if (xy.getRangeAxis(i) != null) {
                    out.add(xy.getRangeAxis(i));
                }
            }
            if (plot instanceof CombinedDomainXYPlot combined) {
                for (XYPlot sub : combined.getSubplots()) {
                    out.addAll(axes(sub));
                }
            } else if (plot instanceof CombinedRangeXYPlot combined) {
                for (XYPlot sub : combined.getSubplots()) {
                    out.addAll(axes(sub));
                }
            }
        }
        return out;
    }
}
