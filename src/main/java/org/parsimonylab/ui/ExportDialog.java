package org.parsimonylab.ui;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.parsimonylab.chart.FigureTheme;
import org.parsimonylab.export.FigureFormat;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.export.FigureSize;

/**
 * The export options dialog: format (one, or several for "Export all figures"), size preset, PNG scale, theme and SVG
 * text mode, starting from the last options used.
 */
final class ExportDialog extends Dialog<ButtonType> {
    /**
     * What the user chose.
     *
     * @param formats one or more formats
     * @param options size, scale, theme, text mode
     */
    record Choice(Set<FigureFormat> formats, FigureOptions options) {}

    private final ComboBox<FigureFormat> format =
            new ComboBox<>(FXCollections.observableArrayList(FigureFormat.values()));
    private final CheckBox[] formatBoxes = new CheckBox[FigureFormat.values().length];
    private final ComboBox<FigureSize> size = new ComboBox<>(FXCollections.observableArrayList(FigureSize.presets()));
    private final ComboBox<Double> scale = new ComboBox<>(FXCollections.observableArrayList(1.0, 2.0, 3.0));
    private final ComboBox<FigureTheme> theme = new ComboBox<>(FXCollections.observableArrayList(FigureTheme.values()));
    private final CheckBox editable = new CheckBox("SVG text editable (not outlines)");
    private final boolean several;

    ExportDialog(Window owner, String title, boolean several, FigureOptions start) {
        this.several = several;
        initOwner(owner);
        setTitle(title);
        setHeaderText(several ? "Every chart with data, in the formats ticked" : "This chart, as it is now");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        int row = 0;
        grid.add(new Label("format"), 0, row);
        if (several) {
            HBox boxes = new HBox(8);
            for (FigureFormat f : FigureFormat.values()) {
                CheckBox b = new CheckBox(f.extension().toUpperCase(java.util.Locale.ROOT));
                b.setSelected(f != FigureFormat.SVG);
                formatBoxes[f.ordinal()] = b;
                boxes.getChildren().add(b);
            }
            grid.add(boxes, 1, row++);
        } else {
            format.setValue(FigureFormat.PNG);
            grid.add(format, 1, row++);
        }
        size.setValue(start.size());
        if (!size.getItems().contains(start.size())) {
            size.getItems().add(start.size());
        }
        scale.setValue(start.scale());
        theme.setValue(start.theme());
        editable.setSelected(start.editableText());
        grid.add(new Label("size"), 0, row);
        grid.add(size, 1, row++);
        grid.add(new Label("PNG scale"), 0, row);
        grid.add(scale, 1, row++);
        grid.add(new Label("theme"), 0, row);
        grid.add(theme, 1, row++);
        grid.add(editable, 1, row);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    }

    /** Shows the dialog and waits; empty when cancelled or when no format was ticked. */
    Optional<Choice> ask() {
        Optional<ButtonType> b = showAndWait();
        if (b.isEmpty() || b.get() != ButtonType.OK) {
            return Optional.empty();
        }
        Set<FigureFormat> formats = EnumSet.noneOf(FigureFormat.class);
        if (several) {
            for (FigureFormat f : FigureFormat.values()) {
                if (formatBoxes[f.ordinal()].isSelected()) {
                    formats.add(f);
                }
            }
        } else {
            formats.add(format.getValue());
        }
        if (formats.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Choice(
                formats,
                new FigureOptions(size.getValue(), scale.getValue(), theme.getValue(), editable.isSelected())));
    }
}
