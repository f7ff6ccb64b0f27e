package org.parsimonylab.ui;

import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jfree.chart.fx.ChartViewer;
import org.parsimonylab.chart.Figure;
import org.parsimonylab.export.FigureFormat;

/**
 * One figure on screen: a {@link ChartViewer} (drag to zoom, context menu to export) under a header with a "what am I
 * looking at" tooltip, a log/linear toggle and reset-zoom.
 */
public final class ChartPane extends BorderPane {
    private final Figure figure;
    private final ChartViewer viewer;
    private final CheckBox logY = new CheckBox("log y");
    private final FigureExports exports;
    private final Supplier<String> key;

    /** A pane showing {@code figure}; {@code id} names it for tests and styling; no export menu. */
    public ChartPane(Figure figure, String id) {
        this(figure, id, null, () -> id);
    }

    /**
     * A pane whose context menu exports the figure through {@code exports} ("Export figure…", "Copy data as CSV")
     * under the file-name key {@code key} gives at the time.
     */
    public ChartPane(Figure figure, String id, FigureExports exports, Supplier<String> key) {
        this.figure = figure;
        this.exports = exports;
        this.key = key;
        setId(id);
        viewer = new ChartViewer(figure.chart());
        viewer.setId(id + "-viewer");
        viewer.setMinSize(200, 150);
        Label info = new Label("? what does this show");
        info.setId(id + "-info");
        info.setStyle("-fx-text-fill: #0b5394; -fx-font-size: 11px; -fx-underline: true;");
        Tooltip tip = new Tooltip(figure.description());
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(250));
        tip.setShowDuration(Duration.seconds(30));
        info.setTooltip(tip);
        Tooltip.install(viewer, tip);
        logY.setId(id + "-log");
        logY.setSelected(figure.isLogY());
        logY.setVisible(figure.supportsLogY());
        logY.setManaged(figure.supportsLogY());
        logY.setTooltip(new Tooltip("Logarithmic or linear y axis"));
        logY.selectedProperty().addListener((obs, old, now) -> {
            figure.setLogY(now);
            figure.flush();
        });
        Button resetZoom = new Button("reset zoom");
        resetZoom.setId(id + "-resetZoom");
        resetZoom.setTooltip(new Tooltip("Drag on the chart to zoom; this restores the full view"));
        resetZoom.setStyle("-fx-font-size: 10px; -fx-padding: 1 6 1 6;");
        resetZoom.setFocusTraversable(false);
        logY.setFocusTraversable(false);
        resetZoom.setOnAction(e -> {
            figure.resetZoom();
            figure.flush();
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, info, gap, logY, resetZoom);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(2, 6, 0, 6));
        setTop(header);
        setCenter(viewer);
        setStyle("-fx-background-color: white; -fx-border-color: #dddddd;");
        if (exports != null) {
            installExportMenu(id);
        }
    }

    /**
     * Replaces ChartViewer's own export items, whose SVG export fails with JFreeSVG 5 (ecosystem.md §6), by ours:
     * the chosen size, scale and theme, the preset embedded, written atomically off the FX thread.
     */
    private void installExportMenu(String id) {
        MenuItem export = new MenuItem("Export figure…");
        export.setId(id + "-export");
        export.setOnAction(e -> exportFigure());
        MenuItem copy = new MenuItem("Copy data as CSV");
        copy.setId(id + "-copyCsv");
        copy.setOnAction(e -> copyCsv());
        viewer.getContextMenu().getItems().setAll(export, copy);
    }

    /** Puts the chart's data, as CSV, on the clipboard. */
    public void copyCsv() {
        ClipboardContent content = new ClipboardContent();
        content.putString(exports.csv(figure));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void exportFigure() {
        Window owner = getScene() == null ? null : getScene().getWindow();
        new ExportDialog(
                        owner, "Export figure", false, exports.optionsProperty().get())
                .ask()
                .ifPresent(choice -> {
                    FigureFormat format = choice.formats().iterator().next();
                    FileChooser chooser = new FileChooser();
                    chooser.setTitle("Export figure as " + format.extension().toUpperCase(java.util.Locale.ROOT));
                    chooser.setInitialFileName(exports.fileName(key.get(), format));
                    chooser.getExtensionFilters()
                            .add(new FileChooser.ExtensionFilter(
                                    format.extension().toUpperCase(java.util.Locale.ROOT), "*." + format.extension()));
                    java.io.File file = chooser.showSaveDialog(owner);
                    if (file == null) {
                        return;
                    }
                    exports.export(figure, format, choice.options(), file.toPath())
                            .whenComplete((path, error) -> Platform.runLater(() -> {
                                if (error != null) {
                                    Dialogs.error(owner, "Cannot export the figure", FigureExports.message(error));
                                }
                            }));
                });
    }

    /** The figure. */
    public Figure figure() {
        return figure;
    }

    /** The viewer. */
    public ChartViewer viewer() {
        return viewer;
    }
}
