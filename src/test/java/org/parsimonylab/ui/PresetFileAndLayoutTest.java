package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.cli.Main;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetException;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File → Save settings as preset… writes what the controls would train, which {@code run} accepts and Open preset…
 * loads back; Help lists the shortcuts; at 1280×720 no button's text is cut to "…".
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PresetFileAndLayoutTest {
    private App app;
    private Stage stage;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new App();
        app.start(stage, List.of("--paused", "--set=training.steps=20"));
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> app.stop());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void savedSettingsArePresetThatRunAcceptsAndOpenLoadsBack(FxRobot robot) throws Exception {
        ControlsModel controls = app.controller().controls();
        robot.interact(() -> {
            assertTrue(controls.set(ControlsModel.WIDTH, "40"));
            assertTrue(controls.set(ControlsModel.LEARNING_RATE, "0.5"));
        });
        Path file = tmp.resolve("edited.json");
        Path[] saved = new Path[1];
        robot.interact(() -> {
            try {
                saved[0] = app.controller().savePreset(file);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(file, saved[0]);
        Preset back = PresetLoader.load(file, List.of());
        Preset[] built = new Preset[1];
        robot.interact(() -> built[0] = controls.build());
        assertEquals(PresetWriter.toJson(built[0]), PresetWriter.toJson(back), "round trip, field for field");
        assertEquals(40, back.network().width());
        assertEquals(0.5, back.training().learningRate());
        assertEquals(20, back.training().steps());

        Path out = tmp.resolve("run-out");
        java.io.StringWriter err = new java.io.StringWriter();
        int rc = Main.execute(
                new String[] {"run", file.toString(), "--out", out.toString()},
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err, true));
        assertEquals(0, rc, "run accepts the saved preset: " + err);
        assertTrue(Files.exists(out.resolve("metrics.csv")));

        robot.interact(() -> {
            assertTrue(controls.set(ControlsModel.WIDTH, "30"));
            app.controller().openPreset(file, false);
        });
        assertEquals("40", controls.value(ControlsModel.WIDTH), "Open preset… loads the saved settings");

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"network\": {\"width\": -3}}");
        robot.interact(() -> {
            PresetException e =
                    assertThrows(PresetException.class, () -> app.controller().openPreset(bad, false));
            assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        });
        assertEquals("40", controls.value(ControlsModel.WIDTH), "a bad preset changes nothing");
    }

    @Test
    void theMenusOfferPresetsQuitAndShortcuts(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        List<String> menus = bar.getMenus().stream().map(Menu::getText).toList();
        assertEquals(List.of("File", "Help"), menus);
        List<String> file = bar.getMenus().get(0).getItems().stream()
                .map(MenuItem::getText)
                .filter(t -> t != null)
                .toList();
        assertTrue(file.containsAll(List.of("Save settings as preset…", "Open preset…", "Quit")), file.toString());
        assertEquals(
                "Keyboard shortcuts", bar.getMenus().get(1).getItems().get(0).getText());
        assertTrue(App.SHORTCUTS.contains("Space\tplay / pause"));
    }

    @Test
    void at1280By720NoButtonIsCut(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.getScene().getRoot().layout());
        List<String> cut = new ArrayList<>();
        robot.interact(() -> {
            for (Node n : stage.getScene().getRoot().lookupAll(".button")) {
                if (n instanceof Button b && b.isVisible() && b.getScene() != null && isCut(b)) {
                    cut.add(b.getText() + " (" + b.getWidth() + " px)");
                }
            }
        });
        assertEquals(List.of(), cut, "buttons whose text is cut at 1280×720");
        Button step = robot.lookup("#step").queryButton();
        Button reset = robot.lookup("#reset").queryButton();
        assertFalse(isCut(step));
        assertFalse(isCut(reset));
        assertTrue(step.getWidth() >= step.prefWidth(-1) - 0.5, "Step has its preferred width");
    }

    /** Whether the text drawn by {@code l} differs from its text (JavaFX shortens it with "…"). */
    private static boolean isCut(Labeled l) {
        Node text = l.lookup(".text");
        return text instanceof Text t && !t.getText().equals(l.getText());
    }
}
