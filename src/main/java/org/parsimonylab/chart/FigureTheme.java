package org.parsimonylab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * How an exported figure looks. Themes restyle a {@link ChartCopies#detached detached copy}, never the chart on
 * screen. {@link #SLIDE} follows the slide checklist of ecosystem.md §6: white backgrounds, light grid, one font
 * family (DejaVu Sans), large type (22 pt title, 18 pt axis labels, 16 pt legend, 14 pt ticks at a 960×540 pt
 * slide), 2.5 px lines and the Okabe–Ito palette.
 */
public enum FigureTheme {
    /** The look of the app (already white, Okabe–Ito, one family), for paper figures. */
    SCREEN("screen"),
    /** Large type and thick lines for a 16:9 slide. */
    SLIDE("slide");

    private final String label;

    FigureTheme(String label) {
        this.label = label;
    }

    /** The name used on the command line and in menus. */
    public String label() {
        return label;
    }

    /** The theme named {@code label} ({@code slide} or {@code screen}, any case). */
    public static FigureTheme parse(String label) {
        for (FigureTheme t : values()) {
            if (t.label.equals(label.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("theme must be slide or screen (got '" + label + "')");
    }

    /** A detached copy of {@code live} in this theme (call on the thread that changes {@code live}). */
    public JFreeChart prepare(JFreeChart live) {
        JFreeChart copy = ChartCopies.detached(live);
        if (this == SLIDE) {
            slide(copy);
        }
        if (copy.getPlot() instanceof XYPlot xy) {
            sparseTicks(xy.getDomainAxis());
            sparseTicks(xy.getRangeAxis());
        }
        for (int i = 0; i < copy.getSubtitleCount(); i++) {
            if (copy.getSubtitle(i) instanceof PaintScaleLegend scale) {
                sparseTicks(scale.getAxis());
            }
        }
        return copy;
    }

    /**
     * A detached copy of {@code live} in this theme laid out for a page of {@code widthPt} × {@code heightPt} points:
     * at paper sizes (narrower than {@value #PAPER_WIDTH} pt, e.g. a 252 × 189 pt single column) type matches a
     * paper's body text (9 pt title, 8 pt labels, 7 pt ticks and legend), lines are thinner, and each axis gets as
     * many ticks as its physical length holds (one per {@value #X_TICK_PT} pt across, {@value #Y_TICK_PT} pt up), so
     * tick labels never overlap and the plot is not a sliver.
     */
    public JFreeChart prepare(JFreeChart live, double widthPt, double heightPt) {
        JFreeChart copy = prepare(live);
        if (widthPt < PAPER_WIDTH) {
            paper(copy);
        }
        if (copy.getPlot() instanceof XYPlot xy) {
            ticks(xy.getDomainAxis(), Math.max(2, (int) (widthPt / X_TICK_PT)));
            ticks(xy.getRangeAxis(), Math.max(2, (int) (heightPt / Y_TICK_PT)));
        }
        return copy;
    }

    /** Widths below which a figure is laid out as a paper figure rather than a slide. */
    public static final double PAPER_WIDTH = 600;

    /** Points per x tick. */
    static final double X_TICK_PT = 60;

    /** Points per y tick. */
    static final double Y_TICK_PT = 36;

    private static void paper(JFreeChart chart) {
        chart.setPadding(new RectangleInsets(2, 2, 2, 6));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(ChartStyle.FAMILY, Font.BOLD, 9));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof LegendTitle legend) {
                legend.setItemFont(new Font(ChartStyle.FAMILY, Font.PLAIN, 7));
                legend.setItemLabelPadding(new RectangleInsets(1, 2, 1, 6));
                compactLegend(legend);
            } else if (t instanceof PaintScaleLegend scale) {
                paperAxis(scale.getAxis());
                scale.setStripWidth(6);
            } else if (t instanceof TextTitle note) {
                note.setFont(new Font(ChartStyle.FAMILY, Font.ITALIC, 7));
            }
        }
        if (chart.getPlot() instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                paperAxis(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                paperAxis(xy.getRangeAxis(i));
            }
            for (int r = 0; r < xy.getRendererCount(); r++) {
                if (xy.getRenderer(r) instanceof XYLineAndShapeRenderer lines) {
                    int series = xy.getDataset(r) == null ? 0 : xy.getDataset(r).getSeriesCount();
                    thin(lines, series);
                }
            }
        }
    }

    /**
     * Shorter legend entries when there are more than three ({@link Labels#compact}): at a column's width each long
     * entry takes a row of its own, and seven of them left the plot a sliver (PaperSizeRunsTest, angles of E1).
     */
    private static void compactLegend(LegendTitle legend) {
        org.jfree.chart.LegendItemSource[] sources = legend.getSources();
        int count = 0;
        for (org.jfree.chart.LegendItemSource src : sources) {
            count += src.getLegendItems().getItemCount();
        }
        if (count <= 3) {
            return;
        }
        org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
        for (org.jfree.chart.LegendItemSource src : sources) {
            for (java.util.Iterator<?> it = src.getLegendItems().iterator(); it.hasNext(); ) {
                org.jfree.chart.LegendItem i = (org.jfree.chart.LegendItem) it.next();
                items.add(new org.jfree.chart.LegendItem(
                        Labels.compact(i.getLabel()),
                        i.getDescription(),
                        i.getToolTipText(),
                        i.getURLText(),
                        i.isShapeVisible(),
                        i.getShape(),
                        i.isShapeFilled(),
                        i.getFillPaint(),
                        i.isShapeOutlineVisible(),
                        i.getOutlinePaint(),
                        i.getOutlineStroke(),
                        i.isLineVisible(),
                        i.getLine(),
                        i.getLineStroke(),
                        i.getLinePaint()));
            }
        }
        // A fixed list: the copy's series do not change any more.
        legend.setSources(new org.jfree.chart.LegendItemSource[] {() -> items});
    }

    private static void paperAxis(Axis axis) {
        if (axis != null) {
            axis.setLabelFont(new Font(ChartStyle.FAMILY, Font.PLAIN, 8));
            axis.setTickLabelFont(new Font(ChartStyle.FAMILY, Font.PLAIN, 7));
            axis.setAxisLineStroke(new BasicStroke(0.6f));
            axis.setTickMarkStroke(new BasicStroke(0.6f));
        }
    }

    private static void thin(XYLineAndShapeRenderer r, int seriesCount) {
        BasicStroke line = new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        r.setDefaultStroke(line, false);
        for (int i = 0; i < seriesCount; i++) {
            Stroke s = r.getSeriesStroke(i);
            if (s instanceof BasicStroke b) {
                float[] dash = b.getDashArray();
                r.setSeriesStroke(
                        i,
                        dash == null
                                ? line
                                : new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0f),
                        false);
            }
        }
    }

    /** At most {@code target} round ticks on a linear axis (log axes tick decades on their own). */
    private static void ticks(ValueAxis axis, int target) {
        if (!(axis instanceof NumberAxis n)) {
            return;
        }
        double length = n.getRange().getLength();
        if (!(length > 0) || !Double.isFinite(length)) {
            return;
        }
        TickUnit unit = n.getStandardTickUnits().getCeilingTickUnit(length / target);
        if (unit instanceof NumberTickUnit nu) {
            n.setTickUnit(nu, false, true);
        }
    }

    /** Tick marks wanted along a linear axis of an exported figure. */
    private static final int TARGET_TICKS = 9;

    /**
     * At most about {@value #TARGET_TICKS} round ticks on a linear axis: JFreeChart picks the densest unit whose labels
     * fit, which crowds a figure (a tick every 0.05). The copy's ranges are current (setting its datasets configured
     * the axes), so the unit is chosen from them.
     */
    private static void sparseTicks(ValueAxis axis) {
        if (!(axis instanceof NumberAxis n) || !n.isAutoTickUnitSelection()) {
            return;
        }
        double length = n.getRange().getLength();
        if (!(length > 0) || !Double.isFinite(length)) {
            return;
        }
        TickUnit unit = n.getStandardTickUnits().getCeilingTickUnit(length / TARGET_TICKS);
        if (unit instanceof NumberTickUnit nu) {
            n.setTickUnit(nu, false, true);
        }
    }

    /** Line width of series on slides, in points. */
    public static final float SLIDE_LINE_WIDTH = 2.5f;

    private static void slide(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(new Font(ChartStyle.FAMILY, Font.BOLD, 22));
            title.setPaint(Color.BLACK);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof LegendTitle legend) {
                legend.setItemFont(new Font(ChartStyle.FAMILY, Font.PLAIN, 16));
                legend.setBackgroundPaint(Color.WHITE);
                legend.setFrame(BlockBorder.NONE);
                legend.setPosition(RectangleEdge.BOTTOM);
                legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
            } else if (t instanceof PaintScaleLegend scale) {
                axis(scale.getAxis());
                scale.setStripWidth(18);
                scale.setBackgroundPaint(Color.WHITE);
            }
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x999999));
        plot.setNoDataMessageFont(new Font(ChartStyle.FAMILY, Font.ITALIC, 16));
        if (plot instanceof XYPlot xy) {
            Color grid = new Color(0xDDDDDD);
            Stroke gridStroke = new BasicStroke(1f);
            xy.setDomainGridlinePaint(grid);
            xy.setRangeGridlinePaint(grid);
            xy.setDomainGridlineStroke(gridStroke);
            xy.setRangeGridlineStroke(gridStroke);
            xy.setDrawingSupplier(okabeIto());
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i));
            }
            for (int r = 0; r < xy.getRendererCount(); r++) {
                XYItemRenderer renderer = xy.getRenderer(r);
                int series = xy.getDataset(r) == null ? 0 : xy.getDataset(r).getSeriesCount();
                if (renderer instanceof XYLineAndShapeRenderer lines) {
                    thicken(lines, series);
                }
            }
        }
    }

    private static void axis(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(new Font(ChartStyle.FAMILY, Font.PLAIN, 18));
        axis.setTickLabelFont(new Font(ChartStyle.FAMILY, Font.PLAIN, 14));
        axis.setLabelPaint(Color.BLACK);
        axis.setTickLabelPaint(new Color(0x222222));
        axis.setAxisLineStroke(new BasicStroke(1.2f));
        axis.setTickMarkStroke(new BasicStroke(1.2f));
    }

    private static void thicken(XYLineAndShapeRenderer r, int seriesCount) {
        r.setDefaultStroke(thick(r.getDefaultStroke()), false);
        for (int i = 0; i < seriesCount; i++) {
            Stroke s = r.getSeriesStroke(i);
            if (s != null) {
                r.setSeriesStroke(i, thick(s), false);
            }
            Shape shape = r.getSeriesShape(i);
            if (shape != null) {
                r.setSeriesShape(i, AffineTransform.getScaleInstance(1.5, 1.5).createTransformedShape(shape), false);
            }
        }
        Shape shape = r.getDefaultShape();
        if (shape != null) {
            r.setDefaultShape(AffineTransform.getScaleInstance(1.5, 1.5).createTransformedShape(shape), false);
        }
        r.setDrawSeriesLineAsPath(true);
    }

    /** {@code s} at {@link #SLIDE_LINE_WIDTH}, keeping its dashes (scaled with the width) and joins. */
    static Stroke thick(Stroke s) {
        if (!(s instanceof BasicStroke b)) {
            return new BasicStroke(SLIDE_LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        float[] dash = b.getDashArray();
        if (dash == null) {
            return new BasicStroke(SLIDE_LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        float k = SLIDE_LINE_WIDTH / Math.max(0.5f, b.getLineWidth());
        float[] scaled = new float[dash.length];
        for (int i = 0; i < dash.length; i++) {
            scaled[i] = dash[i] * k;
        }
        return new BasicStroke(
                SLIDE_LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, scaled, b.getDashPhase() * k);
    }

    /** Series that have no colour of their own take Okabe–Ito colours in order (JFreeChart's default is red first). */
    private static DefaultDrawingSupplier okabeIto() {
        Paint[] paints = ChartStyle.PALETTE.clone();
        return new DefaultDrawingSupplier(
                paints,
                DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
                new Stroke[] {new BasicStroke(SLIDE_LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)},
                DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE);
    }
}
