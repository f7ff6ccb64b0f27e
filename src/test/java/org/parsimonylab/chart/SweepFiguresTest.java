package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.cli.Main;
import org.parsimonylab.sweep.SweepSummary;

/**
 * The aggregated sweep figures hold the summary's statistics: mean ± sample std over trials per line point, the mean
 * per heat-map cell (failed runs and missing values left out), and render to PNG through {@code sweep figures}.
 */
class SweepFiguresTest {
    @TempDir
    Path tmp;

    // depth x width x 3 trials; steps-to-tolerance values chosen so the statistics are easy to check by hand:
    // (2,10): 100,110,120 -> 110 ± 10; (2,20): 80,90 and a failed run -> 85 ± sqrt(50);
    // (3,10): 60,60,60 -> 60 ± 0; (3,20): never reached the tolerance -> no value.
    private static final String SUMMARY =
            """
            run,trial,variant,network.depth,network.width,status,steps,steps-to-tolerance,wall-seconds,run-seconds,loss,folder
            r0000,0,main,2,10,done,100,100,1.0,2.0,1e-11,runs/r0000
            r0001,1,main,2,10,done,110,110,1.0,2.0,1e-11,runs/r0001
            r0002,2,main,2,10,done,120,120,1.0,2.0,1e-11,runs/r0002
            r0003,0,main,2,20,done,80,80,1.0,2.0,1e-11,runs/r0003
            r0004,1,main,2,20,done,90,90,1.0,2.0,1e-11,runs/r0004
            r0005,2,,2,20,failed,,,,2.0,,runs/r0005
            r0006,0,main,3,10,done,60,60,1.0,2.0,1e-11,runs/r0006
            r0007,1,main,3,10,done,60,60,1.0,2.0,1e-11,runs/r0007
            r0008,2,main,3,10,done,60,60,1.0,2.0,1e-11,runs/r0008
            r0009,0,main,3,20,done,500,,1.0,2.0,0.3,runs/r0009
            r0010,1,main,3,20,done,500,,1.0,2.0,0.2,runs/r0010
            r0011,2,main,3,20,done,500,,1.0,2.0,0.1,runs/r0011
            """;

    private SweepSummary summary() throws IOException {
        Path dir = tmp.resolve("sweep");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.csv"), SUMMARY);
        return SweepSummary.read(dir.resolve("summary.csv"));
    }

