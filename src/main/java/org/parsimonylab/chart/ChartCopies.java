package org.parsimonylab.chart;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.Title;
import org.jfree.chart.util.PublicCloneable;
import org.jfree.data.xy.XYDataset;

/**
 * Copies of a chart that share nothing mutable with it, so that a theme can restyle the copy (the screen look stays)
 * and another thread can draw it while the live chart keeps changing. {@link JFreeChart#clone()} alone is not
 * enough in JFreeChart 1.5.6: the plot copy keeps the live datasets (and listens to them), a legend copy still reads
 * its items from the live plot, and a {@link PaintScaleLegend} copy shares its axis and scale.
 */
public final class ChartCopies {
    private ChartCopies() {}

    /** A deep copy of {@code chart} (call on the thread that changes it). */
    public static JFreeChart detached(JFreeChart chart) {
        JFreeChart copy;
        try {
            copy = (JFreeChart) chart.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("chart cannot be copied: " + e.getMessage(), e);
        }
        Plot plot = copy.getPlot();
        if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDatasetCount(); i++) {
                XYDataset d = xy.getDataset(i);
                if (d != null) {
                    // setDataset also stops the copy from listening to the live dataset.
                    xy.setDataset(i, cloneDataset(d));
                }
            }
        }
        List<Title> titles = new ArrayList<>();
        for (int i = 0; i < copy.getSubtitleCount(); i++) {
            titles.add(copy.getSubtitle(i));
        }
        copy.clearSubtitles();
        for (Title t : titles) {
            if (t instanceof LegendTitle legend) {
                legend.setSources(new LegendItemSource[] {(LegendItemSource) plot});
                copy.addSubtitle(legend);
            } else if (t instanceof PaintScaleLegend scaleLegend) {
                copy.addSubtitle(copyOf(scaleLegend));
            } else {
                copy.addSubtitle(t);
            }
        }
        return copy;
    }

    private static XYDataset cloneDataset(XYDataset d) {
        if (d instanceof PublicCloneable c) {
            try {
                return (XYDataset) c.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("dataset cannot be copied: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("dataset " + d.getClass().getSimpleName() + " cannot be copied");
    }

    private static PaintScaleLegend copyOf(PaintScaleLegend live) {
        PaintScale scale = live.getScale();
        if (scale instanceof PublicCloneable c) {
            try {
                scale = (PaintScale) c.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("colour scale cannot be copied: " + e.getMessage(), e);
            }
        }
        ValueAxis axis;
        try {
            axis = (ValueAxis) live.getAxis().clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("colour scale axis cannot be copied: " + e.getMessage(), e);
        }
        PaintScaleLegend copy = new PaintScaleLegend(scale, axis);
        copy.setPosition(live.getPosition());
        copy.setStripWidth(live.getStripWidth());
        copy.setStripOutlineVisible(live.isStripOutlineVisible());
        copy.setAxisOffset(live.getAxisOffset());
        copy.setAxisLocation(live.getAxisLocation());
        copy.setSubdivisionCount(live.getSubdivisionCount());
        copy.setBackgroundPaint(live.getBackgroundPaint());
        copy.setMargin(live.getMargin());
        copy.setPadding(live.getPadding());
        copy.setFrame(live.getFrame());
        return copy;
    }
}
