package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetException;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The controls panel over its model (headless under Monocle): the view shows the effective preset's values as they
 * are and never writes back, so any preset chosen after any other builds to exactly itself; typing sets one override.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ControlsViewTest {
    private static final List<PresetEntry> SHIPPED = PresetEntry.shipped();
    private final ControlsModel model = new ControlsModel();
    private final List<ControlsModel.Edit> edits = new ArrayList<>();
    private ComboBox<PresetEntry> gallery;

    @Start
    @SuppressWarnings("unchecked")
    void start(Stage stage) {
        model.addEditListener(edits::add);
        ControlsView view = new ControlsView(model, SHIPPED);
        model.load(entry("e1-law-of-parsimony.json"));
        gallery = (ComboBox<PresetEntry>) view.lookup("#presetGallery");
        stage.setScene(new Scene(new ScrollPane(view), 400, 1150));
        stage.show();
    }

    private static PresetEntry entry(String name) {
        return SHIPPED.stream()
                .filter(e -> e.fileName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private void choose(FxRobot robot, String name) {
        robot.interact(() -> gallery.setValue(entry(name)));
    }

    private static String loaderMessage(Preset base, String source, String... sets) {
        try {
            PresetLoader.parse(PresetWriter.toJson(base), source, List.of(sets));
        } catch (PresetException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected " + List.of(sets) + " to be rejected");
    }

    @Test
    void everyPresetChosenAfterEveryOtherIsExactlyItself(FxRobot robot) {
        robot.interact(() -> {
            for (PresetEntry a : SHIPPED) {
                for (PresetEntry b : SHIPPED) {
                    gallery.setValue(a);
                    gallery.setValue(b);
                    ControlsModelTest.assertSamePreset(b.preset(), model.build(), a.fileName() + " → " + b.fileName());
                }
            }
        });
        assertEquals(List.of(), edits, "showing a preset writes nothing back");
    }

    @Test
    void valuesBeyondASlidersRangeAreShownAsTheyAreAndKept(FxRobot robot) {
        choose(robot, "e1-law-of-parsimony.json");
        choose(robot, "e4-depth-width.json");
        assertEquals("300", field(robot, "#learningRateValue").getText());
        Slider lr = robot.lookup("#learningRateSlider").queryAs(Slider.class);
        assertEquals(lr.getMax(), lr.getValue(), 1e-12, "the thumb stops at the end of the range");
        assertEquals(300.0, model.build().training().learningRate());
        assertTrue(lr.getTooltip().getText().contains("50 of 100 variants override training.learningRate"));
        assertFalse(robot.lookup("#stepsSlider")
                .queryAs(Slider.class)
                .getTooltip()
                .getText()
                .contains("override"));

        choose(robot, "e5-compressed-vs-narrow.json");
        assertEquals("1000", field(robot, "#dimValue").getText());
        assertEquals("1000", field(robot, "#widthValue").getText());
        assertEquals(1000, model.build().data().dim());
        assertEquals(1000, model.build().network().width());

        // Pressing and releasing the thumb without moving it changes nothing.
        Node thumb = robot.lookup("#dimSlider .thumb").query();
        robot.moveTo(thumb).press(MouseButton.PRIMARY).release(MouseButton.PRIMARY);
        assertEquals(1000, model.build().data().dim());
        assertEquals(List.of(), model.overrides());
        ControlsModelTest.assertSamePreset(entry("e5-compressed-vs-narrow.json").preset(), model.build(), "e5");
    }

    @Test
    void typingAValueSetsExactlyOneOverride(FxRobot robot) {
        Preset before = model.build();
        TextField width = field(robot, "#widthValue");
        robot.clickOn(width).eraseText(width.getText().length()).write("187").type(KeyCode.ENTER);
        assertEquals(List.of("network.width=187"), model.overrides());
        assertEquals("187", width.getText());
        assertFalse(width.isFocused(), "a taken value hands the keyboard back to the shortcuts");
        assertEquals(
                List.of("network.width"),
                ControlsModelTest.differences(PresetWriter.toTree(before), PresetWriter.toTree(model.build()), ""));
        assertEquals(List.of(new ControlsModel.Edit("network.width", "width", "30", "187")), edits);

        TextField lr = field(robot, "#learningRateValue");
        robot.clickOn(lr).eraseText(lr.getText().length()).write("300").type(KeyCode.ENTER);
        assertEquals(300.0, model.build().training().learningRate(), "beyond the slider's range, typed");
        assertEquals("300", lr.getText());
        assertEquals(List.of("network.width=187", "training.learningRate=300"), model.overrides());

        choose(robot, "e3-momentum.json");
        choose(robot, "e1-law-of-parsimony.json");
        assertEquals(List.of(), model.overrides(), "choosing a preset drops the overrides");
        assertEquals("30", field(robot, "#widthValue").getText());
        ControlsModelTest.assertSamePreset(entry("e1-law-of-parsimony.json").preset(), model.build(), "e1 again");
    }

    @Test
    void anInvalidTypedValueShowsTheLoadersMessageAndKeepsThePreviousValue(FxRobot robot) {
        PresetEntry e1 = entry("e1-law-of-parsimony.json");
        TextField width = field(robot, "#widthValue");
        robot.clickOn(width).eraseText(width.getText().length()).write("0").type(KeyCode.ENTER);
        assertEquals(
                "⚠ " + loaderMessage(e1.preset(), e1.fileName(), "network.width=0"),
                robot.lookup("#controlsError").queryAs(Label.class).getText());
        assertEquals("30", width.getText(), "the field shows the value kept");
        assertTrue(width.isFocused(), "a rejected value keeps the field focused for another try");
        assertSame(
                robot.lookup("#width").query(),
                robot.lookup("#controlsError").query().getParent(),
                "the message is right under the control that was edited");
        assertEquals(List.of(), model.overrides());
        assertEquals(List.of(), edits);

        TextField rank = field(robot, "#rankValue");
        robot.clickOn(rank).eraseText(rank.getText().length()).write("2.5").type(KeyCode.ENTER);
        String error = robot.lookup("#controlsError").queryAs(Label.class).getText();
        assertEquals("⚠ " + loaderMessage(e1.preset(), e1.fileName(), "data.rank=2.5"), error);
        assertEquals("3", rank.getText());

        robot.clickOn(rank).eraseText(rank.getText().length()).write("4").type(KeyCode.ENTER);
        assertEquals("", robot.lookup("#controlsError").queryAs(Label.class).getText());
        assertEquals(4, model.build().data().rank());
        assertTrue(robot.lookup("#controlsWarning")
                .queryAs(Label.class)
                .getText()
                .contains("block rank 3 ≠ target rank 4"));
    }

    @Test
    void combosAndTheSeedEditTheirOneKey(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ComboBox<OptimizerKind> optimizer = robot.lookup("#optimizer").queryAs(ComboBox.class);
        robot.interact(() -> optimizer.setValue(OptimizerKind.ADAM));
        assertEquals(List.of("training.optimizer=adam"), model.overrides());
        TextField seed = field(robot, "#seed");
        robot.clickOn(seed).eraseText(seed.getText().length()).write("42").type(KeyCode.ENTER);
        assertEquals(List.of("training.optimizer=adam", "seed=42"), model.overrides());
        robot.clickOn("#newSeed");
        assertEquals(3, edits.size());
        assertEquals("seed", edits.get(2).key());
        assertFalse(model.overrides().contains("seed=42"));
    }

    @Test
    void rowsFollowTheDataKind(FxRobot robot) {
        assertTrue(robot.lookup("#rank").query().isVisible());
        assertFalse(robot.lookup("#samplesPerClass").query().isVisible());
        choose(robot, "e8-progressive-separation.json");
        assertFalse(robot.lookup("#rank").query().isVisible());
        assertTrue(robot.lookup("#samplesPerClass").query().isVisible());
        assertTrue(robot.lookup("#classes").query().isVisible());
        assertFalse(robot.lookup("#samples").query().isVisible());
    }

    @Test
    void theIdxFolderHasAFieldAndAChooser(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        assertFalse(robot.lookup("#dataFile").query().isVisible(), "no file for factorization");
        choose(robot, "p2-fashion-mnist-lowrank.json");
        assertTrue(robot.lookup("#dataFile").query().isVisible());
        assertFalse(robot.lookup("#dim").query().isVisible(), "the IDX files give d");
        assertEquals("", field(robot, "#dataFileValue").getText(), "empty: the Debian package's folder");

        java.nio.file.Path good = ControlsModelTest.idxFolder(java.nio.file.Files.createDirectory(tmp.resolve("idx")));
        java.nio.file.Path empty = java.nio.file.Files.createDirectory(tmp.resolve("none"));
        List<Boolean> askedForFolder = new ArrayList<>();
        ControlsView view = (ControlsView) robot.lookup("#dataFile").query().getParent();
        view.chooser = (folder, initial, owner) -> {
            askedForFolder.add(folder);
            return good.toFile();
        };
        robot.interact(() -> robot.lookup("#dataFileChoose").queryButton().fire());
        assertEquals(List.of(true), askedForFolder, "idx asks for a folder (DirectoryChooser)");
        assertEquals(good.toString(), model.value(ControlsModel.FILE));
        assertEquals(good.toString(), field(robot, "#dataFileValue").getText());
        assertEquals(List.of("data.file=" + good), model.overrides());

        TextField f = field(robot, "#dataFileValue");
        robot.interact(() -> {
            f.setText(empty.toString());
            f.fireEvent(new javafx.event.ActionEvent());
        });
        String error = robot.lookup("#controlsError").queryAs(Label.class).getText();
        assertTrue(error.startsWith("⚠ data.file: no train-images-idx3-ubyte in " + empty), error);
        assertSame(
                robot.lookup("#dataFile").query(),
                robot.lookup("#controlsError").query().getParent());
        assertEquals(good.toString(), f.getText(), "the field shows the folder the model kept");
    }
}
