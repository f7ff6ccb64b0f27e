package org.parsimonylab.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.parsimonylab.engine.Labeled;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.IdxFiles;
import org.parsimonylab.engine.train.LossKind;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.preset.PresetOverrides;

/**
 * The left panel: the preset gallery (title, what the figure shows, which paper figure it reproduces) and one control
 * per preset key. Every control shows the effective preset's value as it is and edits only through {@link
 * ControlsModel#set}; a slider's range limits dragging only (a value beyond it is shown and kept, and may be typed in
 * the field next to it). Structural controls commit when a drag ends, so one drag starts one new run; the learning
 * rate changes live. A typed value the preset loader rejects is explained under the controls.
 */
public final class ControlsView extends VBox {
    private final ControlsModel model;
    private final Label description = new Label();
    private final Label reproduces = new Label();
    private final Label error = new Label();
    private final Label warning = new Label();
    private final List<Row> rows = new ArrayList<>();

    /** Asks the user for a folder (idx) or a file (digits, csv); null when cancelled. Replaced in headless tests. */
    interface PathChooser {
        File choose(boolean folder, File initial, Window owner);
    }

    /** The chooser behind the data file's "Choose…" button: a DirectoryChooser for idx, a FileChooser otherwise. */
    PathChooser chooser = ControlsView::showChooser;

    /** How a slider position maps to a value. */
    private enum Scale {
        /** Integers, linear. */
        INT,
        /** Positive reals over log10, three significant digits. */
        LOG,
        /** Step budgets over log10, two significant digits. */
        STEPS
    }

    /** One control: shows the model's value of {@code key}, edits it through the model, shown for some data kinds. */
    private abstract class Row {
        final String key;
        final VBox node;
        boolean updating;

        Row(String key, VBox node) {
            this.key = key;
            this.node = node;
        }

        /** Shows the model's value without writing anything back. */
        abstract void refresh();

        /** Gives {@code text} to the model; false (with the message under this control) if it was rejected. */
        boolean commit(String text) {
            boolean taken = text.equals(model.value(key)) || model.set(key, text);
            if (!taken) {
                // The loader's message goes right under the control that was edited, where the user looks.
                ((javafx.scene.layout.Pane) error.getParent()).getChildren().remove(error);
                node.getChildren().add(error);
            }
            // Rejected (or unchanged): show the value the model kept.
            refresh();
            return taken;
        }

        /** Enter in a field: commit, and when taken hand the keyboard back to Space, Right and R. */
        void commitTyped(String text) {
            if (commit(text)) {
                ControlsView.this.requestFocus();
            }
        }

        void showFor(DataKind kind) {
            boolean show = ControlsModel.relevant(key, kind);
            node.setVisible(show);
            node.setManaged(show);
        }
    }

