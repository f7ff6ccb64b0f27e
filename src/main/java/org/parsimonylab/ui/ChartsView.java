package org.parsimonylab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import org.parsimonylab.chart.Figure;
import org.parsimonylab.chart.FigureSet;
import org.parsimonylab.session.SessionStatus;

/**
 * The centre: the live charts in two tabs of four, with the layer selector. Only the selected tab's charts are
 * redrawn (by the {@link ChartRefresher}); the others catch up when shown.
 */
public final class ChartsView extends BorderPane {
    private final TabPane tabs = new TabPane();
    private final List<List<ChartPane>> panesByTab = new ArrayList<>();
    private final ComboBox<Integer> layer = new ComboBox<>();
    private final Slider scrubber = new Slider(0, 1, 1);
    private boolean following;
    private Runnable range = () -> {};

    /** Charts of {@code model}'s figures. */
    public ChartsView(RunViewModel model) {
        FigureSet f = model.figures();
        FigureExports x = model.exports();
        addTab(
                "Spectra & loss",
                new ChartPane(f.loss, "lossChart", x, () -> "loss"),
                new ChartPane(f.spectrum, "spectrumChart", x, () -> "spectrum-W" + f.layer()),
                new ChartPane(f.singularValues, "svChart", x, () -> "sv-W" + f.layer()),
                new ChartPane(f.waterfall, "waterfallChart", x, () -> "waterfall-W" + f.layer()));
        addTab(
                "Subspaces, layers & variants",
                new ChartPane(f.angles, "anglesChart", x, () -> "angles-W" + f.layer()),
                new ChartPane(f.separation, "separationChart", x, () -> "separation"),
                new ChartPane(f.updateEnergy, "energyChart", x, () -> "update-energy-W" + f.layer()),
                new ChartPane(f.variants, "variantsChart", x, () -> "variants"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("chartTabs");

        layer.setId("layerSelector");
        layer.setTooltip(new Tooltip("Which weight matrix W_l the spectrum, waterfall and angle charts show"));
        model.layerCountProperty().addListener((obs, old, now) -> refreshLayers(now.intValue(), model));
        refreshLayers(Math.max(1, model.layerCountProperty().get()), model);
        layer.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.layerProperty().set(now);
            }
        });
        model.layerProperty().addListener((obs, old, now) -> layer.setValue(now.intValue()));
        Label layerLabel = new Label("layer W_l:");
        Label hint = new Label(
                "hover a chart to read values · click a legend entry to hide it · drag to zoom · right-click to export ·"
                        + " ? explains a chart");
        hint.setStyle("-fx-text-fill: #777777; -fx-font-size: 11px;");
        hint.setMinWidth(0);
        layerLabel.setMinWidth(Region.USE_PREF_SIZE);
        layer.setMinWidth(Region.USE_PREF_SIZE);
        ComboBox<RunComparison.PastRun> compare =
                new ComboBox<>(model.comparison().runs());
        compare.setId("compareRuns");
        compare.setPromptText("compare…");
        compare.setPrefWidth(130);
        compare.setMinWidth(Region.USE_PREF_SIZE);
        compare.setTooltip(
                new Tooltip("Overlay an earlier run's loss as dashed ghost lines (what changed is in its name)"));
        compare.valueProperty().bindBidirectional(model.pinnedProperty());
        Button unpin = new Button("×");
        unpin.setId("unpin");
        unpin.setFocusTraversable(false);
        unpin.setStyle("-fx-font-size: 10px; -fx-padding: 1 5 1 5;");
        unpin.setMinWidth(Region.USE_PREF_SIZE);
        unpin.setTooltip(new Tooltip("Remove the ghost lines"));
        unpin.setOnAction(e -> compare.setValue(null));
        HBox bar = new HBox(8, layerLabel, layer, replayBar(model), compare, unpin, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        setTop(bar);
        setCenter(tabs);
    }

    /**
     * The step scrubber: on a paused or finished run (or a saved run shown), dragging it moves the spectrum, the
     * separation and a cursor on the charts over time to that step of the history; "live" goes back to the newest.
     */
    private HBox replayBar(RunViewModel model) {
        scrubber.setId("scrubber");
        scrubber.setPrefWidth(160);
        scrubber.setMinWidth(80);
        scrubber.setFocusTraversable(false);
        scrubber.setTooltip(new Tooltip(
                "Replay: drag to show the spectrum and separation at an earlier step" + " (paused or finished runs)"));
        Label at = new Label("replay");
        at.setId("replayLabel");
        at.setMinWidth(Region.USE_PREF_SIZE);
        Button live = new Button("newest");
        live.setId("replayEnd");
        live.setFocusTraversable(false);
        live.setStyle("-fx-font-size: 10px; -fx-padding: 1 6 1 6;");
        live.setMinWidth(Region.USE_PREF_SIZE);
        live.setOnAction(e -> {
            model.endReplay();
            range.run();
        });
        range = () -> {
            boolean canReplay = !model.playingProperty().get()
                    || model.statusProperty().get() != SessionStatus.RUNNING
                            && model.statusProperty().get() != SessionStatus.PAUSED;
            scrubber.setDisable(!canReplay);
            live.setDisable(!canReplay);
            if (model.replayStepProperty().get() < 0) {
                double end = model.replayEnd();
                following = true;
                try {
                    scrubber.setMax(Math.max(1, end));
                    scrubber.setValue(end);
                } finally {
                    following = false;
                }
            }
        };
        model.playingProperty().addListener((obs, old, now) -> range.run());
        model.statusProperty().addListener((obs, old, now) -> range.run());
        model.stepProperty().addListener((obs, old, now) -> range.run());
        model.showingRecordedProperty().addListener((obs, old, now) -> range.run());
        scrubber.valueProperty().addListener((obs, old, now) -> {
            if (!following) {
                model.replay(Math.round(now.doubleValue()));
            }
        });
        model.replayStepProperty()
                .addListener((obs, old, now) ->
                        at.setText(now.longValue() < 0 ? "replay" : "replay: step " + now.longValue()));
        range.run();
        HBox box = new HBox(4, at, scrubber, live);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Moves the scrubber (and so the charts) to step {@code t}, as a drag would. */
    public void scrubTo(long t) {
        scrubber.setValue(t);
    }

    /** The step scrubber. */
    public Slider scrubber() {
        return scrubber;
    }

    private void refreshLayers(int count, RunViewModel model) {
        List<Integer> items = new ArrayList<>();
        for (int l = 1; l <= Math.max(1, count); l++) {
            items.add(l);
        }
        if (!items.equals(layer.getItems())) {
            layer.setItems(FXCollections.observableArrayList(items));
        }
        layer.setValue(Math.min(Math.max(1, model.layerProperty().get()), items.size()));
    }

    private void addTab(String title, ChartPane... panes) {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(6));
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < panes.length; i++) {
            grid.add(panes[i], i % 2, i / 2);
        }
        Tab tab = new Tab(title, grid);
        tabs.getTabs().add(tab);
        panesByTab.add(List.of(panes));
    }

    /** The figures on the selected tab: the ones worth redrawing now. */
    public List<Figure> visibleFigures() {
        int i = Math.max(0, tabs.getSelectionModel().getSelectedIndex());
        List<Figure> out = new ArrayList<>();
        for (ChartPane p : panesByTab.get(i)) {
            out.add(p.figure());
        }
        return out;
    }

    /** Every chart pane. */
    public List<ChartPane> panes() {
        List<ChartPane> out = new ArrayList<>();
        panesByTab.forEach(out::addAll);
        return out;
    }

    /** The tabs. */
    public TabPane tabs() {
        return tabs;
    }
}
