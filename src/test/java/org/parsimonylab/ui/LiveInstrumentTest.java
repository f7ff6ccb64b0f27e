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
        assertEquals("budget takes 11 h 6 min at this speed", warning.getText(), "400,000 steps at 10 steps/s");
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

    private static List<Double> xs(org.jfree.data.xy.XYSeries s) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < s.getItemCount(); i++) {
            out.add(s.getX(i).doubleValue());
        }
        return out;
    }
}
