package org.parsimonylab.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.parsimonylab.checkpoints.SelectedTensor;

/**
 * File → Open checkpoints…: the app's charts (spectrum, σ over time, waterfall, principal angles, update energy) of a
 * folder of checkpoints written by any training job (PyTorch, JAX, NumPy), with a tensor selector (include/exclude
 * regular expressions, top-k), a watch toggle that follows the folder while the job writes into it, a scrubber over
 * the analysed steps, and a status line with progress, ETA and the last error. The analysis runs on the
 * {@link CheckpointsModel}'s background thread, which {@link #close()} stops.
 */
public final class CheckpointsView extends BorderPane {
    private final CheckpointsModel model;
    private final ChartRefresher refresher;
    private final TextField include = new TextField();
    private final TextField exclude = new TextField();
    private final Spinner<Integer> topK = new Spinner<>(1, 1000, 10);
    private final CheckBox watch = new CheckBox("watch");
    private final ListView<SelectedTensor> tensorList = new ListView<>();
    private final Slider scrubber = new Slider(0, 1, 1);
    private final Label stepLabel = new Label("step –");
    private final Label status = new Label();
    private final Label error = new Label();
    private final Label sourceLabel = new Label();
    private List<Path> paths = List.of();
    private boolean following = true;
    private boolean moving;

    /** A view of {@code model}'s analysis. */
    public CheckpointsView(CheckpointsModel model) {
        this.model = model;
        setId("checkpointsView");
        setTop(toolbar());
        setLeft(tensorPanel());
        setCenter(charts());
        setBottom(bottom());
        refresher = new ChartRefresher(model::figures);
        refresher.start();
    }

