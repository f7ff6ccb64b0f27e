package org.parsimonylab.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.MovingValues;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * Singular values σᵢ(W_ℓ) of the selected layer against step (docs/science.md M1, the README's thm_main.png left panel):
 * every index when d ≤ {@value #ALL_UP_TO}; otherwise every value that moved (decided from the data by {@link
 * MovingValues}, not from metrics.blockRank: in E8 with K = 5 and r = 3, σ₄ and σ₅ rise too) plus {@value
 * #MIDDLE_SAMPLES} evenly spaced others. Lines are coloured by what the value did: grew (top), stayed (middle),
 * shrank (bottom). A value that starts moving late is drawn from the start, from a bounded store of past spectra.
 */
public final class SingularValuesFigure extends Figure {
    /** Widths up to which every singular value gets a line. */
    public static final int ALL_UP_TO = 40;

    /** Unmoved indices drawn above {@link #ALL_UP_TO}. */
    public static final int MIDDLE_SAMPLES = 8;

    /** Past spectra kept per layer (when full every other one goes), to draw a value that starts moving late. */
    static final int STORE = 512;

    private final XYSeriesCollection dataset = new BoundedSeriesCollection();
    private final LayerHistories histories = new LayerHistories(dataset);
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final Map<Integer, Layer> layers = new HashMap<>();
    private String variant = "";
    private int layerShown = 1;

    /** An empty figure. */
    public SingularValuesFigure() {
        super(ChartFactory.createXYLineChart(
                "Singular values over time", "step", "σᵢ", null, PlotOrientation.VERTICAL, true, true, false));
        XYPlot plot = (XYPlot) chart().getPlot();
        plot.setDataset(dataset);
        renderer.setDefaultStroke(ChartStyle.LINE);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDrawSeriesLineAsPath(true);
        plot.setRenderer(renderer);
        plot.setNoDataMessage("no singular values yet");
        setLogY(false);
        Axes.stepAxis(plot);
        legend();
        flush();
    }

    private static LegendItem blockItem(String label, Color color) {
        LegendItem item = new LegendItem(label, color);
        item.setShape(new java.awt.geom.Rectangle2D.Double(-7, -1.5, 14, 3));
        return item;
    }

    @Override
    public String description() {
        return "Each line is one singular value of the selected layer over training, coloured by how it moved against"
                + " the median of the spectrum (the plateau): orange grew more than the median, blue shrank more, grey"
                + " moved with it within 1 %. In the papers' networks gradient descent changes only a few of them and the"
                + " grey lines stay flat; in a general network most values move and the colours only say which way"
                + " relative to the median.";
    }

    /** Kept for callers that set r: which values move is now read from the data. */
    public void setBlockRank(int r) {
        // The block sizes come from the data (MovingValues); r is no longer needed.
    }

    /** Names the variant in the title ("" for none). */
    public void setVariant(String name) {
        variant = name == null ? "" : name;
        hold();
        retitle();
    }

    /** Shows layer {@code layer}. */
    public void selectLayer(int layer) {
        hold();
        layerShown = layer;
        histories.select(layer);
        retitle();
        recolor();
    }

    private void retitle() {
        chart().getTitle().setText(Labels.withVariant("Singular values σᵢ of W" + Labels.sub(layerShown), variant));
    }

    /** Appends the singular values of every layer in {@code s}. */
    public void add(StepSnapshot s) {
        boolean created = false;
        for (MetricSeries m : s.series()) {
            if (!m.name().equals("sv")) {
                continue;
            }
            double[] v = m.values();
            Layer layer = layers.computeIfAbsent(m.layer(), l -> new Layer());
            if (layer.moving.width() != v.length) {
                layer.reset();
            }
            layer.moving.add(v);
            TreeSet<Integer> draw = layer.wanted(v.length);
            for (int i : draw) {
                String key = key(i);
                int before = dataset.getSeriesCount();
                boolean isNew = !layer.drawn.contains(i);
                HistorySeries h = histories.line(m.layer(), key);
                if (isNew) {
                    layer.drawn.add(i);
                    // A value that starts moving late: draw its past from the store of spectra.
                    for (int k = 0; k < layer.steps.size(); k++) {
                        h.add(layer.steps.get(k), layer.values.get(k)[i]);
                    }
                }
                created |= dataset.getSeriesCount() != before;
                h.add(s.step(), v[i]);
                if (histories.shows(m.layer())) {
                    touch(h.series());
                }
            }
            layer.store(s.step(), v);
            if (histories.shows(m.layer())) {
                created = true; // block membership may change as values move: recolour
            }
        }
        if (created) {
            hold();
            recolor();
        }
    }

    private static String key(int i) {
        return "σ" + (i + 1);
    }

    private void recolor() {
        Layer layer = layers.get(histories.selected());
        for (int k = 0; k < dataset.getSeriesCount(); k++) {
            String key = dataset.getSeriesKey(k).toString();
            int i = Integer.parseInt(key.substring(1)) - 1;
            Color c = layer == null
                    ? ChartStyle.MIDDLE
                    : layer.moving.grew(i)
                            ? ChartStyle.TOP
                            : layer.moving.shrank(i) ? ChartStyle.BOTTOM : ChartStyle.MIDDLE;
            renderer.setSeriesPaint(k, c, false);
        }
        legend();
    }

    /** One legend entry per block with its size ("top 5", "middle 45", "bottom 0" is left out), not one per line. */
    private void legend() {
        Layer layer = layers.get(histories.selected());
        MovingValues.Partition p = layer == null ? new MovingValues.Partition(0, 0, 0) : layer.moving.partition();
        LegendItemCollection blocks = new LegendItemCollection();
        if (p.top() > 0) {
            blocks.add(blockItem("top " + p.top() + " (grew vs the median)", ChartStyle.TOP));
        }
        if (p.middle() > 0) {
            int shown = layer == null
                    ? 0
                    : (int) layer.drawn.stream()
                            .filter(i -> !layer.moving.moved(i))
                            .count();
            String of = shown < p.middle() ? ", " + shown + " drawn" : "";
            blocks.add(blockItem("middle " + p.middle() + " (with the median ±1 %" + of + ")", ChartStyle.MIDDLE));
        }
        if (p.bottom() > 0) {
            blocks.add(blockItem("bottom " + p.bottom() + " (shrank vs the median)", ChartStyle.BOTTOM));
        }
        ((XYPlot) chart().getPlot()).setFixedLegendItems(blocks);
    }

    /** The indices drawn for layer {@code layer} (ascending). */
    public int[] drawnIndices(int layer) {
        Layer l = layers.get(layer);
        return l == null
                ? new int[0]
                : l.drawn.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The moving-value detector of layer {@code layer}, or null before its first spectrum. */
    public MovingValues moving(int layer) {
        Layer l = layers.get(layer);
        return l == null ? null : l.moving;
    }

    /** The dataset of the selected layer. */
    public XYSeriesCollection dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        histories.clear();
        layers.clear();
        legend();
    }

    /** What one layer's lines need: the detector, the drawn indices, and the bounded store of past spectra. */
    private static final class Layer {
        final MovingValues moving = new MovingValues();
        final TreeSet<Integer> drawn = new TreeSet<>();
        final List<Long> steps = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();

        void reset() {
            moving.clear();
            drawn.clear();
            steps.clear();
            values.clear();
        }

        /** Every index for d ≤ ALL_UP_TO, else the moved ones, the first and last and evenly spaced samples. */
        TreeSet<Integer> wanted(int d) {
            TreeSet<Integer> out = new TreeSet<>(drawn);
            if (d <= ALL_UP_TO) {
                for (int i = 0; i < d; i++) {
                    out.add(i);
                }
                return out;
            }
            out.add(0);
            out.add(d - 1);
            for (int k = 0; k < MIDDLE_SAMPLES; k++) {
                out.add((int) Math.round((d - 1) * (k + 0.5) / MIDDLE_SAMPLES));
            }
            for (int i : moving.movedIndices()) {
                out.add(i);
            }
            return out;
        }

        /** Keeps the spectrum for late movers (only above ALL_UP_TO: below it every line exists from the start). */
        void store(long step, double[] v) {
            if (v.length <= ALL_UP_TO) {
                return;
            }
            steps.add(step);
            values.add(v.clone());
            if (steps.size() > STORE) {
                List<Long> ks = new ArrayList<>();
                List<double[]> kv = new ArrayList<>();
                for (int i = 0; i < steps.size(); i++) {
                    if (i % 2 == 0 || i == steps.size() - 1) {
                        ks.add(steps.get(i));
                        kv.add(values.get(i));
                    }
                }
                steps.clear();
                steps.addAll(ks);
                values.clear();
                values.addAll(kv);
            }
        }
    }
}
