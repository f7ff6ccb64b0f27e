package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.LinAlgs;

/**
 * The controller hears one event per accepted edit of the controls: a structural key starts a new run that names the
 * edit, the learning rate goes to the running session live, a rejected edit does nothing, choosing a preset starts it
 * unchanged. Snapshots are dropped (the executor discards them): only run ids and notes are checked.
 */
class AppControllerEditsTest {
    private final ControlsModel controls = new ControlsModel();
    private final RunViewModel run = new RunViewModel();
    private final AppController controller = new AppController(controls, run, r -> {}, LinAlgs::create);

    @AfterEach
    void close() {
        controller.close();
    }

    @Test
    void editsStartRunsOrChangeTheLearningRateLive() {
        PresetEntry e1 = ControlsModelTest.entry("e1-law-of-parsimony.json");
        controller.open(e1, false);
        long first = controller.session().runId();
        assertEquals(e1.preset().toExperiment(), controller.session().spec());

        assertTrue(controls.set(ControlsModel.WIDTH, "40"));
        long second = controller.session().runId();
        assertNotEquals(first, second);
        assertEquals(
                "Run #" + second + ": width 30 → 40: new run, weights re-initialised",
                run.runNoteProperty().get());
        assertEquals(40, controller.session().spec().variants().get(0).network().width());

        assertTrue(controls.set(ControlsModel.LEARNING_RATE, "0.5"));
        assertEquals(second, controller.session().runId(), "the learning rate changes live");
        assertTrue(run.runNoteProperty().get().contains("learning rate η = 0.5 from the next step"));

        assertFalse(controls.set(ControlsModel.DEPTH, "0"));
        assertEquals(second, controller.session().runId(), "a rejected edit starts nothing");

        PresetEntry e3 = ControlsModelTest.entry("e3-momentum.json");
        controls.presetProperty().set(e3);
        assertNotEquals(second, controller.session().runId());
        assertEquals(e3.preset().toExperiment(), controller.session().spec(), "the chosen preset, unchanged");
        assertTrue(run.runNoteProperty().get().contains("preset “" + e3.title() + "”"));
    }
}