    /** A panel editing {@code model}, offering {@code presets}. */
    public ControlsView(ControlsModel model, List<PresetEntry> presets) {
        this.model = model;
        setSpacing(5);
        setPadding(new Insets(8, 10, 10, 10));
        setPrefWidth(340);
        setMinWidth(300);

        ComboBox<PresetEntry> gallery = new ComboBox<>(FXCollections.observableArrayList(presets));
        gallery.setId("presetGallery");
        gallery.setMaxWidth(Double.MAX_VALUE);
        gallery.setTooltip(new Tooltip("Shipped presets, one per paper experiment. Choosing one loads it exactly as"
                + " shipped and drops every edit of the controls."));
        gallery.valueProperty().bindBidirectional(model.presetProperty());
        description.setId("presetDescription");
        description.setWrapText(true);
        description.setStyle("-fx-font-size: 11px; -fx-text-fill: #333333;");
        reproduces.setId("presetReproduces");
        reproduces.setWrapText(true);
        reproduces.setStyle("-fx-font-size: 11px; -fx-text-fill: #0b5394; -fx-font-style: italic;");
        model.presetProperty().addListener((obs, old, now) -> showPreset(now));
        showPreset(model.presetProperty().get());

        Row kind = combo(
                "dataKind",
                "kind",
                ControlsModel.DATA_KIND,
                DataKind.values(),
                "factorization: Y = Φ (X = I); completion: Φ seen through a mask; regression: Y = ΦX;"
                        + " classification: K classes, one-hot targets; class-clusters, union-of-subspaces: the"
                        + " MLP data of paper 2; digits, csv: a table; idx: MNIST-style IDX files (Fashion-MNIST)");
        Row file = fileRow();
        Row dim = slider("dim", "input dimension d", ControlsModel.DIM, Scale.INT, 2, 600);
        Row outputDim = slider("outputDim", "output dimension", ControlsModel.OUTPUT_DIM, Scale.INT, 1, 600);
        Row rank = slider("rank", "target rank r", ControlsModel.RANK, Scale.INT, 1, 50);
        Row classes = slider("classes", "classes K", ControlsModel.CLASSES, Scale.INT, 2, 20);
        Row samples = slider("samples", "samples N", ControlsModel.SAMPLES, Scale.INT, 1, 2000);
        Row perClass =
                slider("samplesPerClass", "samples per class n", ControlsModel.SAMPLES_PER_CLASS, Scale.INT, 1, 2000);
        Row width = slider("width", "width", ControlsModel.WIDTH, Scale.INT, 1, 600);
        Row depth = slider("depth", "depth L", ControlsModel.DEPTH, Scale.INT, 1, 12);
        Row init = slider("initScale", "init scale ε", ControlsModel.INIT_SCALE, Scale.LOG, 1e-4, 10);
        Row lr = slider("learningRate", "learning rate η (live)", ControlsModel.LEARNING_RATE, Scale.LOG, 1e-4, 100);
        Row optimizer = combo("optimizer", "optimizer", ControlsModel.OPTIMIZER, OptimizerKind.values(), null);
        Row loss = combo("loss", "loss", ControlsModel.LOSS, LossKind.values(), null);
        Row steps = slider("steps", "step budget", ControlsModel.STEPS, Scale.STEPS, 10, 1e6);
        Row blockRank = slider("blockRank", "block rank (colours)", ControlsModel.BLOCK_RANK, Scale.INT, 1, 50);
        Row seed = seedRow();

        error.setId("controlsError");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b00020; -fx-font-weight: bold;");
        error.textProperty().bind(model.errorProperty().map(s -> s.isEmpty() ? "" : "⚠ " + s));
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        warning.setId("controlsWarning");
        warning.setWrapText(true);
        warning.setStyle("-fx-text-fill: #b45f06;");
        warning.textProperty().bind(model.warningProperty());
        warning.managedProperty().bind(warning.textProperty().isNotEmpty());

        Label note = new Label("Each control edits one key of the preset (as --set does). Changing data, network,"
                + " steps or seed starts a new run (weights re-initialised); the learning rate and speed change live."
                + " A slider's range limits dragging only: type any value in its field.");
        note.setWrapText(true);
        note.setStyle("-fx-font-size: 10px; -fx-text-fill: #777777;");

        getChildren()
                .addAll(
                        section("Preset"),
                        gallery,
                        description,
                        reproduces,
                        new Separator(),
                        section("Data"),
                        kind.node,
                        file.node,
                        dim.node,
                        outputDim.node,
                        rank.node,
                        classes.node,
                        samples.node,
                        perClass.node,
                        new Separator(),
                        section("Network"),
                        width.node,
                        depth.node,
                        init.node,
                        new Separator(),
                        section("Training"),
                        lr.node,
                        optimizer.node,
                        loss.node,
                        steps.node,
                        blockRank.node,
                        seed.node,
                        error,
                        warning,
                        note);

        model.effectiveProperty().addListener((obs, old, now) -> refreshAll());
        refreshAll();
    }

    private void refreshAll() {
        String kindText = model.value(ControlsModel.DATA_KIND);
        DataKind kind =
                kindText.isEmpty() ? DataKind.FACTORIZATION : Labeled.byLabel(DataKind.class, kindText, "data.kind");
        for (Row r : rows) {
            r.refresh();
            r.showFor(kind);
        }
        Label rankName = nameLabel("rank");
        if (rankName != null) {
            boolean subspace = kind == DataKind.CLASS_CLUSTERS || kind == DataKind.UNION_OF_SUBSPACES;
            rankName.setText(subspace ? "subspace dimension r" : "target rank r");
        }
    }

    private Label nameLabel(String id) {
        for (Row r : rows) {
            if (id.equals(r.node.getId())) {
                return (Label)
                        ((HBox) r.node.getChildren().get(0)).getChildren().get(0);
            }
        }
        return null;
    }

    private void showPreset(PresetEntry p) {
        description.setText(p == null ? "" : p.summary());
        reproduces.setText(p == null ? "" : p.reproduces());
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-font-size: 13px; -fx-text-fill: #222222;");
        return l;
    }

    /** The tooltip of a control: what it edits, its slider range, and which variants do not see the base value. */
    private String tooltip(String name, String key, String range) {
        StringBuilder sb = new StringBuilder(name).append(" — edits ").append(key);
        if (range != null) {
            sb.append("\nslider range ").append(range).append(" (dragging only; type any value in the field)");
        }
        int over = model.variantsOverriding(key);
        if (over > 0) {
            sb.append("\n")
                    .append(over)
                    .append(" of ")
                    .append(model.variantCount())
                    .append(" variants override ")
                    .append(key)
                    .append(": this control edits the base value, which those variants do not use");
        }
        return sb.toString();
    }

