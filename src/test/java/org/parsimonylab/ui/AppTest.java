package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parsimonylab.session.SessionStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole app: it opens the law-of-parsimony preset playing; dragging the width slider starts a new run; pause,
 * step and reset do what their labels say. Waits have a generous safety timeout; nothing asserts on time.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class AppTest {
    private App app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new App();
        app.start(stage, List.of());
    }

    @AfterEach
    void stop() throws TimeoutException {
        WaitForAsyncUtils.asyncFx(() -> app.stop());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(FxRobot robot, Callable<Boolean> condition) throws TimeoutException {
        FxWait.until(robot, condition);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void playDragWidthPauseStepReset(FxRobot robot) throws TimeoutException {
        RunViewModel run = modelOf();
        // Opens playing the default preset.
        waitUntil(robot, () -> run.stepProperty().get() >= 2);
        assertTrue(run.playingProperty().get());
        assertTrue(text(robot, "#runNote").contains("Law of parsimony"), text(robot, "#runNote"));
        assertTrue(run.figures().loss.dataset().getItemCount(0) >= 2);
        long firstRun = run.runIdProperty().get();
        // Slow enough that the new run cannot end before we pause it.
        Slider speed = robot.lookup("#speed").queryAs(Slider.class);
        robot.interact(() -> speed.setValue(1));

        Node thumb = robot.lookup("#widthSlider .thumb").query();
        robot.drag(thumb, javafx.scene.input.MouseButton.PRIMARY)
                .moveBy(60, 0)
                .release(javafx.scene.input.MouseButton.PRIMARY);
        waitUntil(robot, () -> run.runIdProperty().get() != firstRun);
        assertNotEquals(firstRun, run.runIdProperty().get());
        String note = text(robot, "#runNote");
        assertTrue(note.contains("width 30 →") && note.contains("new run"), note);
        int width = Integer.parseInt(robot.lookup("#widthValue")
                .queryAs(javafx.scene.control.TextField.class)
                .getText());
        assertTrue(width > 30, "dragged right: " + width);
        waitUntil(robot, () -> run.figures().spectrum.dataset().getItemCount(1) > 0);

        robot.clickOn("#playPause");
        waitUntil(robot, () -> run.statusProperty().get() == SessionStatus.PAUSED);
        assertEquals("Play ▶", robot.lookup("#playPause").queryButton().getText());
        long paused = run.stepProperty().get();
        assertEquals("step " + paused, text(robot, "#stepLabel"));
        int lossPoints = run.figures().loss.dataset().getItemCount(0);

        robot.clickOn("#step");
        waitUntil(robot, () -> run.stepProperty().get() == paused + 1);
        assertEquals("step " + (paused + 1), text(robot, "#stepLabel"));
        assertEquals(lossPoints + 1, run.figures().loss.dataset().getItemCount(0));
        assertEquals(
                "Spectrum of W1 at step " + (paused + 1), run.figures().spectrum.title());

        long beforeReset = run.runIdProperty().get();
        robot.clickOn("#reset");
        waitUntil(robot, () -> run.runIdProperty().get() != beforeReset);
        assertEquals("step 0", text(robot, "#stepLabel"));
        assertEquals(1, run.figures().loss.dataset().getItemCount(0));
        assertTrue(text(robot, "#runNote").contains("reset"), text(robot, "#runNote"));
        assertTrue(text(robot, "#backendLabel").startsWith("backend: "));
    }

    @Test
    void keyboardSpaceAndRightArrowControlTheRun(FxRobot robot) throws TimeoutException {
        RunViewModel run = modelOf();
        waitUntil(robot, () -> run.stepProperty().get() >= 1);
        robot.interact(() -> stage.requestFocus());
        robot.press(javafx.scene.input.KeyCode.SPACE).release(javafx.scene.input.KeyCode.SPACE);
        waitUntil(robot, () -> run.statusProperty().get() != SessionStatus.RUNNING);
        long at = run.stepProperty().get();
        if (run.statusProperty().get() == SessionStatus.PAUSED) {
            robot.press(javafx.scene.input.KeyCode.RIGHT).release(javafx.scene.input.KeyCode.RIGHT);
            waitUntil(robot, () -> run.stepProperty().get() == at + 1);
        }
        long runId = run.runIdProperty().get();
        robot.press(javafx.scene.input.KeyCode.R).release(javafx.scene.input.KeyCode.R);
        waitUntil(
                robot,
                () -> run.runIdProperty().get() != runId && run.stepProperty().get() == 0);
    }

    private RunViewModel modelOf() {
        return app.runModel();
    }
}
