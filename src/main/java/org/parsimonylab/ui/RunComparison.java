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

/**
 * The last runs of the session and what changed between them ("run #3: width 30 → 40: new run, weights
 * re-initialised"), each with a copy of its loss lines; a pinned run's lines are overlaid on the live loss chart as
 * faint dashed ghosts that survive new runs. FX thread only.
 */
public final class RunComparison {
    /** Past runs kept. */
    public static final int CAPACITY = 8;

    /** Index of the ghost dataset on the loss chart's plot (after the raw lines and their smoothed copies). */
    static final int GHOST_DATASET = 5;

    /**
     * A finished or replaced run.
     *
     * @param runId its run id
     * @param label what it was ("run #3: width 30 → 40 …")
     * @param loss per variant, the points (step, loss) of its loss line
     */
    public record PastRun(long runId, String label, Map<String, double[][]> loss) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final ObservableList<PastRun> runs = FXCollections.observableArrayList();
    private final XYSeriesCollection ghosts = new XYSeriesCollection();
    private PastRun pinned;

    /** Keeps {@code loss}'s lines as run {@code runId} described by {@code note} (newest first; the oldest go). */
    public void archive(long runId, String note, LossFigure loss) {
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
        runs.add(0, new PastRun(runId, "run #" + runId + (text.isEmpty() ? "" : ": " + text), lines));
        while (runs.size() > CAPACITY) {
            runs.remove(runs.size() - 1);
        }
    }

    /** The past runs, newest first. */
    public ObservableList<PastRun> runs() {
        return runs;
    }

    /** Overlays {@code run}'s loss lines on {@code loss} as ghosts (null removes them). */
    public void pin(PastRun run, LossFigure loss) {
        pinned = run;
        ghosts.removeAllSeries();
        XYPlot plot = loss.chart().getXYPlot();
        if (run == null) {
            plot.setDataset(GHOST_DATASET, null);
            return;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDefaultSeriesVisibleInLegend(true);
        int k = 0;
        for (Map.Entry<String, double[][]> e : run.loss().entrySet()) {
            XYSeries s = new XYSeries("#" + run.runId() + " " + e.getKey(), false, true);
            double[][] xy = e.getValue();
            for (int i = 0; i < xy[0].length; i++) {
                s.add(xy[0][i], xy[1][i], false);
            }
            ghosts.addSeries(s);
            r.setSeriesPaint(k, new Color(0x66, 0x66, 0x66, 110));
            r.setSeriesStroke(
                    k++,
                    new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 4f}, 0f));
        }
        plot.setDataset(GHOST_DATASET, ghosts);
        plot.setRenderer(GHOST_DATASET, r);
        plot.mapDatasetToRangeAxis(GHOST_DATASET, 0);
    }

    /** The pinned run, or null. */
    public PastRun pinned() {
        return pinned;
    }

    /** The ghost lines on the loss chart. */
    public XYSeriesCollection ghosts() {
        return ghosts;
    }

    /** A copy of the labels, newest first (for tests). */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        runs.forEach(r -> out.add(r.label()));
        return out;
    }
}
