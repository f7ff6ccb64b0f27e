package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parsimonylab.chart.SpectrumFigure;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.LossTrail;
import org.parsimonylab.session.SessionSnapshot;
import org.parsimonylab.session.SessionStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The live instrument around the charts: progress, the slow-budget warning, partial snapshots and loss trails. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LiveInstrumentTest {
    private final RunViewModel run = new RunViewModel();
    private final List<Double> speeds = new ArrayList<>();
    private ChartsView charts;

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
        run.speedProperty().set(10);
        charts = new ChartsView(run);
        BorderPane root = new BorderPane(charts);
        root.setTop(new RunControlsView(run, actions));
        stage.setScene(new Scene(root, 1280, 720));
        stage.show();
    }

    @Test
    void aLongBudgetAtTheChosenSpeedIsSaidAndMaxIsOffered(FxRobot robot) {
        robot.interact(() -> {
            run.budgetProperty().set(500_000);
            run.stepProperty().set(100_000);
        });
        Label warning = robot.lookup("#budgetWarning").queryAs(Label.class);
        Button max = robot.lookup("#maxSpeed").queryButton();
        assertTrue(warning.isVisible() && max.isVisible());
        assertEquals("budget takes 11 h 6 min here", warning.getText(), "400,000 steps at 10 steps/s");
        assertEquals(0.2, robot.lookup("#progress").queryAs(ProgressBar.class).getProgress(), 1e-12);
        assertTrue(robot.lookup("#progressLabel").queryAs(Label.class).getText().startsWith("100000 / 500000"));
        robot.clickOn("#maxSpeed");
        assertEquals(List.of(Double.POSITIVE_INFINITY), speeds);
        assertFalse(warning.isVisible(), "as fast as possible: nothing to warn about");
        robot.interact(() -> {
            run.speedProperty().set(1000);
            run.stepProperty().set(499_000);
        });
        assertFalse(warning.isVisible(), "1000 steps at 1000 steps/s take a second");
    }

    @Test
    void partialSnapshotsMoveTheLossButKeepTheLastFullSpectrum(FxRobot robot) {
        List<SessionSnapshot> batch = new ArrayList<>(Synthetic.run(1, 0, 2, 30, false, SessionStatus.RUNNING));
        StepSnapshot cheap = new StepSnapshot(50, 0.05, List.of(MetricSeries.scalar("loss", 0.02)));
        LossTrail trail = new LossTrail(new long[] {3, 10, 40, 50}, new double[] {0.25, 0.1, 0.03, 0.02});
        batch.add(new SessionSnapshot(1, "main", cheap, SessionStatus.RUNNING, 2500, "", false, true, trail));
        robot.interact(() -> {
            run.accept(batch);
            new ChartRefresher(charts::visibleFigures).flushVisible();
        });
        assertEquals(50, run.stepProperty().get());
        assertEquals(
                List.of(0.0, 1.0, 2.0, 3.0, 10.0, 40.0, 50.0),
                xs(run.figures().loss.dataset().getSeries(0)),
                "trail points before the step, the step itself once");
        assertEquals("Spectrum of W1 at step 2", run.figures().spectrum.title());
        assertEquals(24, run.figures().spectrum.dataset().getItemCount(SpectrumFigure.MIDDLE));
        assertEquals(3, run.history().snapshots("main").size(), "partial snapshots are not part of the history");
    }

    @Test
    void theScrubberReplaysTheRecordedSpectrumAndSeparationAtStepT(FxRobot robot) {
        robot.interact(() -> {
            run.accept(Synthetic.run(1, 0, 20, 30, true, SessionStatus.FINISHED));
            new ChartRefresher(charts::visibleFigures).flushVisible();
        });
        assertFalse(charts.scrubber().isDisabled(), "a finished run can be replayed");
        assertEquals(20, charts.scrubber().getMax());
        robot.interact(() -> charts.scrubTo(7));
        double[] recorded =
                Synthetic.snap(7, 30, true).find("sv", 1).orElseThrow().values();
        assertEquals(List.of(recorded[0], recorded[1], recorded[2]), ys(run.figures().spectrum, SpectrumFigure.TOP));
        assertEquals(
                List.of(recorded[27], recorded[28], recorded[29]), ys(run.figures().spectrum, SpectrumFigure.BOTTOM));
        assertEquals("Spectrum of W1 at step 7", run.figures().spectrum.title());
        assertEquals(7, run.replayStepProperty().get());
        assertEquals(7, run.stepProperty().get());
        assertEquals(7.0, markerAt(run.figures().singularValues), "a cursor on the charts over time");
        robot.interact(() -> run.layerProperty().set(2));
        assertEquals("Spectrum of W2 at step 7", run.figures().spectrum.title(), "another layer, the same step");
        robot.interact(() -> run.accept(Synthetic.run(1, 21, 21, 30, true, SessionStatus.PAUSED)));
        assertEquals(-1, run.replayStepProperty().get(), "a new step ends the replay");
        assertEquals("Spectrum of W2 at step 21", run.figures().spectrum.title());
        assertTrue(
                run.figures().singularValues.chart().getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)
                                == null
                        || run.figures()
                                .singularValues
                                .chart()
                                .getXYPlot()
                                .getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)
                                .isEmpty());
    }

    @Test
    void earlierRunsAreListedWithWhatChangedAndCanBeOverlaidAsGhosts(FxRobot robot) {
        robot.interact(() -> {
            run.runNoteProperty().set("Run #1: preset “e1”");
            run.accept(Synthetic.run(1, 0, 9, 30, false, SessionStatus.FINISHED));
            run.runNoteProperty().set("Run #2: width 30 → 40: new run, weights re-initialised");
            run.accept(Synthetic.run(2, 0, 4, 30, false, SessionStatus.RUNNING));
            run.accept(Synthetic.run(3, 0, 2, 30, false, SessionStatus.RUNNING));
        });
        assertEquals(
                List.of("run #2: width 30 → 40: new run, weights re-initialised", "run #1: preset “e1”"),
                run.comparison().labels());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<RunComparison.PastRun> compare =
                robot.lookup("#compareRuns").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> compare.setValue(run.comparison().runs().get(1)));
        org.jfree.data.xy.XYSeriesCollection ghosts = run.comparison().ghosts();
        assertEquals(1, ghosts.getSeriesCount());
        assertEquals("#1 main", ghosts.getSeriesKey(0));
        assertEquals(10, ghosts.getItemCount(0), "run #1's whole loss line");
        assertEquals(1.0 / 10, ghosts.getYValue(0, 9), 1e-15);
        assertEquals(
                ghosts,
                run.figures().loss.chart().getXYPlot().getDataset(RunComparison.GHOST_DATASET),
                "overlaid on the loss chart");
        robot.interact(() -> run.accept(Synthetic.run(4, 0, 1, 30, false, SessionStatus.RUNNING)));
        assertEquals(1, ghosts.getSeriesCount(), "the ghost stays across new runs");
        assertEquals(3, run.comparison().runs().size());
        robot.clickOn("#unpin");
        assertEquals(null, run.figures().loss.chart().getXYPlot().getDataset(RunComparison.GHOST_DATASET));
    }

    private static List<Double> ys(SpectrumFigure f, int series) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < f.dataset().getItemCount(series); i++) {
            out.add(f.dataset().getYValue(series, i));
        }
        return out;
    }

    private static double markerAt(org.parsimonylab.chart.Figure f) {
        var markers = f.chart().getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        return ((org.jfree.chart.plot.ValueMarker) markers.iterator().next()).getValue();
    }

    private static List<Double> xs(org.jfree.data.xy.XYSeries s) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < s.getItemCount(); i++) {
            out.add(s.getX(i).doubleValue());
        }
        return out;
    }
}
