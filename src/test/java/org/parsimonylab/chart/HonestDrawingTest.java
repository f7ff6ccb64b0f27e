package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/** Waterfalls without stripes, axes that make sense at step 0 and on flat data, ticks that do not collide. */
class HonestDrawingTest {

    /** A tick label as drawn: its text and its box on the axis (x along a horizontal axis, y along a vertical one). */
    record Label(String text, double from, double to) {}

    /** The tick labels of the x and y axes of {@code chart} drawn at w × h pixels. */
    static List<List<Label>> ticks(JFreeChart chart, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle2D.Double(0, 0, w, h), info);
            Rectangle2D area = info.getPlotInfo().getDataArea();
            XYPlot plot = (XYPlot) chart.getPlot();
            List<List<Label>> out = new ArrayList<>();
            out.add(labels(g, plot.getDomainAxis(), area, plot.getDomainAxisEdge(), true));
            out.add(labels(g, plot.getRangeAxis(), area, plot.getRangeAxisEdge(), false));
            return out;
        } finally {
            g.dispose();
        }
    }

    private static List<Label> labels(
            Graphics2D g, ValueAxis axis, Rectangle2D area, RectangleEdge edge, boolean horizontal) {
        g.setFont(axis.getTickLabelFont());
        FontRenderContext frc = g.getFontRenderContext();
        List<Label> out = new ArrayList<>();
        if (!axis.isTickLabelsVisible()) {
            return out;
        }
        for (Object o : axis.refreshTicks(g, new AxisState(), area, edge)) {
            ValueTick t = (ValueTick) o;
            String text = t.getText();
            if (text == null || text.isEmpty()) {
                continue;
            }
            double at = axis.valueToJava2D(t.getValue(), area, edge);
            Rectangle2D box = axis.getTickLabelFont().getStringBounds(text, frc);
            double half = (horizontal ? box.getWidth() : box.getHeight()) / 2;
            out.add(new Label(text, at - half, at + half));
        }
        return out;
    }

    static void assertNoRepeatsNorOverlaps(String what, List<List<Label>> axes) {
        for (List<Label> axis : axes) {
            Set<String> seen = new HashSet<>();
            for (Label l : axis) {
                assertTrue(seen.add(l.text()), what + ": tick label " + l.text() + " repeated in " + axis);
            }
            List<Label> sorted = new ArrayList<>(axis);
            sorted.sort((a, b) -> Double.compare(a.from(), b.from()));
            for (int i = 1; i < sorted.size(); i++) {
                assertTrue(
                        sorted.get(i).from() >= sorted.get(i - 1).to(),
                        what + ": tick labels " + sorted.get(i - 1).text() + " and "
                                + sorted.get(i).text() + " overlap");
            }
        }
    }

    /** Every σ = 1 (orthogonal init of scale 1) and the loss flat: the first thing a user sees. */
    static StepSnapshot flat(long step, int d) {
        double[] sv = new double[d];
        Arrays.fill(sv, 1.0);
        List<MetricSeries> s = new ArrayList<>();
        s.add(MetricSeries.scalar("loss", 0.1605));
        s.add(MetricSeries.indexed("sv", 1, sv));
        s.add(MetricSeries.indexed("angle-right-rad", 1, new double[d]));
        s.add(MetricSeries.ofLayer("update-energy-in-block", 1, 0.1605));
        return new StepSnapshot(step, 0, s);
    }

    @Test
    void atStepZeroOnFlatDataNoTickLabelRepeatsAndTheColourBarSaysAllEqual() {
        FigureSet f = new FigureSet();
        f.accept(List.of(FigureSetTest.session(1, "main", flat(0, 30))));
        f.flushAll();
        for (Figure fig : List.of(f.loss, f.spectrum, f.singularValues, f.waterfall, f.angles, f.updateEnergy)) {
            List<List<Label>> axes = ticks(fig.chart(), 640, 400);
            assertFalse(axes.get(0).isEmpty(), fig.title() + " has x ticks");
            assertNoRepeatsNorOverlaps(fig.title(), axes);
            for (Label l : axes.get(0)) {
                assertFalse(l.text().contains("E-") || l.text().contains("e-"), fig.title() + ": x tick " + l);
            }
        }
        PaintScaleLegend bar = null;
        for (int i = 0; i < f.waterfall.chart().getSubtitleCount(); i++) {
            if (f.waterfall.chart().getSubtitle(i) instanceof PaintScaleLegend p) {
                bar = p;
            }
        }
        assertEquals("all σᵢ = 1", bar.getAxis().getLabel());
        assertFalse(bar.getAxis().isTickLabelsVisible());
    }

    @Test
    void aWaterfallFedIrregularStepsHasNoEmptyColumns() {
        WaterfallFigure w = new WaterfallFigure();
        long[] steps = {0, 1, 2, 3, 7, 30, 31, 32, 100, 101, 250, 251, 252, 400};
        for (long t : steps) {
            double[] sv = new double[10];
            for (int i = 0; i < sv.length; i++) {
                sv[i] = 1 + 0.001 * t * (i < 2 ? 1 : 0);
            }
            w.add(new StepSnapshot(t, 0, List.of(MetricSeries.indexed("sv", 1, sv))));
        }
        w.flush();
        var data = w.dataset();
        double width = ((org.jfree.chart.renderer.xy.XYBlockRenderer)
                        ((XYPlot) w.chart().getPlot()).getRenderer())
                .getBlockWidth();
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (int k = 0; k < data.getItemCount(0); k++) {
            xs.add(data.getXValue(0, k));
        }
        assertEquals(0.0, xs.first(), 1e-9);
        assertTrue(xs.last() + width >= 400, "the columns reach the last step");
        Double prev = null;
        for (double x : xs) {
            if (prev != null) {
                assertEquals(width, x - prev, 1e-9, "column at " + x + " touches the one before (no stripe)");
            }
            prev = x;
        }
        assertEquals(xs.size() * 10, data.getItemCount(0), "every column has every row");
        // The values are the run's: the column at step 0 shows the snapshot of step 0, the last the last one.
        for (int k = 0; k < data.getItemCount(0); k++) {
            if (data.getXValue(0, k) == 0 && data.getYValue(0, k) == 1) {
                assertEquals(1.0, data.getZValue(0, k), 0);
            }
            if (data.getXValue(0, k) == xs.last() && data.getYValue(0, k) == 1) {
                assertEquals(1.4, data.getZValue(0, k), 1e-12);
            }
        }
    }
}
