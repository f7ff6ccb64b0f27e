package org.parsimonylab.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
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
import org.parsimonylab.chart.MetricKindFigure;
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
    private final RunViewModel model;
    private final AnimationExport animation;
    private final java.util.Map<MetricKindFigure.Kind, ChartPane> kindPanes =
            new java.util.EnumMap<>(MetricKindFigure.Kind.class);
    private final GridPane kindGrid = grid();
    private ChartPane trajectoryPane;
    private final Label noKinds = new Label(
            "This run measures none of the other metrics (twin distance, recovery and relative error, accuracy,"
                    + " energy in the block, moved σ, block angles, update rank).");
    private final List<ChartPane> multiplePanes = new ArrayList<>();
    private final BorderPane multiplesView = new BorderPane();
    private final CheckBox wallTime = new CheckBox("x: time");

    /** Charts of {@code model}'s figures. */
    public ChartsView(RunViewModel model) {
        this.model = model;
        this.animation = new AnimationExport(model);
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
        for (MetricKindFigure.Kind k : MetricKindFigure.Kind.values()) {
            kindPanes.put(
                    k,
                    new ChartPane(
                            model.kinds().figure(k),
                            "kind-" + k.key(),
                            x,
                            () -> KindFigures.key(k, model.layerProperty().get())));
        }
        trajectoryPane = new ChartPane(f.trajectory, "trajectoryChart", x, () -> "trajectory");
        noKinds.setWrapText(true);
        noKinds.setStyle("-fx-text-fill: #777777;");
        Tab more = new Tab("More metrics", kindGrid);
        more.setId("moreMetricsTab");
        tabs.getTabs().add(more);
        model.presentKinds()
                .addListener((javafx.collections.ListChangeListener<MetricKindFigure.Kind>) c -> layoutKinds());
        layoutKinds();
        for (ChartPane p : panes()) {
            p.enableAnimationExport(animation);
            String kind = kindOf(p);
            if (kind != null) {
                p.enableAllLayers(() -> model.showMultiples(kind));
            }
        }
        multiplesView.setId("smallMultiples");
        model.multiplesProperty().addListener((obs, old, now) -> showMultiples(now));
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
        wallTime.setId("wallTime");
        wallTime.setFocusTraversable(false);
        wallTime.setMinWidth(Region.USE_PREF_SIZE);
        wallTime.setTooltip(new Tooltip(
                "Charts over steps: x is the training time (s) the run reported at each step instead of the step"));
        wallTime.selectedProperty().bindBidirectional(model.wallTimeProperty());
        model.wallTimeProperty().addListener((obs, old, now) -> applyWallTime());
        HBox bar = new HBox(8, layerLabel, layer, replayBar(model), compare, unpin, wallTime, hint);
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

    /** The chart kind of a per-layer pane ({@code spectrum}, {@code sv}, …, {@code energy}), or null. */
    private String kindOf(ChartPane p) {
        String key = p.key();
        int w = key.lastIndexOf("-W");
        if (w < 0) {
            return null;
        }
        String kind = key.substring(0, w);
        return LayerFigures.isPerLayer(kind) ? kind : null;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(6));
        return grid;
    }

    /** The "More metrics" tab: a pane for each metric kind the run measures, two per row. */
    private void layoutKinds() {
        kindGrid.getChildren().clear();
        kindGrid.getColumnConstraints().clear();
        kindGrid.getRowConstraints().clear();
        List<ChartPane> shown = new ArrayList<>();
        // The E6/E7 trajectory plane comes with the twin's metrics (one probe records both), so it is laid out
        // when they appear.
        if (model.figures().trajectory.dataset().getSeriesCount() > 0) {
            shown.add(trajectoryPane);
        }
        model.presentKinds().forEach(k -> shown.add(kindPanes.get(k)));
        if (shown.isEmpty()) {
            kindGrid.add(noKinds, 0, 0);
            return;
        }
        int cols = shown.size() == 1 ? 1 : 2;
        int rows = (shown.size() + cols - 1) / cols;
        constrain(kindGrid, cols, rows);
        for (int i = 0; i < shown.size(); i++) {
            kindGrid.add(shown.get(i), i % cols, i / cols);
        }
    }

    private static void constrain(GridPane grid, int cols, int rows) {
        for (int c = 0; c < cols; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / cols);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
    }

    /** The chart area shows {@code m}'s L panes (null: the tabs again). */
    private void showMultiples(LayerFigures m) {
        multiplePanes.clear();
        if (m == null) {
            setCenter(tabs);
            return;
        }
        int n = m.figures().size();
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        GridPane grid = grid();
        constrain(grid, cols, rows);
        for (int l = 0; l < n; l++) {
            int layerNo = l + 1;
            ChartPane p = new ChartPane(
                    m.figures().get(l), "multiple-" + layerNo, model.exports(), () -> m.kind() + "-W" + layerNo);
            p.viewer().setMinSize(120, 90);
            p.setWallTime(model.wallTimeProperty().get(), model::clockFor);
            multiplePanes.add(p);
            grid.add(p, l % cols, l / cols);
        }
        Label title =
                new Label("All " + n + " layers: " + m.figures().get(0).title().replaceFirst(" of W.*", "")
                        + (m.variant() == null || model.figures().primaryVariant() == null || !severalVariants()
                                ? ""
                                : " (" + m.variant() + ")"));
        title.setStyle("-fx-font-weight: bold;");
        Button back = new Button("back to one layer");
        back.setId("multiplesBack");
        back.setFocusTraversable(false);
        back.setStyle("-fx-font-size: 10px; -fx-padding: 1 6 1 6;");
        back.setOnAction(e -> model.showMultiples(null));
        HBox head = new HBox(10, title, back);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(4, 8, 0, 8));
        multiplesView.setTop(head);
        multiplesView.setCenter(grid);
        setCenter(multiplesView);
    }

    private boolean severalVariants() {
        return model.shownHistory().variants().size() > 1;
    }

    /** The small-multiple panes shown (empty while the tabs are shown). */
    public List<ChartPane> multiplePanes() {
        return multiplePanes;
    }

    private void applyWallTime() {
        boolean on = model.wallTimeProperty().get();
        for (ChartPane p : panes()) {
            p.setWallTime(on, model::clockFor);
        }
        for (ChartPane p : multiplePanes) {
            p.setWallTime(on, model::clockFor);
        }
    }

    /** The pane of metric kind {@code k} (in "More metrics" once the run measures it). */
    public ChartPane kindPane(MetricKindFigure.Kind k) {
        return kindPanes.get(k);
    }

    /** The metric-kind panes in the "More metrics" tab now. */
    public List<ChartPane> shownKindPanes() {
        List<ChartPane> out = new ArrayList<>();
        for (javafx.scene.Node n : kindGrid.getChildren()) {
            if (n instanceof ChartPane p) {
                out.add(p);
            }
        }
        return out;
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
        List<Figure> out = new ArrayList<>();
        if (!multiplePanes.isEmpty()) {
            for (ChartPane p : multiplePanes) {
                out.add(p.figure());
            }
            return out;
        }
        int i = Math.max(0, tabs.getSelectionModel().getSelectedIndex());
        List<ChartPane> shown = i < panesByTab.size() ? panesByTab.get(i) : shownKindPanes();
        for (ChartPane p : shown) {
            out.add(p.figure());
        }
        return out;
    }

    /** Every chart pane of the tabs (the metric-kind panes included, shown or not). */
    public List<ChartPane> panes() {
        List<ChartPane> out = new ArrayList<>();
        panesByTab.forEach(out::addAll);
        out.addAll(kindPanes.values());
        out.add(trajectoryPane);
        return out;
    }

    /** The tabs. */
    public TabPane tabs() {
        return tabs;
    }
}
