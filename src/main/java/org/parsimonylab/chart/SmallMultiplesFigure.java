package org.parsimonylab.chart;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;

/**
 * Variants side by side with the same axes (issue 10 item 3; paper 2 Fig. 1 as a panel per activation): one panel
 * per variant, copied from that variant's figure, sharing the y axis so heights compare at a glance, each panel's x
 * axis labelled with the variant's name. A static figure of a recorded run: the panels are copies taken when built.
 */
public final class SmallMultiplesFigure extends Figure {
    private final CombinedRangeXYPlot plot;
    private final int panels;

    /** Panels of {@code figures} (XY figures, one per variant, named by {@code variants}), titled {@code title}. */
    public SmallMultiplesFigure(String title, List<String> variants, List<? extends Figure> figures) {
        super(build(title, variants, figures));
        this.plot = (CombinedRangeXYPlot) chart().getPlot();
        this.panels = figures.size();
    }

    private static JFreeChart build(String title, List<String> variants, List<? extends Figure> figures) {
        if (variants.size() != figures.size() || figures.isEmpty()) {
            throw new IllegalArgumentException("small multiples need one figure per variant (got " + figures.size()
                    + " for " + variants.size() + ")");
        }
        XYPlot first = (XYPlot) figures.get(0).chart().getPlot();
        ValueAxis y = ChartStyle.valueAxis(
                first.getRangeAxis().getLabel(), figures.get(0).isLogY());
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(y);
        combined.setGap(8);
        XYPlot legendSource = null;
        for (int i = 0; i < figures.size(); i++) {
            JFreeChart copy = ChartCopies.detached(figures.get(i).chart());
            XYPlot panel = (XYPlot) copy.getPlot();
            ValueAxis x = panel.getDomainAxis();
            x.setLabel(variants.get(i) + ": " + x.getLabel());
            combined.add(panel, 1);
            if (legendSource == null) {
                legendSource = panel;
            }
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        // The panels share colours and blocks: one legend, the first panel's.
        chart.getLegend().setSources(new org.jfree.chart.LegendItemSource[] {legendSource});
        return chart;
    }

    /** The number of panels. */
    public int panels() {
        return panels;
    }

    /** The panel of variant number {@code i}. */
    public XYPlot panel(int i) {
        return (XYPlot) plot.getSubplots().get(i);
    }

    @Override
    public String description() {
        return "One panel per variant, same y axis: compare how the variants behave side by side.";
    }

    @Override
    public boolean supportsLogY() {
        return false;
    }

    @Override
    public void clear() {
        // A static figure: nothing accumulates.
    }
}
