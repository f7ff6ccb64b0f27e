package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.parsimonylab.chart.FigureTheme;
import org.parsimonylab.chart.RunFigures;
import org.parsimonylab.chart.WaterfallFigure;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * {@code figures --animate}: every waterfall frame uses the colour range of the whole run (issue 10 item 6), so the
 * same σ has the same colour in every frame and the first frame (every σ = 1) is not a flat "all σ = 1" bar.
 */
class AnimationColourScaleTest {
    @Test
    void waterfallFramesShareTheWholeRunsColourScale() {
        RunHistory history = new RunHistory();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = 0; t <= 40; t++) {
            double[] sv = {1 + 0.02 * t, 1 + 0.01 * t, 1, 1, 1, 1 - 0.01 * t};
            for (double v : sv) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            history.add(
                    "main",
                    new StepSnapshot(
                            t,
                            0,
                            List.of(MetricSeries.scalar("loss", 1.0 / (1 + t)), MetricSeries.indexed("sv", 1, sv))));
        }
        FigureOptions o = new FigureOptions(FigureSize.SLIDE, 0.5, FigureTheme.SLIDE, false);
        List<JFreeChart> frames = FigureAnimator.frames(history, "waterfall-W1", h -> RunFigures.build(h, 1), 6, o);
        assertEquals(6, frames.size());
        java.awt.Paint one = null;
        for (JFreeChart c : frames) {
            Range r = WaterfallFigure.colourRange(c);
            assertNotNull(r);
            assertEquals(lo, r.getLowerBound(), 1e-12, "colour scale low end: the whole run's");
            assertEquals(hi, r.getUpperBound(), 1e-12, "colour scale high end: the whole run's");
            XYBlockRenderer blocks = (XYBlockRenderer) ((XYPlot) c.getPlot()).getRenderer();
            java.awt.Paint p = blocks.getPaintScale().getPaint(1.0);
            if (one == null) {
                one = p;
            }
            assertEquals(one, p, "sigma = 1 has one colour in every frame");
            for (int i = 0; i < c.getSubtitleCount(); i++) {
                if (c.getSubtitle(i) instanceof PaintScaleLegend bar) {
                    assertEquals(lo, bar.getAxis().getLowerBound(), 1e-12, "colour bar axis");
                    assertEquals(hi, bar.getAxis().getUpperBound(), 1e-12, "colour bar axis");
                    assertEquals(hi, bar.getScale().getUpperBound(), 1e-12, "colour bar scale");
                    assertEquals("σᵢ", bar.getAxis().getLabel(), "not the flat 'all σ = 1' of frame 0 alone");
                }
            }
        }
    }
}
