package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.parsimonylab.session.SessionSnapshot;

/** Single- and double-column figures lay out for their size: no overlapping tick labels, a plot that is not a sliver. */
class PaperSizeTest {

    private static FigureSet trained() {
        FigureSet f = new FigureSet();
        List<SessionSnapshot> batch = new ArrayList<>();
        for (int t = 0; t <= 120; t += 3) {
            batch.add(FigureSetTest.session(1, "main", FigureSetTest.snap(t, 50, true)));
            batch.add(FigureSetTest.session(1, "GELU", FigureSetTest.snap(t, 50, true)));
        }
        f.accept(batch);
        f.flushAll();
        return f;
    }

    @Test
    void singleAndDoubleColumnFiguresHaveNoOverlappingTickLabelsAndARealPlot() {
        FigureSet f = trained();
        double[][] sizes = {{252, 189}, {504, 252}};
        for (FigureTheme theme : FigureTheme.values()) {
            for (double[] size : sizes) {
                for (NamedFigure n : f.named()) {
                    JFreeChart copy = theme.prepare(n.figure().chart(), size[0], size[1]);
                    String what = theme + " " + (int) size[0] + "x" + (int) size[1] + " " + n.key();
                    if (copy.getPlot() instanceof org.jfree.chart.plot.XYPlot) {
                        HonestDrawingTest.assertNoRepeatsNorOverlaps(
                                what, HonestDrawingTest.ticks(copy, (int) size[0], (int) size[1]));
                    }
                    Rectangle2D area = dataArea(copy, (int) size[0], (int) size[1]);
                    assertTrue(
                            area.getHeight() > 0.35 * size[1] && area.getWidth() > 0.5 * size[0],
                            what + ": the plot is a sliver " + area);
                }
            }
        }
    }

    private static Rectangle2D dataArea(JFreeChart chart, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle2D.Double(0, 0, w, h), info);
            return info.getPlotInfo().getDataArea();
        } finally {
            g.dispose();
        }
    }
}
