package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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

/** Pause and play continue the same run at full speed (neither starts a new one). */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PauseKeepsRunTest {
    private App app;

    @Start
    void start(Stage stage) {
        app = new App();
        app.start(stage, List.of("--preset=e8-progressive-separation.json"));
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> app.stop());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void pauseThenPlayKeepsTheRun(FxRobot robot) throws Exception {
        RunViewModel run = app.runModel();
        robot.interact(() -> app.controller().setSpeed(Double.POSITIVE_INFINITY));
        FxWait.until(robot, () -> run.stepProperty().get() > 300);
        long id = run.runIdProperty().get();
        robot.clickOn("#playPause");
        FxWait.until(robot, () -> run.statusProperty().get() == SessionStatus.PAUSED);
        robot.clickOn("#playPause");
        FxWait.until(robot, () -> run.statusProperty().get() == SessionStatus.RUNNING);
        assertEquals(
                id,
                run.runIdProperty().get(),
                "the same run goes on: " + run.runNoteProperty().get());
    }
}
