package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parsimonylab.chart.LossFigure;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Reading values off a chart: the crosshair's readout, legend toggles, log x and smoothing, on a loss chart. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ReadValuesTest {
    private final LossFigure loss = new LossFigure();
    private ChartPane pane;

    @Start
    void start(Stage stage) {
        // Two variants over steps 0..10: "a" at loss 1, 0.5, 0.25, …; "b" ten times higher.
        for (int t = 0; t <= 10; t++) {
            loss.add("a", point(t, Math.pow(0.5, t)));
            loss.add("b", point(t, 10 * Math.pow(0.5, t)));
        }
        loss.flush();
        pane = new ChartPane(loss, "lossChart");
        stage.setScene(new Scene(pane, 500, 350));
        stage.show();
    }

    private static StepSnapshot point(long step, double value) {
        return new StepSnapshot(step, step * 0.1, List.of(MetricSeries.scalar("loss", value)));
    }

    /** The pixel of (x, y) over {@code area} on the chart's axes. */
    private double[] pixel(Rectangle2D area, double x, double y) {
        XYPlot plot = loss.chart().getXYPlot();
        return new double[] {
            plot.getDomainAxis().valueToJava2D(x, area, plot.getDomainAxisEdge()),
            plot.getRangeAxis().valueToJava2D(y, area, plot.getRangeAxisEdge())
        };
    }

    @Test
    void theReadoutNamesTheNearestPointsStepSeriesAndValue() {
        Rectangle2D area = new Rectangle2D.Double(40, 10, 400, 300);
        XYPlot plot = loss.chart().getXYPlot();
        plot.getDomainAxis().setRange(0, 10);
        plot.getRangeAxis().setRange(1e-4, 20);
        double[] p = pixel(area, 3, 10 * 0.125);
        ChartReadout r = ChartReadout.nearest(plot, area, p[0] + 2, p[1] - 1);
        assertEquals("b", r.series());
        assertEquals(3, r.x());
        assertEquals(1.25, r.y());
        assertEquals("step 3 · b = 1.25", r.text());
        double[] q = pixel(area, 4, 0.0625);
        assertEquals(
                "step 4 · a = 0.0625",
                ChartReadout.nearest(plot, area, q[0], q[1] + 3).text());
    }

    @Test
    void aLegendClickHidesASeriesAndTheNextShowsItAgain(FxRobot robot) {
        Rectangle2D area = new Rectangle2D.Double(40, 10, 400, 300);
        XYPlot plot = loss.chart().getXYPlot();
        plot.getDomainAxis().setRange(0, 10);
        plot.getRangeAxis().setRange(1e-4, 20);
        double[] p = pixel(area, 3, 1.25);
        robot.interact(() -> pane.toggleSeries("b"));
        assertTrue(pane.isHidden("b"));
        assertFalse(pane.isHidden("a"));
        assertEquals("a", ChartReadout.nearest(plot, area, p[0], p[1]).series(), "a hidden series is not read");
        assertTrue(loss.chart().getLegend().getSources()[0].getLegendItems().getItemCount() == 2, "its entry stays");
        robot.interact(() -> pane.toggleSeries("b"));
        assertFalse(pane.isHidden("b"));
        assertEquals("b", ChartReadout.nearest(plot, area, p[0], p[1]).series());
        robot.interact(() -> {
            pane.toggleSeries("a");
            pane.toggleSeries("b");
        });
        assertNull(ChartReadout.nearest(plot, area, p[0], p[1]), "nothing shown, nothing read");
    }

    @Test
    void smoothingIsADebiasedMovingAverageAndKeepsTheRawLineFaint(FxRobot robot) {
        robot.interact(() -> pane.setSmoothing(0.5));
        XYSeries a = pane.smoother().smoothed().getSeries("a");
        assertEquals(11, a.getItemCount());
        // In log10: values 0, -l, -2l (l = log10 2); debiased EMA with w = 0.5 at the third point:
        // (0.25·0 + 0.5·(-l)·0.5 ... ) computed directly below.
        double l = Math.log10(2);
        double m = 0;
        double wn = 1;
        double[] logs = {0, -l, -2 * l};
        for (double v : logs) {
            m = 0.5 * m + 0.5 * v;
            wn *= 0.5;
        }
        assertEquals(Math.pow(10, m / (1 - wn)), a.getY(2).doubleValue(), 1e-12);
        assertEquals(1.0, a.getY(0).doubleValue(), 1e-12, "debiased: the first point is the first value");
        XYPlot plot = loss.chart().getXYPlot();
        java.awt.Color raw = (java.awt.Color) plot.getRenderer(0).getSeriesPaint(0);
        assertEquals(LossSmoother.FAINT_ALPHA, raw.getAlpha());
        robot.interact(() -> pane.setSmoothing(0));
        assertNull(plot.getDataset(1), "no smoothed lines at 0");
        assertEquals(255, ((java.awt.Color) plot.getRenderer(0).getSeriesPaint(0)).getAlpha());
    }

    @Test
    void theStepAxisCanBeLogarithmicAndTheExplanationIsBehindTheQuestionMark(FxRobot robot) {
        robot.interact(() -> pane.setLogX(true));
        assertTrue(loss.chart().getXYPlot().getDomainAxis() instanceof LogAxis);
        assertEquals("step", loss.chart().getXYPlot().getDomainAxis().getLabel());
        robot.interact(() -> pane.setLogX(false));
        assertFalse(loss.chart().getXYPlot().getDomainAxis() instanceof LogAxis);
        javafx.scene.control.Label info = robot.lookup("#lossChart-info").queryAs(javafx.scene.control.Label.class);
        assertEquals("?", info.getText());
        assertEquals(loss.description(), info.getTooltip().getText());
    }
}
