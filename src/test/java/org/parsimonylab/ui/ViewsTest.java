package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parsimonylab.chart.SpectrumFigure;
import org.parsimonylab.session.SessionSnapshot;
import org.parsimonylab.session.SessionStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Each view built around its view model, fed synthetic snapshots (headless under Monocle). */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ViewsTest {
    private final RunViewModel run = new RunViewModel();
    private final ControlsModel controls = new ControlsModel();
    private final List<String> actions = new ArrayList<>();
    private final AtomicInteger speedChanges = new AtomicInteger();
    private ChartsView charts;
    private StatusBar status;
    private RunControlsView runControls;
    private ControlsView controlsView;

    @Start
    void start(Stage stage) {
        RunActions recorder = new RunActions() {
            @Override
            public void play() {
                actions.add("play");
            }

            @Override
            public void pause() {
                actions.add("pause");
            }

            @Override
            public void step() {
                actions.add("step");
            }

            @Override
            public void reset() {
                actions.add("reset");
            }

            @Override
            public void setSpeed(double stepsPerSecond) {
                speedChanges.incrementAndGet();
                actions.add("speed " + stepsPerSecond);
            }
        };
        charts = new ChartsView(run);
        status = new StatusBar(run);
        runControls = new RunControlsView(run, recorder);
        controls.load(new PresetEntry("e1", PresetEntry.lawOfParsimony()));
        controlsView = new ControlsView(controls, List.of(new PresetEntry("e1", PresetEntry.lawOfParsimony())));
        VBox root = new VBox(runControls, controlsView, charts, status);
        stage.setScene(new Scene(root, 1400, 1150));
        stage.show();
    }

    private void feed(FxRobot robot, List<SessionSnapshot> batch) {
        robot.interact(() -> {
            run.accept(batch);
            new ChartRefresher(charts::visibleFigures).flushVisible();
        });
    }

    @Test
    void theChartsShowTheSnapshotsAndTheLayerSelectorFollowsTheRun(FxRobot robot) {
        feed(robot, Synthetic.run(1, 0, 19, 30, true, SessionStatus.RUNNING));
        assertEquals(20, run.figures().loss.dataset().getItemCount(0));
        assertEquals(30, run.figures().singularValues.dataset().getSeriesCount());
        assertEquals(24, run.figures().spectrum.dataset().getItemCount(SpectrumFigure.MIDDLE));
        assertEquals("Spectrum of W1 at step 19", run.figures().spectrum.title());
        assertEquals(2, run.figures().angles.dataset().getSeriesCount());
        assertEquals(2, run.figures().separation.dataset().getSeriesCount(), "measured D_l and its fit");
        assertEquals(3, run.figures().separation.dataset().getItemCount(1));
        assertEquals(0.25, run.figures().separation.dataset().getYValue(1, 2), 1e-12);
        for (ChartPane p : charts.panes().subList(0, 4)) {
            assertFalse(p.figure().isDirty(), p.getId() + " was redrawn");
        }
        for (ChartPane p : charts.panes().subList(4, 8)) {
            assertTrue(
                    p.figure().isDirty() || p.figure().chart().getXYPlot().getDataset() == null,
                    p.getId() + " on the hidden tab waits for its tab");
        }

        ComboBox<Integer> layer = robot.lookup("#layerSelector").queryComboBox();
        assertEquals(List.of(1, 2, 3), layer.getItems());
        robot.interact(() -> layer.setValue(3));
        assertEquals(3, run.layerProperty().get());
        assertEquals("Spectrum of W3 at step 19", run.figures().spectrum.title());
        assertEquals("Singular values σᵢ of W₃", run.figures().singularValues.title());
    }

    @Test
    void theStatusBarShowsStepLossStatusAndBackend(FxRobot robot) {
        robot.interact(() -> run.backendProperty().set("test BLAS"));
        feed(robot, Synthetic.run(4, 0, 9, 30, false, SessionStatus.RUNNING));
        assertEquals("step 9", robot.lookup("#stepLabel").queryAs(Label.class).getText());
        assertEquals("loss 0.1", robot.lookup("#lossLabel").queryAs(Label.class).getText());
        assertEquals(
                "run #4 · running",
                robot.lookup("#statusLabel").queryAs(Label.class).getText());
        assertEquals(
                "backend: test BLAS",
                robot.lookup("#backendLabel").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#rateLabel").queryAs(Label.class).getText().contains("compute 2500/s"));

        List<SessionSnapshot> diverged = List.of(new SessionSnapshot(
                4,
                "main",
                Synthetic.snap(9, 30, false),
                SessionStatus.DIVERGED,
                2500,
                "main diverged at step 10; try a smaller learning rate"));
        feed(robot, diverged);
        assertEquals(
                "run #4 · diverged",
                robot.lookup("#statusLabel").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#messageLabel").queryAs(Label.class).getText().contains("smaller learning rate"));
        assertEquals(10, run.figures().loss.points("main"), "the last good snapshot stays, nothing is added");
    }

    @Test
    void aNewRunClearsTheCharts(FxRobot robot) {
        feed(robot, Synthetic.run(1, 0, 30, 30, false, SessionStatus.RUNNING));
        feed(robot, Synthetic.run(2, 0, 2, 10, false, SessionStatus.PAUSED));
        assertEquals(3, run.figures().loss.dataset().getItemCount(0));
        assertEquals(10, run.figures().singularValues.dataset().getSeriesCount());
        assertEquals(
                "run #2 · paused",
                robot.lookup("#statusLabel").queryAs(Label.class).getText());
    }

    @Test
    void runControlsAskForPlayPauseStepResetAndSpeed(FxRobot robot) {
        Button play = robot.lookup("#playPause").queryButton();
        assertEquals("Play ▶", play.getText());
        robot.clickOn("#playPause");
        assertEquals(List.of("play"), actions);
        robot.interact(() -> run.playingProperty().set(true));
        assertEquals("Pause ❚❚", play.getText());
        robot.clickOn("#playPause");
        robot.clickOn("#step");
        robot.clickOn("#reset");
        assertEquals(List.of("play", "pause", "step", "reset"), actions);
        Slider speed = robot.lookup("#speed").queryAs(Slider.class);
        robot.interact(() -> speed.setValue(RunControlsView.SPEEDS.length - 1));
        assertEquals(
                "speed as fast as possible",
                robot.lookup("#speedLabel").queryAs(Label.class).getText());
        assertEquals("speed Infinity", actions.get(actions.size() - 1).replace(".0", ""));
        robot.interact(() -> speed.setValue(0));
        assertEquals(
                "speed 1 step/s",
                robot.lookup("#speedLabel").queryAs(Label.class).getText());
    }

    @Test
    void controlsShowValuesAndExplainRejectedValuesInPlace(FxRobot robot) {
        assertEquals("30", field(robot, "#widthValue").getText());
        assertEquals("1", field(robot, "#learningRateValue").getText());
        assertEquals("", robot.lookup("#controlsError").queryAs(Label.class).getText());
        robot.interact(() -> assertFalse(controls.set(ControlsModel.RANK, "40")));
        assertEquals("3", field(robot, "#rankValue").getText(), "the rejected value is not taken");
        String error = robot.lookup("#controlsError").queryAs(Label.class).getText();
        assertTrue(error.contains("data.rank must be in [1, 30]"), error);

        // 2·blockRank = d leaves no middle block in any layer: the preset validator refuses it (svd full)
        robot.interact(() -> assertFalse(controls.set(ControlsModel.BLOCK_RANK, "15")));
        String refused = robot.lookup("#controlsError").queryAs(Label.class).getText();
        assertTrue(refused.contains("metrics.blockRank must be at most 14"), refused);

        // with d = 20 < width = 30 the wider layers keep a middle block, but W1 (30×20) does not: a warning
        robot.interact(() -> {
            assertTrue(controls.set(ControlsModel.DIM, "20"));
            assertTrue(controls.set(ControlsModel.RANK, "10"));
            assertTrue(controls.set(ControlsModel.BLOCK_RANK, "10"));
        });
        assertEquals("10", field(robot, "#rankValue").getText());
        assertEquals("", robot.lookup("#controlsError").queryAs(Label.class).getText());
        String warning = robot.lookup("#controlsWarning").queryAs(Label.class).getText();
        assertTrue(warning.contains("2r = 20"), warning);

        assertTrue(robot.lookup("#presetDescription")
                .queryAs(Label.class)
                .getText()
                .contains("rank-3"));
        assertTrue(
                robot.lookup("#presetReproduces").queryAs(Label.class).getText().startsWith("Reproduces"));
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }
}
