package org.parsimonylab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.chart.LossFigure;
import org.parsimonylab.chart.SpectrumFigure;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * The last runs of the session and what changed between them ("run #3: width 30 → 40: new run, weights
 * re-initialised"), and saved run folders opened as ghosts, each with a copy of its loss lines, its clock and a
 * thinned copy of its recorded snapshots; a pinned run's loss lines are overlaid on the live loss chart, and its
 * spectrum at the shown step on the live spectrum, as faint dashed ghosts that survive new runs. FX thread only.
 */
public final class RunComparison {
    /** Past runs kept. */
    public static final int CAPACITY = 8;

    /** Recorded snapshots kept per variant of a past run, for its ghost spectra. */
    public static final int SNAPSHOTS_KEPT = 256;

    /** Index of the ghost dataset on the loss and spectrum charts' plots (after the lines and smoothed copies). */
    static final int GHOST_DATASET = 5;

    /**
     * A finished or replaced run, or a saved run folder.
     *
     * @param runId its run id (0 for a saved folder)
     * @param label what it was ("run #3: width 30 → 40 …", "saved: e1-run")
     * @param tag the prefix of its ghost series' names ("#3", "saved e1-run")
     * @param loss per variant, the points (step, loss) of its loss line
     * @param clocks per variant, its training time at each step (the wall-time axis)
     * @param recorded its recorded snapshots, thinned to {@link #SNAPSHOTS_KEPT} per variant (ghost spectra)
     */
    public record PastRun(
            long runId,
            String label,
            String tag,
            Map<String, double[][]> loss,
            Map<String, StepClock> clocks,
            RunHistory recorded) {
        @Override
        public String toString() {
            return label;
        }

        /** The clock of ghost series {@code key} ({@code tag + " " + variant}), or null if not this run's. */
        StepClock clockOf(String key) {
            return key.startsWith(tag + " ") ? clocks.get(key.substring(tag.length() + 1)) : null;
        }
    }

    private final ObservableList<PastRun> runs = FXCollections.observableArrayList();
    private final XYSeriesCollection ghosts = new org.parsimonylab.chart.BoundedSeriesCollection();
    private final XYSeriesCollection ghostSpectrum = new org.parsimonylab.chart.BoundedSeriesCollection();
    private PastRun pinned;
    private StepSnapshot spectrumShown;
    private int spectrumLayer;

    /**
     * Keeps run {@code runId} described by {@code note}: {@code loss}'s lines, its {@code clocks} and {@code recorded}
     * history (newest first; the oldest go).
     */
    public void archive(long runId, String note, LossFigure loss, Map<String, StepClock> clocks, RunHistory recorded) {
        XYSeriesCollection data = loss.dataset();
        Map<String, double[][]> lines = new LinkedHashMap<>();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            XYSeries series = data.getSeries(s);
            double[][] xy = new double[2][series.getItemCount()];
            for (int i = 0; i < series.getItemCount(); i++) {
                xy[0][i] = series.getX(i).doubleValue();
                xy[1][i] = series.getY(i).doubleValue();
            }
            lines.put(String.valueOf(series.getKey()), xy);
        }
        if (lines.isEmpty()) {
            return;
        }
        String text = note == null || note.isBlank() ? "" : note.replaceFirst("^Run #\\d+: ", "");
        add(new PastRun(
                runId,
                "run #" + runId + (text.isEmpty() ? "" : ": " + text),
                "#" + runId,
                lines,
                copy(clocks),
                thinned(recorded)));
    }

    /**
     * Keeps a saved run (an opened run folder named {@code name}) from its recorded {@code history}: loss lines at
     * the recorded steps, clocks from the recorded training times. Returns it (to pin).
     */
    public PastRun addSaved(String name, RunHistory history) {
        Map<String, double[][]> lines = new LinkedHashMap<>();
        Map<String, StepClock> clocks = new LinkedHashMap<>();
        for (String v : history.variants()) {
            List<StepSnapshot> snaps = history.snapshots(v);
            List<double[]> points = new ArrayList<>();
            StepClock clock = new StepClock();
            for (StepSnapshot s : snaps) {
                clock.add(s.step(), s.elapsedSeconds());
                if (Double.isFinite(s.loss())) {
                    points.add(new double[] {s.step(), s.loss()});
                }
            }
            double[][] xy = new double[2][points.size()];
            for (int i = 0; i < points.size(); i++) {
                xy[0][i] = points.get(i)[0];
                xy[1][i] = points.get(i)[1];
            }
            lines.put(v, xy);
            clocks.put(v, clock);
        }
        PastRun run = new PastRun(0, "saved: " + name, "saved " + name, lines, clocks, thinned(history));
        add(run);
        return run;
    }

    private void add(PastRun run) {
        runs.add(0, run);
        while (runs.size() > CAPACITY) {
            runs.remove(runs.size() - 1);
        }
    }

    private static Map<String, StepClock> copy(Map<String, StepClock> clocks) {
        Map<String, StepClock> out = new LinkedHashMap<>();
        clocks.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    static RunHistory thinned(RunHistory h) {
        RunHistory out = new RunHistory(SNAPSHOTS_KEPT);
        if (h == null) {
            return out;
        }
        for (String v : h.variants()) {
            for (StepSnapshot s : h.snapshots(v)) {
                out.add(v, s);
            }
        }
        return out;
    }

    /** The past runs, newest first. */
    public ObservableList<PastRun> runs() {
        return runs;
    }

    /** Overlays {@code run}'s loss lines on {@code loss} as ghosts (null removes them and the ghost spectrum). */
    public void pin(PastRun run, LossFigure loss) {
        pinned = run;
        spectrumShown = null;
        ghosts.removeAllSeries();
        ghostSpectrum.removeAllSeries();
        XYPlot plot = loss.chart().getXYPlot();
        if (run == null) {
            plot.setDataset(GHOST_DATASET, null);
            return;
        }
        XYLineAndShapeRenderer r = ghostRenderer();
        for (Map.Entry<String, double[][]> e : run.loss().entrySet()) {
            XYSeries s = new XYSeries(run.tag() + " " + e.getKey(), false, true);
            double[][] xy = e.getValue();
            for (int i = 0; i < xy[0].length; i++) {
                s.add(xy[0][i], xy[1][i], false);
            }
            ghosts.addSeries(s);
        }
        plot.setDataset(GHOST_DATASET, ghosts);
        plot.setRenderer(GHOST_DATASET, r);
        plot.mapDatasetToRangeAxis(GHOST_DATASET, 0);
    }

    private static XYLineAndShapeRenderer ghostRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDefaultSeriesVisibleInLegend(true);
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setDefaultPaint(new Color(0x66, 0x66, 0x66, 110));
        r.setDefaultStroke(
                new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 4f}, 0f));
        return r;
    }

    /**
     * Shows on {@code spectrum} the pinned run's spectrum of layer {@code layer} at its newest recorded step at or
     * before {@code step} (of its first variant), as a dashed ghost line; nothing when no run is pinned or it has no
     * spectrum there. Returns the ghost's step (-1 for none).
     */
    public long showSpectrum(SpectrumFigure spectrum, long step, int layer) {
        XYPlot plot = spectrum.chart().getXYPlot();
        StepSnapshot at = null;
        if (pinned != null && !pinned.recorded().variants().isEmpty()) {
            at = atOrBefore(
                    pinned.recorded().snapshots(pinned.recorded().variants().get(0)), step);
        }
        MetricSeries sv = at == null ? null : at.find("sv", layer).orElse(null);
        if (sv == null) {
            if (plot.getDataset(GHOST_DATASET) != null) {
                ghostSpectrum.removeAllSeries();
                plot.setDataset(GHOST_DATASET, null);
            }
            spectrumShown = null;
            return -1;
        }
        if (at == spectrumShown && layer == spectrumLayer && plot.getDataset(GHOST_DATASET) != null) {
            return at.step();
        }
        spectrumShown = at;
        spectrumLayer = layer;
        XYSeries s = new XYSeries(
                pinned.tag() + " " + pinned.recorded().variants().get(0) + " at step " + at.step(), false, true);
        double[] v = sv.values();
        for (int i = 0; i < v.length; i++) {
            s.add(i, v[i], false);
        }
        ghostSpectrum.removeAllSeries();
        ghostSpectrum.addSeries(s);
        if (plot.getDataset(GHOST_DATASET) != ghostSpectrum) {
            plot.setDataset(GHOST_DATASET, ghostSpectrum);
            plot.setRenderer(GHOST_DATASET, ghostRenderer());
            plot.mapDatasetToRangeAxis(GHOST_DATASET, 0);
        }
        return at.step();
    }

    static StepSnapshot atOrBefore(List<StepSnapshot> list, long t) {
        int lo = 0;
        int hi = list.size() - 1;
        StepSnapshot best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).step() <= t) {
                best = list.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /** The pinned run, or null. */
    public PastRun pinned() {
        return pinned;
    }

    /** The ghost lines on the loss chart. */
    public XYSeriesCollection ghosts() {
        return ghosts;
    }

    /** The ghost spectrum on the spectrum chart (one line, or none). */
    public XYSeriesCollection ghostSpectrum() {
        return ghostSpectrum;
    }

    /** The clock of ghost series {@code key} of the pinned run, or null. */
    StepClock ghostClock(String key) {
        return pinned == null ? null : pinned.clockOf(key);
    }

    /** A copy of the labels, newest first (for tests). */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        runs.forEach(r -> out.add(r.label()));
        return out;
    }
}
