package org.parsimonylab.ui;

import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.parsimonylab.export.AnimationFormat;

/** Asks for an animation's format, frames, fps and size; a bad value is refused with a one-line message. */
final class AnimationDialog {
    private AnimationDialog() {}

    /** Asks about the animation of chart {@code key} over steps 0..{@code lastStep}. */
    static Optional<AnimationExport.Choice> ask(Window owner, String key, long lastStep) {
        AnimationExport.Choice d = AnimationExport.Choice.DEFAULT;
        ChoiceBox<AnimationFormat> format = new ChoiceBox<>();
        format.getItems().setAll(AnimationFormat.values());
        format.setValue(d.format());
        TextField frames = new TextField(Integer.toString(d.frames()));
        TextField fps = new TextField(Integer.toString((int) d.fps()));
        TextField size = new TextField(d.width() + "x" + d.height());
        Label error = new Label();
        error.setStyle("-fx-text-fill: #cc0000;");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("chart"), new Label(key + " over steps 0 … " + lastStep));
        grid.addRow(1, new Label("format"), format);
        grid.addRow(2, new Label("frames"), frames);
        grid.addRow(3, new Label("frames per second"), fps);
        grid.addRow(4, new Label("size (pixels)"), size);
        grid.add(error, 0, 5, 2, 1);
        Dialog<AnimationExport.Choice> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Export animation");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                parse(format.getValue(), frames.getText(), fps.getText(), size.getText());
                error.setText("");
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(b ->
                b == ButtonType.OK ? parse(format.getValue(), frames.getText(), fps.getText(), size.getText()) : null);
        return dialog.showAndWait();
    }

    /**
     * The choice of the typed texts.
     *
     * @throws IllegalArgumentException naming the field and what is allowed
     */
    static AnimationExport.Choice parse(AnimationFormat format, String frames, String fps, String size) {
        int n;
        double f;
        try {
            n = Integer.parseInt(frames.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frames must be a whole number in [2, 2000] (got '" + frames + "')");
        }
        try {
            f = Double.parseDouble(fps.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frames per second must be a number in [1, 60] (got '" + fps + "')");
        }
        String[] wh = size.strip().toLowerCase(java.util.Locale.ROOT).split("[x×]");
        int w;
        int h;
        try {
            w = Integer.parseInt(wh[0].strip());
            h = Integer.parseInt(wh[1].strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "size must be WIDTHxHEIGHT in pixels, e.g. 960x540 (got '" + size + "')");
        }
        return new AnimationExport.Choice(format, n, f, w, h);
    }
}