    /** Opens a window on {@code paths} (a folder, or checkpoint files) next to {@code owner}; returns its stage. */
    public static Stage openWindow(Window owner, List<Path> paths, boolean watchFolder) {
        CheckpointsModel model = new CheckpointsModel();
        CheckpointsView view = new CheckpointsView(model);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(view, Math.min(1400, screen.getWidth()), Math.min(860, screen.getHeight())));
        stage.setTitle("Parsimony Lab — checkpoints");
        stage.setOnHidden(e -> view.close());
        stage.show();
        view.open(paths, watchFolder);
        return stage;
    }

    /** Analyses {@code paths} with the selection in the fields; {@code watchFolder} follows a folder. */
    public void open(List<Path> paths, boolean watchFolder) {
        this.paths = List.copyOf(paths);
        watch.setSelected(watchFolder);
        reopen();
    }

    private void reopen() {
        following = true;
        model.open(paths, include.getText(), exclude.getText(), topK.getValue(), watch.isSelected());
        watch.setDisable(!model.sourceProperty().get().isEmpty() && !canWatch());
        Window w = getScene() == null ? null : getScene().getWindow();
        if (w instanceof Stage s && !paths.isEmpty()) {
            s.setTitle("Parsimony Lab — checkpoints: " + model.sourceProperty().get());
        }
    }

    private boolean canWatch() {
        return paths.size() == 1
                && java.nio.file.Files.isDirectory(paths.get(0))
                && !CheckpointsModel.isAnalysisFolder(paths.get(0));
    }

    /** Stops the analysis thread and the redraws. */
    public void close() {
        refresher.stop();
        model.close();
    }

    private HBox toolbar() {
        Button folder = new Button("Folder…");
        folder.setId("openCheckpointFolder");
        folder.setTooltip(new Tooltip("Open a folder of checkpoints (.safetensors, .npz, or folders of .npy files)"));
        folder.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Open a folder of checkpoints");
            File dir = c.showDialog(getScene().getWindow());
            if (dir != null) {
                open(List.of(dir.toPath()), watch.isSelected());
            }
        });
        Button files = new Button("Files…");
        files.setId("openCheckpointFiles");
        files.setTooltip(new Tooltip("Open checkpoint files of one run (their steps order them)"));
        files.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Open checkpoint files");
            c.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter("Checkpoints", "*.safetensors", "*.npz"),
                            new FileChooser.ExtensionFilter("All files", "*"));
            List<File> chosen = c.showOpenMultipleDialog(getScene().getWindow());
            if (chosen != null && !chosen.isEmpty()) {
                open(chosen.stream().map(File::toPath).toList(), false);
            }
        });
        include.setId("includeTensors");
        include.setPromptText("all matrices");
        include.setPrefColumnCount(12);
        include.setTooltip(new Tooltip("Regular expression: analyse the tensors whose name contains a match"
                + " (2-D tensors, and conv kernels as out × in·kh·kw)"));
        exclude.setId("excludeTensors");
        exclude.setPromptText("none");
        exclude.setPrefColumnCount(10);
        exclude.setTooltip(new Tooltip("Regular expression: leave out the tensors whose name contains a match"));
        topK.setId("topK");
        topK.setEditable(true);
        topK.setPrefWidth(75);
        topK.setTooltip(new Tooltip("k of the top-k singular subspaces: angles, update energy, spectrum colours"));
        Button apply = new Button("Apply");
        apply.setId("applySelection");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> reopen());
        include.setOnAction(e -> reopen());
        exclude.setOnAction(e -> reopen());
        watch.setId("watchToggle");
        watch.setTooltip(new Tooltip("Follow the folder: analyse new checkpoints as a training job writes them"
                + " (half-written files are waited for)"));
        watch.selectedProperty().addListener((obs, old, now) -> {
            if (now != model.watchingProperty().get()) {
                model.setWatch(now);
            }
        });
        sourceLabel.setId("checkpointSource");
        sourceLabel.textProperty().bind(model.sourceProperty());
        sourceLabel.setStyle("-fx-text-fill: #555555;");
        sourceLabel.setMinWidth(0);
        HBox bar = new HBox(
                6,
                folder,
                files,
                gap(),
                label("tensors:"),
                include,
                label("exclude:"),
                exclude,
                label("top-k:"),
                topK,
                apply,
                gap(),
                watch,
                gap(),
                sourceLabel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Region gap() {
        Region r = new Region();
        r.setMinWidth(10);
        return r;
    }

    private VBox tensorPanel() {
        tensorList.setId("tensorList");
        tensorList.setItems(model.tensors());
        tensorList.setPrefWidth(230);
        tensorList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SelectedTensor t, boolean empty) {
                super.updateItem(t, empty);
                if (empty || t == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText("W" + (getIndex() + 1) + "  " + t.name() + "  " + t.rows() + "×" + t.cols());
                    setTooltip(new Tooltip(t.name() + ": shape " + shape(t) + ", " + t.dtypeName()
                            + (t.reshaped() ? ", reshaped to " + t.rows() + " × " + t.cols() : "")));
                }
            }
        });
        tensorList.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() >= 0) {
                model.layerProperty().set(now.intValue() + 1);
            }
        });
        model.tensors().addListener((javafx.collections.ListChangeListener<SelectedTensor>) c -> {
            if (!model.tensors().isEmpty() && tensorList.getSelectionModel().getSelectedIndex() < 0) {
                tensorList.getSelectionModel().select(model.layerProperty().get() - 1);
            }
        });
        Label title = new Label("Tensors (click to show)");
        title.setStyle("-fx-font-weight: bold;");
        VBox box = new VBox(4, title, tensorList);
        VBox.setVgrow(tensorList, Priority.ALWAYS);
        box.setPadding(new Insets(6, 0, 6, 8));
        return box;
    }

    private static String shape(SelectedTensor t) {
        StringBuilder sb = new StringBuilder();
        for (long d : t.shape()) {
            sb.append(sb.length() == 0 ? "" : " × ").append(d);
        }
        return sb.toString();
    }

    private GridPane charts() {
        GridPane grid = new GridPane();
        grid.setId("checkpointCharts");
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(6));
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        grid.add(new ChartPane(model.spectrum, "ckptSpectrumChart"), 0, 0, 1, 2);
        grid.add(new ChartPane(model.singularValues, "ckptSvChart"), 1, 0);
        grid.add(new ChartPane(model.waterfall, "ckptWaterfallChart"), 2, 0);
        grid.add(new ChartPane(model.angles, "ckptAnglesChart"), 1, 1);
        grid.add(new ChartPane(model.updateEnergy, "ckptEnergyChart"), 2, 1);
        return grid;
    }

    private VBox bottom() {
        scrubber.setId("checkpointScrubber");
        scrubber.setMin(0);
        scrubber.setMax(0);
        scrubber.setBlockIncrement(1);
        scrubber.setMajorTickUnit(1);
        scrubber.setMinorTickCount(0);
        scrubber.setSnapToTicks(true);
        scrubber.setDisable(true);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.setTooltip(new Tooltip(
                "Drag to show the spectrum at an analysed step; a red line marks it on the" + " charts over time"));
        stepLabel.setId("checkpointStep");
        stepLabel.setMinWidth(170);
        Button newest = new Button("newest");
        newest.setId("checkpointNewest");
        newest.setTooltip(new Tooltip("Show the newest checkpoint again (and follow new ones)"));
        newest.setOnAction(e -> scrubTo(-1));
        scrubber.valueProperty().addListener((obs, old, now) -> {
            if (!moving) {
                int i = (int) Math.round(now.doubleValue());
                if (i >= 0 && i < model.steps().size()) {
                    following = i == model.steps().size() - 1;
                    model.showStep(following ? -1 : model.steps().get(i));
                    updateStepLabel();
                }
            }
        });
        model.steps().addListener((javafx.collections.ListChangeListener<Long>) c -> stepsChanged());
        HBox scrub = new HBox(6, label("step:"), scrubber, stepLabel, newest);
        scrub.setAlignment(Pos.CENTER_LEFT);
        status.setId("checkpointStatus");
        status.textProperty().bind(model.statusProperty());
        error.setId("checkpointError");
        error.textProperty().bind(model.errorProperty());
        error.setStyle("-fx-text-fill: #b00020;");
        error.setMinWidth(0);
        status.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(16, status, error);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, scrub, line);
        box.setPadding(new Insets(4, 8, 6, 8));
        return box;
    }

    private void stepsChanged() {
        int n = model.steps().size();
        moving = true;
        try {
            scrubber.setDisable(n < 2);
            scrubber.setMax(Math.max(0, n - 1));
            if (following) {
                scrubber.setValue(Math.max(0, n - 1));
            } else {
                scrubber.setValue(indexOf(model.shownStepProperty().get()));
            }
        } finally {
            moving = false;
        }
        updateStepLabel();
    }

    private int indexOf(long step) {
        List<Long> s = model.steps();
        int best = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i) <= step) {
                best = i;
            }
        }
        return best;
    }

    private void updateStepLabel() {
        List<Long> s = model.steps();
        if (s.isEmpty()) {
            stepLabel.setText("step –");
            return;
        }
        int i = following ? s.size() - 1 : indexOf(model.shownStepProperty().get());
        stepLabel.setText("step " + s.get(i) + " (" + (i + 1) + " of " + s.size() + (following ? ", newest)" : ")"));
    }

    /** Moves the scrubber to step {@code t} (-1: the newest), as a drag would. */
    public void scrubTo(long t) {
        if (t < 0 || model.steps().isEmpty()) {
            following = true;
            model.showStep(-1);
            moving = true;
            try {
                scrubber.setValue(Math.max(0, model.steps().size() - 1));
            } finally {
                moving = false;
            }
            updateStepLabel();
        } else {
            scrubber.setValue(indexOf(t));
        }
    }

    /** The model. */
    public CheckpointsModel model() {
        return model;
    }

    /** The tensor list. */
    ListView<SelectedTensor> tensorList() {
        return tensorList;
    }

    /** Flushes every dirty figure now (tests and screenshots). */
    void flushCharts() {
        refresher.flushVisible();
    }
}
