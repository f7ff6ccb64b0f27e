package org.parsimonylab.chart;

import java.awt.Color;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * Singular values σ_i(W_l) of the selected layer against step (papers.md M1, the README's thm_main.png left panel):
 * every index when d ≤ {@value #ALL_UP_TO}, otherwise the top r, the bottom r and {@value #MIDDLE_SAMPLES} evenly
 * spaced middle ones, coloured by block.
 */
public final class SingularValuesFigure extends Figure {
    /** Widths up to which every singular value gets a line. */
    public static final int ALL_UP_TO = 40;

    /** Middle indices drawn above {@link #ALL_UP_TO}. */
    public static final int MIDDLE_SAMPLES = 8;

    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final LayerHistories histories = new LayerHistories(dataset);
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private int blockRank = 3;

    /** An empty figure. */
    public SingularValuesFigure() {
        super(ChartFactory.createXYLineChart(
                "Singular values over time", "step", "σ_i", null, PlotOrientation.VERTICAL, true, true, false));
        XYPlot plot = (XYPlot) chart().getPlot();
        // One legend entry per block, not per line: there can be 30 lines or more.
        LegendItemCollection blocks = new LegendItemCollection();
        blocks.add(blockItem("top r", ChartStyle.TOP));
        blocks.add(blockItem("middle", ChartStyle.MIDDLE));
        blocks.add(blockItem("bottom r", ChartStyle.BOTTOM));
        plot.setFixedLegendItems(blocks);
        plot.setDataset(dataset);
        renderer.setDefaultStroke(ChartStyle.LINE);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDrawSeriesLineAsPath(true);
        plot.setRenderer(renderer);
        plot.setNoDataMessage("no singular values yet");
        setLogY(false);
        flush();
    }

    private static LegendItem blockItem(String label, Color color) {
        LegendItem item = new LegendItem(label, color);
        item.setShape(new java.awt.geom.Rectangle2D.Double(-7, -1.5, 14, 3));
        return item;
    }

    @Override
    public String description() {
        return "Each line is one singular value of the selected layer over training (orange: top r, grey: middle,"
                + " blue: bottom r). Gradient descent changes only 2r of them; the grey lines stay flat.";
    }

    /** Sets r of the block colouring. */
    public void setBlockRank(int r) {
        blockRank = Math.max(0, r);
    }

    /** Shows layer {@code layer}. */
    public void selectLayer(int layer) {
        hold();
        histories.select(layer);
        chart().getTitle().setText("Singular values of W" + layer + " over time");
        recolor();
    }

    /** Appends the singular values of every layer in {@code s}. */
    public void add(StepSnapshot s) {
        boolean created = false;
        for (MetricSeries m : s.series()) {
            if (!m.name().equals("sv")) {
                continue;
            }
            double[] v = m.values();
            widths.put(m.layer(), v.length);
            for (int i : tracked(v.length, blockRank)) {
                String key = "σ" + (i + 1);
                int before = dataset.getSeriesCount();
                HistorySeries h = histories.line(m.layer(), key);
                created |= dataset.getSeriesCount() != before;
                h.add(s.step(), v[i]);
                if (histories.shows(m.layer())) {
                    touch(h.series());
                }
            }
        }
        if (created) {
            hold();
            recolor();
        }
    }

    private void recolor() {
        for (int k = 0; k < dataset.getSeriesCount(); k++) {
            String key = dataset.getSeriesKey(k).toString();
            int i = Integer.parseInt(key.substring(1)) - 1;
            renderer.setSeriesPaint(k, blockColor(i), false);
        }
    }

    private Color blockColor(int i) {
        // Layers differ in width (an MLP's last layer has K singular values): colour by the shown layer's own d.
        int d = widths.getOrDefault(histories.selected(), Integer.MAX_VALUE);
        int r = Math.min(blockRank, d / 2);
        return i < r ? ChartStyle.TOP : i >= d - r ? ChartStyle.BOTTOM : ChartStyle.MIDDLE;
    }

    private final java.util.Map<Integer, Integer> widths = new java.util.HashMap<>();

    /** The indices drawn for a layer with {@code d} singular values and blocks of {@code r}. */
    int[] tracked(int d, int r) {
        if (d <= ALL_UP_TO) {
            int[] all = new int[d];
            for (int i = 0; i < d; i++) {
                all[i] = i;
            }
            return all;
        }
        int rr = Math.min(r, d / 2);
        int[] out = new int[2 * rr + MIDDLE_SAMPLES];
        int n = 0;
        for (int i = 0; i < rr; i++) {
            out[n++] = i;
        }
        int lo = rr;
        int hi = d - rr - 1;
        for (int k = 0; k < MIDDLE_SAMPLES; k++) {
            out[n++] = lo + (int) Math.round((hi - lo) * (k + 0.5) / MIDDLE_SAMPLES);
        }
        for (int i = d - rr; i < d; i++) {
            out[n++] = i;
        }
        return out;
    }

    /** The dataset of the selected layer. */
    public XYSeriesCollection dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        histories.clear();
        widths.clear();
    }
}