    private <E extends Enum<E> & Labeled> Row combo(String id, String name, String key, E[] values, String help) {
        ComboBox<E> c = new ComboBox<>(FXCollections.observableArrayList(values));
        c.setId(id);
        c.setMaxWidth(Double.MAX_VALUE);
        c.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : e.label();
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        });
        Label l = new Label(name);
        l.setMinWidth(70);
        HBox line = new HBox(6, l, c);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(c, Priority.ALWAYS);
        VBox box = new VBox(0, line);
        Tooltip tip = new Tooltip();
        c.setTooltip(tip);
        Row row = new Row(key, box) {
            @Override
            void refresh() {
                updating = true;
                try {
                    String v = model.value(key);
                    E current = null;
                    for (E e : values) {
                        if (e.label().equals(v)) {
                            current = e;
                        }
                    }
                    c.setValue(current);
                    tip.setText((help == null ? "" : help + "\n") + tooltip(name, key, null));
                } finally {
                    updating = false;
                }
            }
        };
        c.valueProperty().addListener((obs, old, now) -> {
            if (!row.updating && now != null) {
                row.commit(now.label());
            }
        });
        rows.add(row);
        return row;
    }

    private Row slider(String id, String name, String key, Scale scale, double min, double max) {
        boolean log = scale != Scale.INT;
        Slider s = log ? new Slider(Math.log10(min), Math.log10(max), Math.log10(min)) : new Slider(min, max, min);
        s.setBlockIncrement(log ? 0.1 : 1);
        if (!log) {
            s.setMajorTickUnit(1);
            s.setMinorTickCount(0);
        }
        s.setId(id + "Slider");
        TextField field = new TextField();
        field.setId(id + "Value");
        field.setPrefWidth(80);
        field.setMinWidth(80);
        field.setStyle("-fx-font-weight: bold;");
        Label n = new Label(name);
        n.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(n, Priority.ALWAYS);
        String range = "[" + Format.sig(min) + "–" + Format.sig(max) + "]";
        Label r = new Label(" " + range);
        r.setStyle("-fx-font-size: 10px; -fx-text-fill: #888888;");
        r.setMinWidth(64);
        r.setPrefWidth(64);
        HBox top = new HBox(4, n, field, r);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(0, top, s);
        box.setId(id);
        Tooltip tip = new Tooltip();
        s.setTooltip(tip);
        field.setTooltip(tip);
        n.setTooltip(tip);
        double[] dragStart = {Double.NaN};
        Row row = new Row(key, box) {
            @Override
            void refresh() {
                updating = true;
                try {
                    String v = model.value(key);
                    field.setText(v);
                    double x = v.isEmpty() ? s.getMin() : toSlider(scale, Double.parseDouble(v));
                    // The thumb stops at the end of its range; the field shows the true value.
                    s.setValue(Math.max(s.getMin(), Math.min(s.getMax(), x)));
                    boolean beyond = x < s.getMin() - 1e-9 || x > s.getMax() + 1e-9;
                    field.setStyle("-fx-font-weight: bold;" + (beyond ? " -fx-text-fill: #0b5394;" : ""));
                    tip.setText(tooltip(name, key, range)
                            + (beyond ? "\n" + v + " is beyond the slider's range and is used as it is" : ""));
                    // Italic: some variants override this key, so they do not see the base value (tooltip says so).
                    n.setStyle(model.variantsOverriding(key) > 0 ? "-fx-font-style: italic;" : "");
                } finally {
                    updating = false;
                }
            }
        };
        s.valueProperty().addListener((obs, old, now) -> {
            if (row.updating) {
                return;
            }
            String text = fromSlider(scale, now.doubleValue());
            if (s.isValueChanging()) {
                field.setText(text); // preview while dragging; the model changes when the drag ends
            } else {
                row.commit(text);
            }
        });
        s.valueChangingProperty().addListener((obs, was, now) -> {
            if (now) {
                dragStart[0] = s.getValue();
            } else if (!row.updating && s.getValue() != dragStart[0]) {
                // A press on the thumb without a move commits nothing, so a value beyond the range survives it.
                row.commit(fromSlider(scale, s.getValue()));
            }
        });
        field.setOnAction(e -> row.commitTyped(field.getText().strip()));
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now && !row.updating) {
                row.commit(field.getText().strip());
            }
        });
        rows.add(row);
        return row;
    }

    /**
     * The data file (digits, csv) or IDX folder (idx) of {@code data.file}: a field to type a path (Enter commits, as
     * the other fields) and "Choose…", a DirectoryChooser for idx; a folder without the four IDX files is rejected
     * with the loader's one line under the field.
     */
    private Row fileRow() {
        Label name = new Label("data file");
        name.setMinWidth(70);
        TextField field = new TextField();
        field.setId("dataFileValue");
        field.setPromptText(IdxFiles.DEBIAN_FASHION_MNIST);
        Button choose = new Button("Choose…");
        choose.setId("dataFileChoose");
        // never shortened to "Ch…" when the panel is narrow: the field gives way instead
        choose.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox line = new HBox(6, name, field, choose);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(field, Priority.ALWAYS);
        VBox box = new VBox(0, line);
        box.setId("dataFile");
        Tooltip tip = new Tooltip();
        field.setTooltip(tip);
        choose.setTooltip(tip);
        Row row = new Row(ControlsModel.FILE, box) {
            @Override
            void refresh() {
                updating = true;
                try {
                    boolean idx = DataKind.IDX.label().equals(model.value(ControlsModel.DATA_KIND));
                    name.setText(idx ? "IDX folder" : "data file");
                    field.setText(model.value(key));
                    tip.setText((idx
                                    ? "The folder of the four IDX files (train and t10k images and labels, raw or"
                                            + " .gz); empty: " + IdxFiles.DEBIAN_FASHION_MNIST + " ("
                                            + IdxFiles.INSTALL_HINT + ")\n"
                                    : "The table to read (digits: the shipped file by default)\n")
                            + tooltip(idx ? "IDX folder" : "data file", key, null));
                } finally {
                    updating = false;
                }
            }
        };
        field.setOnAction(e -> row.commitTyped(field.getText().strip()));
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now && !row.updating) {
                row.commit(field.getText().strip());
            }
        });
        choose.setOnAction(e -> {
            boolean idx = DataKind.IDX.label().equals(model.value(ControlsModel.DATA_KIND));
            Path current = model.dataFile();
            File initial = null;
            if (current != null) {
                Path dir = idx ? current : current.toAbsolutePath().getParent();
                if (dir != null && Files.isDirectory(dir)) {
                    initial = dir.toFile();
                }
            }
            File picked = chooser.choose(
                    idx, initial, getScene() == null ? null : getScene().getWindow());
            if (picked != null) {
                row.commit(picked.getAbsolutePath());
            }
        });
        rows.add(row);
        return row;
    }

    private static File showChooser(boolean folder, File initial, Window owner) {
        if (folder) {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Folder of the IDX files");
            c.setInitialDirectory(initial);
            return c.showDialog(owner);
        }
        FileChooser c = new FileChooser();
        c.setTitle("Data file");
        c.setInitialDirectory(initial);
        return c.showOpenDialog(owner);
    }

    private Row seedRow() {
        TextField seed = new TextField();
        seed.setId("seed");
        seed.setPrefColumnCount(10);
        Button newSeed = new Button("New seed");
        newSeed.setId("newSeed");
        newSeed.setTooltip(new Tooltip("Draw a fresh random seed: new data and initialisation (new run)"));
        HBox line = new HBox(6, new Label("seed"), seed, newSeed);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(0, line);
        Tooltip tip = new Tooltip();
        seed.setTooltip(tip);
        Row row = new Row(ControlsModel.SEED, box) {
            @Override
            void refresh() {
                updating = true;
                try {
                    seed.setText(model.value(key));
                    tip.setText(tooltip("seed", key, null));
                } finally {
                    updating = false;
                }
            }
        };
        seed.setOnAction(e -> row.commitTyped(seed.getText().strip()));
        seed.focusedProperty().addListener((obs, was, now) -> {
            if (!now && !row.updating) {
                row.commit(seed.getText().strip());
            }
        });
        Random random = new Random();
        newSeed.setOnAction(e -> row.commit(Integer.toString(random.nextInt(1_000_000))));
        rows.add(row);
        return row;
    }

    /** The slider position of {@code value}. */
    static double toSlider(Scale scale, double value) {
        return switch (scale) {
            case INT -> value;
            case LOG, STEPS -> value > 0 ? Math.log10(value) : Double.NEGATIVE_INFINITY;
        };
    }

    /** The value at slider position {@code x}, as the text the model is given. */
    static String fromSlider(Scale scale, double x) {
        return switch (scale) {
            case INT -> Long.toString(Math.round(x));
            case LOG -> PresetOverrides.numberText(
                    Double.parseDouble(String.format(Locale.ROOT, "%.3g", Math.pow(10, x))));
            case STEPS -> Long.toString(roundSteps(x));
        };
    }

    private static long roundSteps(double log10) {
        double v = Math.pow(10, log10);
        double unit = Math.pow(10, Math.max(0, Math.floor(Math.log10(v)) - 1));
        return Math.round(v / unit) * (long) unit;
    }
}
