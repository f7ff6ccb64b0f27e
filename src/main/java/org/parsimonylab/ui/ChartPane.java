package org.parsimonylab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.jfree.chart.fx.ChartViewer;
import org.parsimonylab.chart.Figure;

/**
 * One figure on screen: a {@link ChartViewer} (drag to zoom, context menu to export) under a header with a "what am I
 * looking at" tooltip, a log/linear toggle and reset-zoom.
 */
public final class ChartPane extends BorderPane {
    private final Figure figure;
    private final ChartViewer viewer;
    private final CheckBox logY = new CheckBox("log y");

    /** A pane showing {@code figure}; {@code id} names it for tests and styling. */
    public ChartPane(Figure figure, String id) {
        this.figure = figure;
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