    @Test
    void aSweptValueWithoutRunsBreaksTheLine() throws IOException {
        // Widths 10 and 30 reached the tolerance, width 20 did not (no value there).
        Path dir = tmp.resolve("gap");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("summary.csv"),
                """
                run,trial,variant,network.width,status,steps,steps-to-tolerance,wall-seconds,run-seconds,loss,folder
                r0000,0,main,10,done,100,100,1.0,2.0,1e-11,runs/r0000
                r0001,0,main,20,done,500,,1.0,2.0,0.3,runs/r0001
                r0002,0,main,30,done,300,300,1.0,2.0,1e-11,runs/r0002
                """);
        SweepLinesFigure f = new SweepLinesFigure(
                SweepSummary.read(dir.resolve("summary.csv")), "steps-to-tolerance", "network.width");
        YIntervalSeriesCollection d = f.dataset();
        assertEquals(2, d.getSeriesCount(), "two pieces, so no line is drawn across width 20");
        assertEquals(1, d.getItemCount(0));
        assertEquals(10.0, d.getXValue(0, 0));
        assertEquals(1, d.getItemCount(1));
        assertEquals(30.0, d.getXValue(1, 0));
        var r = f.chart().getXYPlot().getRenderer();
        assertEquals(r.getSeriesPaint(0), r.getSeriesPaint(1), "one colour for the line");
        assertEquals(r.getItemShape(0, 0), r.getItemShape(1, 0), "one marker for the line");
        assertEquals(true, r.isSeriesVisibleInLegend(0));
        assertEquals(false, r.isSeriesVisibleInLegend(1), "one legend entry for the line");
        // The steps themselves have a value at every width: one piece.
        assertEquals(
                1,
                new SweepLinesFigure(SweepSummary.read(dir.resolve("summary.csv")), "steps", "network.width")
                        .dataset()
                        .getSeriesCount());
    }

    @Test
    void linesHoldMeanAndStdOverTrials() throws IOException {
        SweepSummary s = summary();
        assertEquals(List.of("network.depth", "network.width"), s.axes());
        SweepLinesFigure f = new SweepLinesFigure(s, "steps-to-tolerance", "network.width");
        YIntervalSeriesCollection d = f.dataset();
        assertEquals(2, d.getSeriesCount());
        assertEquals("depth=2", d.getSeriesKey(0));
        assertEquals(2, d.getItemCount(0));
        assertEquals(10.0, d.getXValue(0, 0));
        assertEquals(110.0, d.getYValue(0, 0), 1e-12);
        assertEquals(100.0, d.getStartYValue(0, 0), 1e-12);
        assertEquals(120.0, d.getEndYValue(0, 0), 1e-12);
        assertEquals(20.0, d.getXValue(0, 1));
        assertEquals(85.0, d.getYValue(0, 1), 1e-12);
        assertEquals(85.0 + Math.sqrt(50), d.getEndYValue(0, 1), 1e-12);
        assertEquals("depth=3", d.getSeriesKey(1));
        assertEquals(1, d.getItemCount(1), "width 20 at depth 3 never reached the tolerance: no point");
        assertEquals(60.0, d.getYValue(1, 0), 1e-12);
        assertEquals(60.0, d.getEndYValue(1, 0), 1e-12);
        var labels = f.chart().getXYPlot().getRenderer().getDefaultItemLabelGenerator();
        assertEquals(null, labels.generateLabel(d, 0, 0), "all 3 trials: no label");
        assertEquals("2/3", labels.generateLabel(d, 0, 1), "width 20 at depth 2: a failed run left out");

        SweepLinesFigure loss = new SweepLinesFigure(s, "loss", "network.depth");
        assertEquals(2, loss.dataset().getSeriesCount()); // width=10, width=20
        assertEquals(0.2, loss.dataset().getYValue(1, 1), 1e-12); // width 20, depth 3: mean of 0.3, 0.2, 0.1
        assertEquals(0.1, loss.dataset().getEndYValue(1, 1) - 0.2, 1e-12);
    }

    @Test
    void bandsOfNonNegativeColumnsStayAboveZeroAndWideRangesGoOnALogAxis() throws IOException {
        Path dir = tmp.resolve("bands");
        Files.createDirectories(dir);
        // loss at width 10: 0, 0, 0.9 -> mean 0.3, std 0.52: the band would reach -0.22.
        // recovery-error spans 1e-9 (depth 3) to 1e-3 (depth 2): a log y axis.
        Files.writeString(
                dir.resolve("summary.csv"),
                """
                run,trial,variant,network.depth,network.width,status,steps,loss,recovery-error,folder
                r0,0,main,2,10,done,10,0,1e-3,runs/r0
                r1,1,main,2,10,done,10,0,3e-3,runs/r1
                r2,2,main,2,10,done,10,0.9,2e-3,runs/r2
                r3,0,main,3,10,done,10,0.1,1e-9,runs/r3
                r4,1,main,3,10,done,10,0.2,3e-9,runs/r4
                r5,2,main,3,10,done,10,0.3,5e-9,runs/r5
                """);
        SweepSummary s = SweepSummary.read(dir.resolve("summary.csv"));
        SweepLinesFigure loss = new SweepLinesFigure(s, "loss", "network.depth");
        assertEquals(0.3, loss.dataset().getYValue(0, 0), 1e-12);
        assertEquals(0.0, loss.dataset().getStartYValue(0, 0), "a loss band stops at 0");
        assertEquals(0.1, loss.dataset().getStartYValue(0, 1), 1e-12, "a band above 0 is unchanged");
        assertTrue(!(loss.chart().getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis));
        assertTrue(loss.chart().getTitle().getText().startsWith("loss against depth"));

        SweepLinesFigure err = new SweepLinesFigure(s, "recovery-error", "network.depth");
        assertTrue(err.chart().getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis);
        assertEquals(3e-9, err.dataset().getYValue(0, 1), 1e-21);
        assertEquals(1e-9, err.dataset().getStartYValue(0, 1), 1e-21, "mean 3e-9 - std 2e-9 stays");
        assertTrue(err.dataset().getStartYValue(0, 0) > 0, "every band edge is drawable on the log axis");
        assertTrue(
                err.chart().getTitle().getText().startsWith("recovery error"),
                err.chart().getTitle().getText());
    }

    @Test
    void heatMapCellsAreTheMeans() throws IOException {
        SweepHeatMapFigure f =
                new SweepHeatMapFigure(summary(), "steps-to-tolerance", "network.width", "network.depth", 0);
        var d = f.dataset();
        assertEquals(4, d.getItemCount(0));
        double[][] expected = {{110, 85}, {60, Double.NaN}}; // [depth][width]
        for (int i = 0; i < 4; i++) {
            int xi = (int) d.getXValue(0, i);
            int yi = (int) d.getYValue(0, i);
            double want = expected[yi][xi];
            if (Double.isNaN(want)) {
                assertTrue(Double.isNaN(d.getZValue(0, i)));
            } else {
                assertEquals(want, d.getZValue(0, i), 1e-12);
            }
        }
        assertEquals(List.of("10", "20"), f.grid().xValues());
        assertEquals(List.of("2", "3"), f.grid().yValues());
        assertEquals(2, f.grid().cells()[0][1].n());
    }

    @Test
    void sweepFiguresCommandRendersPngs() throws IOException {
        summary();
        Path out = tmp.resolve("figures");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(
                new String[] {
                    "sweep",
                    "figures",
                    tmp.resolve("sweep").toString(),
                    "--out",
                    out.toString(),
                    "--format",
                    "png",
                    "--scale",
                    "1"
                },
                new PrintWriter(o, true),
                new PrintWriter(e, true));
        assertEquals(0, code, e.toString());
        List<String> files = o.toString().lines().toList();
        assertEquals(3, files.size(), o.toString()); // two line figures, one heat map
        assertTrue(
                files.stream().anyMatch(f -> f.endsWith("sweep-steps-to-tolerance-map-depth-width.png")),
                files.toString());
        for (String f : files) {
            BufferedImage image = ImageIO.read(Path.of(f).toFile());
            assertNotNull(image, f);
            assertEquals(960, image.getWidth());
            assertEquals(540, image.getHeight());
        }
    }
}
