package org.parsimonylab.chart;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.util.PublicCloneable;
import org.jfree.data.xy.DefaultXYZDataset;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * The paper's waterfall as a heat map: singular value index (rows, 1 = largest) × step (columns), colour = σᵢ(W_ℓ).
 * Snapshots arrive at any steps (live runs publish irregularly), so the kept columns are resampled onto a uniform
 * grid of at most {@value #MAX_COLUMNS} columns, each showing the snapshot nearest its step: the columns tile the
 * step range with no white stripes. At most {@value #MAX_ROWS} index rows (above that, rows are buckets of
 * consecutive indices showing their largest value), so one redraw stays a few thousand blocks. When every value is
 * the same the colour bar says so ("all σ = 1") instead of striping rounding noise.
 */
public final class WaterfallFigure extends Figure {
    /** Step columns kept. */
    public static final int MAX_COLUMNS = 120;

    /** Index rows drawn. */
    public static final int MAX_ROWS = 64;

    private final BoundedXYZDataset dataset = new BoundedXYZDataset();
    private final RasterBlockRenderer renderer = new RasterBlockRenderer();
    private final ViridisScale scale = new ViridisScale();
    private final PaintScaleLegend legend;
    private final Map<Integer, Columns> byLayer = new HashMap<>();
    private int selected = 1;

    /** An empty heat map. */
    public WaterfallFigure() {
        super(newChart());
        XYPlot plot = (XYPlot) chart().getPlot();
        plot.setDataset(dataset);
        plot.setRenderer(renderer);
        renderer.setPaintScale(scale);
        renderer.setBlockAnchor(RectangleAnchor.BOTTOM_LEFT);
        plot.setNoDataMessage("no singular values yet");
        NumberAxis legendAxis = Axes.axis("σᵢ", false);
        ChartStyle.styleAxis(legendAxis);
        legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(10);
        legend.setBackgroundPaint(Color.WHITE);
        chart().addSubtitle(legend);
        flush();
    }

    private static JFreeChart newChart() {
        NumberAxis x = Axes.axis("step", true);
        NumberAxis y = Axes.axis("index i (1 = largest)", true);
        y.setInverted(true);
        XYPlot plot = new XYPlot(null, x, y, null);
        return new JFreeChart("Waterfall", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    @Override
    public String description() {
        return "Waterfall of the selected layer: each column is one step, each row one singular value (top = largest),"
                + " colour = its size. Only the top r and bottom r rows change colour during training.";
    }

    @Override
    public boolean supportsLogY() {
        return false;
    }

    /** Shows layer {@code layer}. */
    public void selectLayer(int layer) {
        selected = layer;
        hold();
        retitle();
        rebuild();
    }

    /** Names the variant in the title ("" for none). */
    public void setVariant(String name) {
        variant = name == null ? "" : name;
        hold();
        retitle();
    }

    private void retitle() {
        chart().getTitle().setText(Labels.withVariant("Waterfall: σᵢ of W" + Labels.sub(selected), variant));
    }

    private String variant = "";

    /** Adds a column per layer for the snapshot's step. */
    public void add(StepSnapshot s) {
        boolean changed = false;
        for (MetricSeries m : s.series()) {
            if (m.name().equals("sv")) {
                byLayer.computeIfAbsent(m.layer(), l -> new Columns()).add(s.step(), m.values());
                changed |= m.layer() == selected;
            }
        }
        if (changed) {
            hold();
            rebuild();
        }
    }

    private void rebuild() {
        if (dataset.getSeriesCount() > 0) {
            dataset.removeSeries(dataset.getSeriesKey(0));
        }
        Columns c = byLayer.get(selected);
        if (c == null || c.steps.isEmpty()) {
            return;
        }
        double[][] xyz = c.toXyz();
        renderer.setBlockWidth(c.gridWidth());
        renderer.setBlockHeight(c.rowHeight());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double z : xyz[2]) {
            lo = Math.min(lo, z);
            hi = Math.max(hi, z);
        }
        scale.setRange(lo, hi);
        colourBar(legend.getAxis(), lo, hi, scale);
        dataset.addSeries("σ", xyz);
    }

    /**
     * Labels the colour bar's {@code axis} for σ in [lo, hi] shown on {@code scale}: "all σᵢ = v" without ticks when
     * the range is flat (relative width below 1e-9), else "σᵢ" with ticks over the scale's range.
     */
    private static void colourBar(ValueAxis axis, double lo, double hi, ViridisScale scale) {
        boolean flat = !(hi - lo > 1e-9 * Math.max(1e-300, Math.abs(hi)));
        axis.setLabel(flat ? "all σᵢ = " + TickFormat.format3(hi) : "σᵢ");
        axis.setTickLabelsVisible(!flat);
        axis.setTickMarksVisible(!flat);
        axis.setRange(scale.getLowerBound(), scale.getUpperBound());
    }

    /**
     * The colour range of a waterfall chart (the live chart or a copy of it), or null when {@code chart} has no
     * waterfall colour scale.
     */
    public static org.jfree.data.Range colourRange(org.jfree.chart.JFreeChart chart) {
        if (chart.getPlot() instanceof XYPlot plot
                && plot.getRenderer() instanceof XYBlockRenderer r
                && r.getPaintScale() instanceof ViridisScale v) {
            return new org.jfree.data.Range(v.getLowerBound(), v.getUpperBound());
        }
        return null;
    }

    /**
     * Fixes the colours and the colour bar of a waterfall chart (a copy) to {@code range}: the frames of an animation
     * share the scale of the whole run, so a colour means the same σ in every frame.
     */
    public static void fixColourRange(org.jfree.chart.JFreeChart chart, org.jfree.data.Range range) {
        if (colourRange(chart) == null) {
            return;
        }
        double lo = range.getLowerBound();
        double hi = range.getUpperBound();
        ((ViridisScale) ((XYBlockRenderer) ((XYPlot) chart.getPlot()).getRenderer()).getPaintScale()).setRange(lo, hi);
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof PaintScaleLegend bar && bar.getScale() instanceof ViridisScale v) {
                v.setRange(lo, hi);
                colourBar(bar.getAxis(), lo, hi, v);
            }
        }
    }

    /** Number of blocks drawn for the selected layer. */
    public int blockCount() {
        return dataset.getSeriesCount() == 0 ? 0 : dataset.getItemCount(0);
    }

    /** Number of step columns kept for the selected layer. */
    public int columnCount() {
        Columns c = byLayer.get(selected);
        return c == null ? 0 : c.steps.size();
    }

    /** The dataset (one series of (step, index, σ) blocks). */
    public DefaultXYZDataset dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        byLayer.clear();
        rebuild();
    }

    /** The bounded column store of one layer. */
    private static final class Columns {
        final List<Long> steps = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        /** Columns closer than this (in steps) to the one before them are replaced by newer ones. */
        long minGap;

        int d;

        void add(long step, double[] sv) {
            d = sv.length;
            int n = steps.size();
            if (n > 1 && steps.get(n - 1) - steps.get(n - 2) < minGap) {
                // The newest column is closer than the spacing to the one before: it slides forward to this step
                // instead of a column being added, until it is far enough to stay.
                steps.set(n - 1, step);
                values.set(n - 1, rows(sv));
                return;
            }
            steps.add(step);
            values.add(rows(sv));
            if (steps.size() > MAX_COLUMNS) {
                thin();
            }
        }

        /**
         * Keeps every other column (the first and the newest always) and from then on spaces columns by the kept
         * columns' mean gap, measured in steps: snapshots come every {@code metrics.every} steps, or at whatever steps
         * the app published, so the spacing is learned from the data.
         */
        private void thin() {
            List<Long> ks = new ArrayList<>();
            List<double[]> kv = new ArrayList<>();
            int last = steps.size() - 1;
            for (int i = 0; i <= last; i++) {
                if (i % 2 == 0 || i == last) {
                    ks.add(steps.get(i));
                    kv.add(values.get(i));
                }
            }
            steps.clear();
            steps.addAll(ks);
            values.clear();
            values.addAll(kv);
            minGap = (long) Math.ceil(columnWidth());
        }

        /** The width of one column in steps: the mean gap between columns (1 for a single column). */
        double columnWidth() {
            int n = steps.size();
            if (n < 2) {
                return 1;
            }
            return Math.max(1, (steps.get(n - 1) - steps.get(0)) / (double) (n - 1));
        }

        int rowHeight() {
            return Math.max(1, (int) Math.ceil(d / (double) MAX_ROWS));
        }

        private double[] rows(double[] sv) {
            int h = (int) Math.max(1, Math.ceil(sv.length / (double) MAX_ROWS));
            double[] out = new double[(sv.length + h - 1) / h];
            for (int r = 0; r < out.length; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = r * h; i < Math.min(sv.length, (r + 1) * h); i++) {
                    max = Math.max(max, sv[i]);
                }
                out[r] = max;
            }
            return out;
        }

        /** The number of uniform grid columns drawn. */
        int gridColumns() {
            return Math.min(MAX_COLUMNS, steps.size());
        }

        /** The width in steps of one grid column: the step range over the grid (1 for one column). */
        double gridWidth() {
            int g = gridColumns();
            if (g < 2) {
                return 1;
            }
            return Math.max(1e-9, (steps.get(steps.size() - 1) - steps.get(0)) / (double) (g - 1));
        }

        /**
         * Blocks on a uniform grid from the first step: column j at first + j·w shows the kept snapshot nearest to
         * it, so columns touch whatever the steps of the snapshots were.
         */
        double[][] toXyz() {
            int h = rowHeight();
            int g = gridColumns();
            double w = gridWidth();
            int rows = values.get(values.size() - 1).length;
            double[][] xyz = new double[3][g * rows];
            int k = 0;
            int c = 0;
            double first = steps.get(0);
            for (int j = 0; j < g; j++) {
                double x = g < 2 ? first : first + j * w;
                while (c + 1 < steps.size() && Math.abs(steps.get(c + 1) - x) <= Math.abs(steps.get(c) - x)) {
                    c++;
                }
                double[] v = values.get(c);
                for (int r = 0; r < rows; r++) {
                    xyz[0][k] = x;
                    xyz[1][k] = r * h + 1;
                    xyz[2][k] = r < v.length ? v[r] : Double.NaN;
                    k++;
                }
            }
            return xyz;
        }
    }

    /** A perceptually uniform colour scale (five viridis anchors, linearly interpolated). */
    static final class ViridisScale implements PaintScale, PublicCloneable {
        private static final int[] ANCHORS = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};
        private double lower = 0;
        private double upper = 1;

        void setRange(double lo, double hi) {
            if (!(hi > lo)) {
                hi = lo + Math.max(1e-12, Math.abs(lo) * 1e-6);
            }
            lower = lo;
            upper = hi;
        }

        @Override
        public Object clone() throws CloneNotSupportedException {
            // Two doubles and a shared read-only table: the default copy is a full copy.
            return super.clone();
        }

        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            double t = (value - lower) / (upper - lower);
            if (!Double.isFinite(t)) {
                return Color.GRAY;
            }
            return LUT[(int) Math.round(Math.max(0, Math.min(1, t)) * (LUT.length - 1))];
        }

        /** 256 precomputed colours: a redraw asks for one per block, thousands per frame. */
        private static final Color[] LUT = new Color[256];

        static {
            for (int k = 0; k < LUT.length; k++) {
                double t = k / (double) (LUT.length - 1) * (ANCHORS.length - 1);
                int i = Math.min(ANCHORS.length - 2, (int) t);
                double f = t - i;
                Color a = new Color(ANCHORS[i]);
                Color b = new Color(ANCHORS[i + 1]);
                LUT[k] = new Color(
                        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
            }
        }
    }
}
