package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.chart.MetricKindFigure;
import org.parsimonylab.chart.SpectrumFigure;
import org.parsimonylab.export.AnimationFormat;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.LossTrail;
import org.parsimonylab.session.RunHistory;
import org.parsimonylab.session.SessionSnapshot;
import org.parsimonylab.session.SessionStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The instrument's comparison and layout tools: the wall-time x axis, ghosts of a saved run (loss and spectrum), small
 * multiples of all layers, the typed speed, the "More metrics" panes and "Export animation…".
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class InstrumentExtrasTest {
    private final RunViewModel run = new RunViewModel();
    private final List<Double> speeds = new ArrayList<>();
    private ChartsView charts;
    private RunControlsView controls;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        RunActions actions = new RunActions() {
            @Override
            public void play() {}

            @Override
            public void pause() {}

            @Override
            public void step() {}

            @Override
            public void reset() {}

            @Override
            public void setSpeed(double stepsPerSecond) {
                speeds.add(stepsPerSecond);
                run.speedProperty().set(stepsPerSecond);
            }
        };
        charts = new ChartsView(run);
        controls = new RunControlsView(run, actions);
        BorderPane root = new BorderPane(charts);
        root.setTop(controls);
        stage.setScene(new Scene(root, 1280, 720));
        stage.show();
    }

    /** Training time of step t in these runs: irregular (sqrt), so x by time differs from x by step. */
    private static double time(long t) {
        return 0.5 * Math.sqrt(t) + 0.01 * t;
    }

    /** A snapshot whose σ of layer l are l·(1 + i·0.1 + scale·t), so every layer, step and run differs. */
    private static StepSnapshot snap(long t, double scale, boolean twin) {
        List<MetricSeries> s = new ArrayList<>();
        s.add(MetricSeries.scalar("loss", 1.0 / (t + 1)));
        for (int layer = 1; layer <= 3; layer++) {
            double[] sv = new double[12];
            for (int i = 0; i < sv.length; i++) {
                sv[i] = layer * (1 + 0.1 * (sv.length - i) + scale * t);
            }
            s.add(MetricSeries.indexed("sv", layer, sv));
        }
        if (twin) {
            s.add(MetricSeries.scalar("twin-distance", 1e-6 * (t + 1)));
        }
        return new StepSnapshot(t, time(t), s);
    }

    private static List<SessionSnapshot> live(long runId, int from, int to, SessionStatus status) {
        List<SessionSnapshot> out = new ArrayList<>();
        for (int t = from; t <= to; t++) {
            out.add(new SessionSnapshot(runId, "main", snap(t, 0.01, false), status, 100, ""));
        }
        return out;
    }

    private void flush() {
        new ChartRefresher(charts::visibleFigures).flushVisible();
    }

    @Test
    void theWallTimeAxisShowsTheRecordedTimes(FxRobot robot) {
        List<SessionSnapshot> batch = new ArrayList<>(live(1, 0, 8, SessionStatus.RUNNING));
        // A partial snapshot at step 20 with a loss trail (steps 12, 16 between it and step 8: no time of their own).
        StepSnapshot cheap = new StepSnapshot(20, time(20), List.of(MetricSeries.scalar("loss", 0.04)));
        LossTrail trail = new LossTrail(new long[] {12, 16, 20}, new double[] {0.07, 0.05, 0.04});
        batch.add(new SessionSnapshot(1, "main", cheap, SessionStatus.RUNNING, 100, "", false, true, trail));
        robot.interact(() -> {
            run.accept(batch);
            flush();
        });
        ChartPane loss = charts.panes().get(0);
        XYPlot plot = loss.figure().chart().getXYPlot();
        robot.clickOn("#wallTime");
        assertTrue(robot.lookup("#wallTime").queryAs(CheckBox.class).isSelected());
        assertTrue(loss.isWallTime());
        assertEquals(ChartPane.WALL_TIME_LABEL, plot.getDomainAxis().getLabel());
        XYDataset shown = plot.getDataset(0);
        assertEquals(12, shown.getItemCount(0));
        for (int i = 0; i <= 8; i++) {
            assertEquals(time(i), shown.getXValue(0, i), 1e-12, "step " + i + " at its recorded time");
        }
        assertEquals(time(20), shown.getXValue(0, 11), 1e-12, "the partial snapshot's own time");
        double at12 = time(8) + (12 - 8) * (time(20) - time(8)) / 12;
        assertEquals(at12, shown.getXValue(0, 9), 1e-12, "a trail step between two reported times: interpolated");
        assertEquals(1.0 / 3, shown.getYValue(0, 2), 1e-15, "y unchanged");
        assertEquals(
                time(3),
                org.parsimonylab.chart.ChartCopies.detached(loss.figure().chart())
                        .getXYPlot()
                        .getDataset(0)
                        .getXValue(0, 3),
                1e-12,
                "an exported copy is over time too");
        // The σ_i chart (over steps) follows; the spectrum (over index) and the waterfall (a heat map) do not.
        ChartPane sv = charts.panes().get(2);
        assertEquals(time(5), sv.figure().chart().getXYPlot().getDataset(0).getXValue(0, 5), 1e-12);
        assertFalse(charts.panes().get(1).isWallTime());
        assertFalse(charts.panes().get(3).isWallTime());
        // New points keep arriving through the view.
        robot.interact(() -> {
            run.accept(live(1, 21, 21, SessionStatus.RUNNING));
            flush();
        });
        assertEquals(time(21), plot.getDataset(0).getXValue(0, 12), 1e-12);
        robot.clickOn("#wallTime");
        assertEquals("step", plot.getDomainAxis().getLabel());
        assertEquals(21.0, plot.getDataset(0).getXValue(0, 12), "back to steps");
    }

    @Test
    void aSavedRunGhostShowsItsSpectrumAtTheShownStep(FxRobot robot) {
        RunHistory saved = new RunHistory();
        for (int t = 0; t <= 30; t += 5) {
            saved.add("main", snap(t, 0.05, false));
        }
        robot.interact(() -> {
            run.accept(live(1, 0, 12, SessionStatus.FINISHED));
            run.openGhost("e1-saved", saved);
            flush();
        });
        RunComparison.PastRun ghost = run.comparison().pinned();
        assertNotNull(ghost);
        assertEquals("saved: e1-saved", ghost.label());
        assertEquals(ghost, run.comparison().runs().get(0), "listed under compare…");
        XYSeries ghostLoss = run.comparison().ghosts().getSeries(0);
        assertEquals(7, ghostLoss.getItemCount(), "the saved run's recorded losses");
        assertEquals(1.0 / 31, ghostLoss.getY(6).doubleValue(), 1e-15);
        XYPlot spectrumPlot = run.figures().spectrum.chart().getXYPlot();
        assertSame(run.comparison().ghostSpectrum(), spectrumPlot.getDataset(RunComparison.GHOST_DATASET));
        assertGhostSpectrum(saved, 10, 1, "at the live step 12: the saved σ of step 10");
        robot.interact(() -> charts.scrubTo(7));
        assertGhostSpectrum(saved, 5, 1, "scrubbed to 7: the saved σ of step 5");
        robot.interact(() -> run.layerProperty().set(3));
        assertGhostSpectrum(saved, 5, 3, "layer 3");
        robot.interact(() -> run.pinnedProperty().set(null));
        assertEquals(null, spectrumPlot.getDataset(RunComparison.GHOST_DATASET), "unpinned: no ghost");
    }

    private void assertGhostSpectrum(RunHistory saved, long step, int layer, String why) {
        XYSeriesCollection g = run.comparison().ghostSpectrum();
        assertEquals(1, g.getSeriesCount(), why);
        double[] expected = RunComparison.atOrBefore(saved.snapshots("main"), step)
                .find("sv", layer)
                .orElseThrow()
                .values();
        XYSeries s = g.getSeries(0);
        assertEquals(expected.length, s.getItemCount(), why);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.getY(i).doubleValue(), 0, why + ", index " + i);
        }
        assertTrue(String.valueOf(s.getKey()).endsWith("at step " + step), why);
    }

    @Test
    void smallMultiplesShowEveryLayerWithItsOwnData(FxRobot robot) {
        robot.interact(() -> {
            run.accept(live(1, 0, 6, SessionStatus.FINISHED));
            flush();
        });
        robot.clickOn("#spectrumChart-allLayers");
        assertEquals(3, charts.multiplePanes().size(), "L = 3 panes");
        assertTrue(robot.lookup("#smallMultiples").tryQuery().isPresent());
        double[][] expected = new double[4][];
        for (int l = 1; l <= 3; l++) {
            expected[l] = snap(6, 0.01, false).find("sv", l).orElseThrow().values();
            SpectrumFigure f =
                    (SpectrumFigure) charts.multiplePanes().get(l - 1).figure();
            assertEquals("Spectrum of W" + l + " at step 6", f.title());
            XYSeries top = f.dataset().getSeries(SpectrumFigure.TOP);
            for (int i = 0; i < top.getItemCount(); i++) {
                assertEquals(expected[l][i], top.getY(i).doubleValue(), 0, "layer " + l + " index " + i);
            }
        }
        assertEquals(3, charts.visibleFigures().size(), "the refresher redraws the panes shown");
        // New steps reach every layer's pane.
        robot.interact(() -> {
            run.accept(live(1, 7, 7, SessionStatus.FINISHED));
            flush();
        });
        assertEquals(
                "Spectrum of W2 at step 7",
                charts.multiplePanes().get(1).figure().title());
        robot.clickOn("#multiplesBack");
        assertEquals(0, charts.multiplePanes().size());
        // The σ_i over time of each layer.
        robot.interact(() -> run.showMultiples("sv"));
        assertEquals(3, charts.multiplePanes().size());
        for (int l = 1; l <= 3; l++) {
            XYSeriesCollection d = (XYSeriesCollection) charts.multiplePanes()
                    .get(l - 1)
                    .figure()
                    .chart()
                    .getXYPlot()
                    .getDataset(0);
            XYSeries first = d.getSeries(0);
            assertEquals(8, first.getItemCount());
            assertEquals(
                    snap(7, 0.01, false).find("sv", l).orElseThrow().values()[0],
                    first.getY(7).doubleValue(),
                    0,
                    "σ1 of layer " + l + " at step 7");
        }
        robot.interact(() -> run.showMultiples(null));
    }

    @Test
    void theSpeedCanBeTypedAndBadSpeedsAreRefusedInOneLine(FxRobot robot) {
        robot.interact(() -> controls.typeSpeed("37"));
        assertEquals(37.0, speeds.get(speeds.size() - 1));
        assertEquals(
                "speed 37 steps/s",
                robot.lookup("#speedLabel").queryAs(Label.class).getText());
        assertEquals("", controls.speedError());
        assertEquals(37.0, controls.speed());
        int before = speeds.size();
        robot.interact(() -> controls.typeSpeed("0"));
        assertEquals("speed must be in [1, 1e6] steps/s or \"max\" (got 0)", controls.speedError());
        robot.interact(() -> controls.typeSpeed("fast"));
        assertEquals("speed must be a number of steps/s in [1, 1e6] or \"max\" (got 'fast')", controls.speedError());
        assertEquals(before, speeds.size(), "a refused speed changes nothing");
        assertEquals(37.0, controls.speed());
        robot.interact(() -> controls.typeSpeed("max"));
        assertEquals(Double.POSITIVE_INFINITY, speeds.get(speeds.size() - 1));
        assertEquals("", controls.speedError());
        robot.interact(() -> controls.typeSpeed("2.5"));
        assertEquals(2.5, speeds.get(speeds.size() - 1));
    }

    @Test
    void theMetricKindsARunMeasuresGetLivePanes(FxRobot robot) {
        assertEquals(List.of(), charts.shownKindPanes(), "nothing measured yet");
        List<SessionSnapshot> batch = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            batch.add(new SessionSnapshot(1, "wide", snap(t, 0.01, false), SessionStatus.RUNNING, 100, ""));
            batch.add(new SessionSnapshot(1, "compressed", snap(t, 0.01, true), SessionStatus.RUNNING, 100, ""));
        }
        robot.interact(() -> {
            run.accept(batch);
            charts.tabs().getSelectionModel().select(2);
            flush();
        });
        assertEquals(List.of(MetricKindFigure.Kind.TWIN_DISTANCE), run.presentKinds());
        ChartPane twin = charts.kindPane(MetricKindFigure.Kind.TWIN_DISTANCE);
        assertEquals(List.of(twin), charts.shownKindPanes());
        assertEquals("twin-distance", twin.key());
        XYSeries line = ((XYSeriesCollection) twin.figure().chart().getXYPlot().getDataset(0)).getSeries(0);
        assertEquals(5, line.getItemCount(), "the compressed variant's twin distance at every step");
        assertEquals(5e-6, line.getY(4).doubleValue(), 1e-18);
        assertTrue(twin.figure().title().contains("compressed"), twin.figure().title());
        assertTrue(charts.visibleFigures().contains(twin.figure()));
    }

    @Test
    void aRunWithATwinShowsItsTrajectoryPlaneBesideTheMetricKinds(FxRobot robot) {
        List<SessionSnapshot> batch = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            for (String v : List.of("wide", "compressed")) {
                StepSnapshot base = snap(t, 0.01, v.equals("compressed"));
                List<MetricSeries> s = new ArrayList<>(base.series());
                s.add(new MetricSeries("trajectory", MetricSeries.NO_LAYER, new double[] {0.5 * t, 0.25 * t}, false));
                batch.add(new SessionSnapshot(
                        1, v, new StepSnapshot(t, base.elapsedSeconds(), s), SessionStatus.RUNNING, 100, ""));
            }
        }
        robot.interact(() -> {
            run.accept(batch);
            charts.tabs().getSelectionModel().select(2);
            flush();
        });
        List<ChartPane> shown = charts.shownKindPanes();
        assertEquals(2, shown.size(), "the trajectory plane and the twin distance");
        ChartPane plane = shown.get(0);
        assertEquals("trajectory", plane.key());
        XYSeriesCollection data =
                (XYSeriesCollection) plane.figure().chart().getXYPlot().getDataset(0);
        assertEquals(2, data.getSeriesCount(), "one curve per variant");
        for (int v = 0; v < 2; v++) {
            assertEquals(5, data.getSeries(v).getItemCount());
            assertEquals(2.0, data.getSeries(v).getX(4).doubleValue());
            assertEquals(1.0, data.getSeries(v).getY(4).doubleValue());
        }
    }

    @Test
    void exportAnimationWritesADecodableGifOfTheChartOverTheRun(FxRobot robot) throws Exception {
        robot.interact(() -> run.accept(live(1, 0, 40, SessionStatus.FINISHED)));
        AnimationExport animation = new AnimationExport(run, Runnable::run);
        Path gif = tmp.resolve("spectrum.gif");
        int[] frames = new int[1];
        robot.interact(() -> frames[0] = animation
                .export("spectrum-W1", new AnimationExport.Choice(AnimationFormat.GIF, 6, 10, 240, 160), gif)
                .join());
        assertEquals(6, frames[0]);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true), "one GIF frame per animation frame");
            assertEquals(240, reader.read(0).getWidth());
        }
        Path mp4 = tmp.resolve("loss.mp4");
        robot.interact(() -> animation
                .export("loss", new AnimationExport.Choice(AnimationFormat.MP4, 4, 10, 240, 160), mp4)
                .join());
        byte[] head = Files.readAllBytes(mp4);
        assertEquals("ftyp", new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(assertThrowsMessage(() -> AnimationDialog.parse(AnimationFormat.GIF, "1", "10", "960x540"))
                .startsWith("frames must be in [2, 2000]"));
        assertTrue(assertThrowsMessage(() -> AnimationDialog.parse(AnimationFormat.GIF, "10", "10", "big"))
                .startsWith("size must be WIDTHxHEIGHT"));
    }

    private static String assertThrowsMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }
}
