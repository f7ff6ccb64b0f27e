package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * The waterfall painted as one image (what the app's canvas gets) shows the same colours at the same places as the
 * block-by-block drawing of the exports: at the centre of every block the two renderings have the same pixel, and
 * every other pixel of the data area either agrees or sits on a block edge (which the vector drawing anti-aliases)
 * and shows the colour of a block beside it.
 */
class RasterBlockRendererTest {
    @Test
    void theImageShowsEveryBlockWhereTheBlocksAre() {
        WaterfallFigure w = new WaterfallFigure();
        for (long t = 0; t <= 300; t += 7) {
            double[] sv = new double[12];
            for (int i = 0; i < sv.length; i++) {
                sv[i] = 1 + Math.sin(0.01 * t * (i + 1)) * (i < 3 ? 1 : 0.1);
            }
            w.add(new StepSnapshot(t, 0, List.of(MetricSeries.indexed("sv", 1, sv))));
        }
        w.flush();
        XYPlot plot = (XYPlot) w.chart().getPlot();
        RasterBlockRenderer renderer = (RasterBlockRenderer) plot.getRenderer();

        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage blocks = draw(w, info);
        renderer.setRaster(true);
        BufferedImage image = draw(w, new ChartRenderingInfo());
        renderer.setRaster(false);

        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYZDataset data = (XYZDataset) plot.getDataset();
        ValueAxis x = plot.getDomainAxis();
        ValueAxis y = plot.getRangeAxis();
        int centres = 0;
        // The blocks' extent on screen (pixels around it mix the blocks with the background and the grid lines).
        Rectangle2D covered = null;
        for (int i = 0; i < data.getItemCount(0); i++) {
            Rectangle2D r = new Rectangle2D.Double();
            r.setFrameFromDiagonal(
                    x.valueToJava2D(data.getXValue(0, i), area, plot.getDomainAxisEdge()),
                    y.valueToJava2D(data.getYValue(0, i), area, plot.getRangeAxisEdge()),
                    x.valueToJava2D(data.getXValue(0, i) + renderer.getBlockWidth(), area, plot.getDomainAxisEdge()),
                    y.valueToJava2D(data.getYValue(0, i) + renderer.getBlockHeight(), area, plot.getRangeAxisEdge()));
            covered = covered == null ? r : covered.createUnion(r);
        }
        for (int i = 0; i < data.getItemCount(0); i++) {
            double cx = x.valueToJava2D(
                    data.getXValue(0, i) + renderer.getBlockWidth() / 2, area, plot.getDomainAxisEdge());
            double cy = y.valueToJava2D(
                    data.getYValue(0, i) + renderer.getBlockHeight() / 2, area, plot.getRangeAxisEdge());
            int px = (int) Math.floor(cx);
            int py = (int) Math.floor(cy);
            int expected =
                    renderer.getPaintScale().getPaint(data.getZValue(0, i)).hashCode();
            assertEquals(
                    new java.awt.Color(blocks.getRGB(px, py)),
                    new java.awt.Color(image.getRGB(px, py)),
                    "block " + i + " at (" + px + ", " + py + ")");
            assertEquals(expected, new java.awt.Color(image.getRGB(px, py)).hashCode(), "block " + i + " colour");
            centres++;
        }
        assertEquals(data.getItemCount(0), centres);
        assertTrue(centres > 300, "enough blocks to mean something: " + centres);

        int same = 0;
        int edge = 0;
        for (int py = (int) Math.ceil(covered.getMinY()) + 2; py < (int) covered.getMaxY() - 2; py++) {
            for (int px = (int) Math.ceil(covered.getMinX()) + 2; px < (int) covered.getMaxX() - 2; px++) {
                int v = image.getRGB(px, py);
                if (blocks.getRGB(px, py) == v) {
                    same++;
                    continue;
                }
                boolean besideIt = false;
                for (int ny = py - 2; ny <= py + 2 && !besideIt; ny++) {
                    for (int nx = px - 2; nx <= px + 2 && !besideIt; nx++) {
                        besideIt = blocks.getRGB(nx, ny) == v;
                    }
                }
                assertTrue(besideIt, "pixel (" + px + ", " + py + ") has a colour no block near it has");
                edge++;
            }
        }
        assertTrue(same > 3 * edge, same + " pixels agree, " + edge + " differ on block edges");
    }

    private static BufferedImage draw(WaterfallFigure w, ChartRenderingInfo info) {
        BufferedImage img = new BufferedImage(500, 320, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        w.chart().draw(g, new Rectangle2D.Double(0, 0, 500, 320), info);
        g.dispose();
        return img;
    }
}
