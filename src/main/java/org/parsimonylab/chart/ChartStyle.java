package org.parsimonylab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The screen look shared by every figure: white backgrounds (JFreeChart's default light grey looks poor on slides),
 * light grid lines, one font family, and the colour-blind-safe Okabe–Ito palette (ecosystem.md §6).
 */
public final class ChartStyle {
    /** Okabe–Ito colours, in the order series take them. */
    public static final Color[] PALETTE = {
        new Color(0x0072B2),
        new Color(0xD55E00),
        new Color(0x009E73),
        new Color(0xCC79A7),
        new Color(0xE69F00),
        new Color(0x56B4E9),
        new Color(0x000000),
        new Color(0xF0E442)
    };

    /** The top-r block of singular values. */
    public static final Color TOP = new Color(0xD55E00);

    /** The middle block, which the law of parsimony says stays put. */
    public static final Color MIDDLE = new Color(0x999999);

    /** The bottom-r block. */
    public static final Color BOTTOM = new Color(0x0072B2);

    /** Theory lines. */
    public static final Color THEORY = Color.BLACK;

    /** The font family (DejaVu Sans ships with the base image; Java falls back to SansSerif). */
    public static final String FAMILY = "DejaVu Sans";

    static final Stroke LINE = new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED =
            new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f);

    private ChartStyle() {}

    /** Palette colour {@code i} (wrapping). */
    public static Paint color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** Applies the screen look to {@code chart}. */
    public static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            if (!(chart.getTitle() instanceof TexTitle)) {
                chart.setTitle(new TexTitle(
                        chart.getTitle().getText(), chart.getTitle().getFont()));
            }
            chart.getTitle().setFont(new Font(FAMILY, Font.BOLD, 13));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(new Font(FAMILY, Font.PLAIN, 11));
            legend.setBackgroundPaint(Color.WHITE);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0xBBBBBB));
        plot.setNoDataMessageFont(new Font(FAMILY, Font.ITALIC, 12));
        plot.setNoDataMessagePaint(new Color(0x666666));
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(new Color(0xDDDDDD));
            xy.setRangeGridlinePaint(new Color(0xDDDDDD));
            if (xy.getDomainAxis() != null && xy.getDomainAxis().getClass() == NumberAxis.class) {
                xy.setDomainAxis(typeset((NumberAxis) xy.getDomainAxis()));
            }
            if (xy.getRangeAxis() != null && xy.getRangeAxis().getClass() == NumberAxis.class) {
                xy.setRangeAxis(typeset((NumberAxis) xy.getRangeAxis()));
            }
            styleAxis(xy.getDomainAxis());
            styleAxis(xy.getRangeAxis());
        }
    }

    /** A {@link Axes.SafeAxis} (typeset label, never degenerate) in place of a chart factory's plain axis. */
    private static NumberAxis typeset(NumberAxis plain) {
        Axes.SafeAxis a = new Axes.SafeAxis(plain.getLabel(), false);
        a.setAutoRangeIncludesZero(plain.getAutoRangeIncludesZero());
        a.setLowerMargin(plain.getLowerMargin());
        a.setUpperMargin(plain.getUpperMargin());
        return a;
    }

    /** Fonts of an axis. */
    public static void styleAxis(Axis axis) {
        if (axis != null) {
            axis.setLabelFont(new Font(FAMILY, Font.PLAIN, 12));
            axis.setTickLabelFont(new Font(FAMILY, Font.PLAIN, 10));
        }
    }

    /** A y axis, logarithmic or linear, labelled {@code label}. */
    public static ValueAxis valueAxis(String label, boolean log) {
        ValueAxis axis;
        if (log) {
            LogAxis logAxis = new NiceLogAxis(label);
            logAxis.setSmallestValue(1e-300);
            logAxis.setAutoRangeMinimumSize(1e-12);
            logAxis.setNumberFormatOverride(new TickFormat());
            axis = logAxis;
        } else {
            axis = new Axes.SafeAxis(label, false);
        }
        styleAxis(axis);
        return axis;
    }
}
