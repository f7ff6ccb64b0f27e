package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.RunHistory;
import org.parsimonylab.session.RunListener;

/**
 * Every figure kind of real E1 and E8 runs, laid out at the paper sizes of {@code --size single-column} (252×189 pt)
 * and {@code double-column} (504×252 pt) in both themes (issue 10 item 5): no two tick labels overlap or repeat on
 * any axis (x, y, each panel's y of a small-multiples figure, the colour bar), measured from each axis' own tick list
 * and the tick font's metrics after drawing; and the plot area is a sensible share of the figure.
 */
class PaperSizeRunsTest {
    private static final double[][] SIZES = {{252, 189}, {504, 252}};

    private static RunHistory run(String preset) {
        var spec = PresetLoader.load(Path.of("presets", preset), List.of()).toExperiment();
        RunHistory history = new RunHistory();
        new ExperimentRun(spec, LinAlgs.create())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot s) {
                                history.add(variant, s);
                            }
                        },
                        0,
                        0);
        return history;
    }

    @Test
    void e1AndE8FiguresLayOutAtPaperSizes() {
        List<NamedFigure> figures = new ArrayList<>();
        figures.addAll(RunFigures.build(run("e1-law-of-parsimony.json"), 3));
        figures.addAll(RunFigures.build(run("e8-progressive-separation.json"), 5));
        List<String> kinds = figures.stream().map(NamedFigure::key).toList();
        for (String k : List.of("loss", "spectrum-W1", "sv-W1", "waterfall-W1", "angles-W1", "separation")) {
            assertTrue(kinds.contains(k), "kind " + k + " drawn: " + kinds);
        }
        for (FigureTheme theme : FigureTheme.values()) {
            for (double[] size : SIZES) {
                for (NamedFigure n : figures) {
                    JFreeChart copy = theme.prepare(n.figure().chart(), size[0], size[1]);
                    String what = theme + " " + (int) size[0] + "x" + (int) size[1] + " " + n.key();
                    check(what, copy, (int) size[0], (int) size[1]);
                }
            }
        }
    }

    private record Label(String text, double from, double to) {}

    private static void check(String what, JFreeChart chart, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle2D.Double(0, 0, w, h), info);
            PlotRenderingInfo plotInfo = info.getPlotInfo();
            Rectangle2D area = plotInfo.getDataArea();
            assertTrue(
                    area.getHeight() > 0.35 * h && area.getWidth() > 0.5 * w, what + ": the plot is a sliver " + area);
            if (chart.getPlot() instanceof CombinedDomainXYPlot combined) {
                List<XYPlot> panels = combined.getSubplots();
                for (int i = 0; i < panels.size(); i++) {
                    Rectangle2D panel = plotInfo.getSubplotInfo(i).getDataArea();
                    XYPlot p = panels.get(i);
                    assertFine(what + " panel " + i, labels(g, p.getRangeAxis(), panel, p.getRangeAxisEdge(), false));
                }
                assertFine(what, labels(g, combined.getDomainAxis(), area, combined.getDomainAxisEdge(), true));
            } else if (chart.getPlot() instanceof XYPlot plot) {
                assertFine(what + " x", labels(g, plot.getDomainAxis(), area, plot.getDomainAxisEdge(), true));
                assertFine(what + " y", labels(g, plot.getRangeAxis(), area, plot.getRangeAxisEdge(), false));
            }
            for (int i = 0; i < chart.getSubtitleCount(); i++) {
                if (chart.getSubtitle(i) instanceof PaintScaleLegend bar) {
                    // The colour bar's axis runs along the plot's height.
                    assertFine(what + " colour bar", labels(g, bar.getAxis(), area, RectangleEdge.RIGHT, false));
                }
            }
        } finally {
            g.dispose();
        }
    }

    private static List<Label> labels(
            Graphics2D g, ValueAxis axis, Rectangle2D area, RectangleEdge edge, boolean horizontal) {
        List<Label> out = new ArrayList<>();
        if (axis == null || !axis.isVisible() || !axis.isTickLabelsVisible()) {
            return out;
        }
        g.setFont(axis.getTickLabelFont());
        FontRenderContext frc = g.getFontRenderContext();
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

    private static void assertFine(String what, List<Label> axis) {
        List<String> texts = axis.stream().map(Label::text).toList();
        assertFalse(texts.size() != texts.stream().distinct().count(), what + ": repeated tick labels " + texts);
        List<Label> sorted = new ArrayList<>(axis);
        sorted.sort((a, b) -> Double.compare(a.from(), b.from()));
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(
                    sorted.get(i).from() >= sorted.get(i - 1).to(),
                    what + ": tick labels " + sorted.get(i - 1).text() + " and "
                            + sorted.get(i).text() + " overlap in " + texts);
        }
    }
}
