package org.parsimonylab.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * A heat-map renderer that, on the app's canvas, paints each series as one image of the data area instead of one
 * filled rectangle per block: the waterfall has up to 120 × 64 blocks, and on JavaFX's software pipeline every block
 * is a canvas command replayed and anti-aliased by the render thread at every redraw (docs/ui.md "Frame pacing").
 * Each pixel takes the colour of the block that covers its centre (blocks are placed exactly as {@link
 * XYBlockRenderer} places them). Everywhere else (PNG, SVG and PDF exports, tests) it draws the blocks as its
 * superclass does, unless {@link #setRaster(boolean)} forces the image.
 */
public class RasterBlockRenderer extends XYBlockRenderer {
    private static final long serialVersionUID = 1L;

    /** The class of JFreeChart-FX's canvas graphics, named so this package does not link to JavaFX. */
    private static final String FX_GRAPHICS = "org.jfree.fx.FXGraphics2D";

    private boolean raster;
    private transient BufferedImage image;

    /** Forces (or stops forcing) the image on every graphics target, not only the app's canvas. */
    public void setRaster(boolean raster) {
        this.raster = raster;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        RasterBlockRenderer copy = (RasterBlockRenderer) super.clone();
        copy.image = null; // a copy (an export) paints into its own image
        return copy;
    }

    private boolean rasterOn(Graphics2D g2) {
        return raster || g2.getClass().getName().equals(FX_GRAPHICS);
    }

    @Override
    public void drawItem(
            Graphics2D g2,
            XYItemRendererState state,
            Rectangle2D dataArea,
            PlotRenderingInfo info,
            XYPlot plot,
            ValueAxis domainAxis,
            ValueAxis rangeAxis,
            XYDataset dataset,
            int series,
            int item,
            CrosshairState crosshairState,
            int pass) {
        if (!(dataset instanceof XYZDataset xyz) || !rasterOn(g2)) {
            super.drawItem(
                    g2,
                    state,
                    dataArea,
                    info,
                    plot,
                    domainAxis,
                    rangeAxis,
                    dataset,
                    series,
                    item,
                    crosshairState,
                    pass);
            return;
        }
        if (item != 0) {
            return; // the series was painted whole at its first item
        }
        int w = (int) Math.ceil(dataArea.getWidth());
        int h = (int) Math.ceil(dataArea.getHeight());
        if (w <= 0 || h <= 0) {
            return;
        }
        BufferedImage image = paint(xyz, series, dataArea, w, h, plot, domainAxis, rangeAxis);
        g2.drawImage(image, (int) Math.floor(dataArea.getX()), (int) Math.floor(dataArea.getY()), null);
    }

    /** The series' blocks as a {@code w × h} image whose pixel (0, 0) is the data area's top-left corner. */
    BufferedImage paint(
            XYZDataset xyz,
            int series,
            Rectangle2D dataArea,
            int w,
            int h,
            XYPlot plot,
            ValueAxis domainAxis,
            ValueAxis rangeAxis) {
        // One image kept from redraw to redraw while the data area keeps its size: it is copied at once by the
        // graphics it is drawn on, so it can be cleared and painted again.
        if (image == null || image.getWidth() != w || image.getHeight() != h) {
            image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        }
        // The image's own pixel array (no per-pixel setRGB through the colour model).
        int[] argb = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(argb, 0);
        double x0 = Math.floor(dataArea.getX());
        double y0 = Math.floor(dataArea.getY());
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        double dx = xOffset();
        double dy = yOffset();
        for (int i = 0; i < xyz.getItemCount(series); i++) {
            double x = xyz.getXValue(series, i);
            double y = xyz.getYValue(series, i);
            double z = xyz.getZValue(series, i);
            Paint p = getPaintScale().getPaint(z);
            if (!(p instanceof Color c) || Double.isNaN(x) || Double.isNaN(y)) {
                continue;
            }
            double xa = domainAxis.valueToJava2D(x + dx, dataArea, xEdge) - x0;
            double xb = domainAxis.valueToJava2D(x + dx + getBlockWidth(), dataArea, xEdge) - x0;
            double ya = rangeAxis.valueToJava2D(y + dy, dataArea, yEdge) - y0;
            double yb = rangeAxis.valueToJava2D(y + dy + getBlockHeight(), dataArea, yEdge) - y0;
            if (plot.getOrientation() == org.jfree.chart.plot.PlotOrientation.HORIZONTAL) {
                double t = xa;
                xa = ya;
                ya = t;
                t = xb;
                xb = yb;
                yb = t;
            }
            // Pixel columns (rows) whose centre lies in the block: blocks that touch share no pixel and leave none.
            int c0 = Math.max(0, (int) Math.ceil(Math.min(xa, xb) - 0.5));
            int c1 = Math.min(w, (int) Math.ceil(Math.max(xa, xb) - 0.5));
            int r0 = Math.max(0, (int) Math.ceil(Math.min(ya, yb) - 0.5));
            int r1 = Math.min(h, (int) Math.ceil(Math.max(ya, yb) - 0.5));
            int colour = c.getRGB();
            for (int r = r0; r < r1; r++) {
                java.util.Arrays.fill(argb, r * w + c0, Math.max(r * w + c0, r * w + c1), colour);
            }
        }
        return image;
    }

    private double xOffset() {
        RectangleAnchor a = getBlockAnchor();
        if (a == RectangleAnchor.CENTER || a == RectangleAnchor.TOP || a == RectangleAnchor.BOTTOM) {
            return -getBlockWidth() / 2;
        }
        if (a == RectangleAnchor.RIGHT || a == RectangleAnchor.TOP_RIGHT || a == RectangleAnchor.BOTTOM_RIGHT) {
            return -getBlockWidth();
        }
        return 0;
    }

    private double yOffset() {
        RectangleAnchor a = getBlockAnchor();
        if (a == RectangleAnchor.CENTER || a == RectangleAnchor.LEFT || a == RectangleAnchor.RIGHT) {
            return -getBlockHeight() / 2;
        }
        if (a == RectangleAnchor.TOP || a == RectangleAnchor.TOP_LEFT || a == RectangleAnchor.TOP_RIGHT) {
            return -getBlockHeight();
        }
        return 0;
    }
}
