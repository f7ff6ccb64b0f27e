package org.parsimonylab.ui;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleFunction;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.Property;
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
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.train.LossKind;
import org.parsimonylab.engine.train.OptimizerKind;

/**
 * The left panel: the preset gallery (title, what the figure shows, which paper figure it reproduces) and every
 * control with its value and range. Structural controls commit when a drag ends, so one drag starts one new run;
 * the learning rate changes live. Invalid combinations are explained under the controls.
 */
public final class ControlsView extends VBox {
    private final ControlsModel model;
    private final Label description = new Label();
    private final Label reproduces = new Label();
    private final Label error = new Label();
    private final Label warning = new Label();
    private final VBox rankRow;
    private final VBox classesRow;

    /** A panel editing {@code model}, offering {@code presets}. */
    public ControlsView(ControlsModel model, List<PresetEntry> presets) {
        this.model = model;
        setSpacing(6);
        setPadding(new Insets(8, 10, 10, 10));
        setPrefWidth(330);
        setMinWidth(300);

        Label galleryTitle = section("Preset");
        ComboBox<PresetEntry> gallery = new ComboBox<>(FXCollections.observableArrayList(presets));
        gallery.setId("presetGallery");
        gallery.setMaxWidth(Double.MAX_VALUE);
        gallery.setTooltip(new Tooltip("Shipped presets, one per paper experiment"));
        gallery.valueProperty().bindBidirectional(model.presetProperty());
        description.setId("presetDescription");
        description.setWrapText(true);
        description.setStyle("-fx-font-size: 11px; -fx-text-fill: #333333;");
        reproduces.setId("presetReproduces");
        reproduces.setWrapText(true);
        reproduces.setStyle("-fx-font-size: 11px; -fx-text-fill: #0b5394; -fx-font-style: italic;");
        model.presetProperty().addListener((obs, old, now) -> showPreset(now));
        showPreset(model.presetProperty().get());

        ComboBox<DataKind> kind = combo("dataKind", DataKind.values(), model.dataKindProperty());
        kind.setTooltip(new Tooltip("factorization: Y = Φ (X = I); completion: Φ seen through a mask; regression:"
                + " Y = ΦX; classification: K classes, one-hot targets"));
        VBox dimRow = intSlider("dim", "input dimension d", 2, 600, model.dimProperty());
        rankRow = intSlider("rank", "target rank r", 1, 50, model.rankProperty());
        classesRow = intSlider("classes", "classes K", 2, 20, model.classesProperty());
        VBox samplesRow = intSlider("samples", "samples N", 1, 2000, model.samplesProperty());
        VBox widthRow = intSlider("width", "width", 1, 600, model.widthProperty());
        VBox depthRow = intSlider("depth", "depth L", 1, 12, model.depthProperty());
        VBox initRow = logSlider("initScale", "init scale ε", 1e-4, 10, model.initScaleProperty());
        VBox lrRow = logSlider("learningRate", "learning rate η (live)", 1e-4, 100, model.learningRateProperty());
        ComboBox<OptimizerKind> optimizer = combo("optimizer", OptimizerKind.values(), model.optimizerProperty());
        ComboBox<LossKind> loss = combo("loss", LossKind.values(), model.lossProperty());
        VBox stepsRow = logSlider("steps", "step budget", 10, 1e6, null);
        bindSteps((Slider) stepsRow.getChildren().get(1), stepsLabel(stepsRow), model.stepsProperty());

        TextField seed = new TextField();
        seed.setId("seed");
        seed.setPrefColumnCount(10);
        seed.setText(Long.toString(model.seedProperty().get()));
        model.seedProperty().addListener((obs, old, now) -> seed.setText(Long.toString(now.longValue())));
        seed.setOnAction(e -> commitSeed(seed));
        seed.focusedProperty().addListener((obs, old, now) -> {
            if (!now) {
                commitSeed(seed);
            }
        });
        Button newSeed = new Button("New seed");
        newSeed.setId("newSeed");
        newSeed.setTooltip(new Tooltip("Draw a fresh random seed: new data and initialisation (new run)"));
        Random random = new Random();
        newSeed.setOnAction(e -> model.seedProperty().set(random.nextInt(1_000_000)));
        HBox seedRow = new HBox(6, new Label("seed"), seed, newSeed);
        seedRow.setAlignment(Pos.CENTER_LEFT);

        error.setId("controlsError");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b00020; -fx-font-weight: bold;");
        error.textProperty().bind(model.errorProperty().map(s -> s.isEmpty() ? "" : "⚠ " + s));
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        warning.setId("controlsWarning");
        warning.setWrapText(true);
        warning.setStyle("-fx-text-fill: #b45f06;");
        warning.textProperty().bind(model.warningProperty());
        warning.managedProperty().bind(warning.textProperty().isNotEmpty());

        model.dataKindProperty().addListener((obs, old, now) -> showKind(now));
        showKind(model.dataKindProperty().get());

        Label note = new Label("Changing data, network, steps or seed starts a new run (weights re-initialised);"
                + " the learning rate and speed change live.");
        note.setWrapText(true);
        note.setStyle("-fx-font-size: 10px; -fx-text-fill: #777777;");

        getChildren()
                .addAll(
                        galleryTitle,
                        gallery,
                        description,
                        reproduces,
                        new Separator(),
                        section("Data"),
                        labelled("kind", kind),
                        dimRow,
                        rankRow,
                        classesRow,
                        samplesRow,
                        new Separator(),
                        section("Network"),
                        widthRow,
                        depthRow,
                        initRow,
                        new Separator(),
                        section("Training"),
                        lrRow,
                        labelled("optimizer", optimizer),
                        labelled("loss", loss),
                        stepsRow,
                        seedRow,
                        error,
                        warning,
                        note);
    }

    private void commitSeed(TextField seed) {
        try {
            model.seedProperty().set(Long.parseLong(seed.getText().strip()));
        } catch (NumberFormatException e) {
            seed.setText(Long.toString(model.seedProperty().get()));
        }
    }

    private void showPreset(PresetEntry p) {
        description.setText(p == null ? "" : p.summary());
        reproduces.setText(p == null ? "" : p.reproduces());
    }

    private void showKind(DataKind kind) {
        boolean classification = kind == DataKind.CLASSIFICATION;
        classesRow.setVisible(classification);
        classesRow.setManaged(classification);
        Label rankName =
                (Label) ((HBox) rankRow.getChildren().get(0)).getChildren().get(0);
        rankName.setText(classification ? "block rank r (spectrum colours)" : "target rank r");
        Label samples = samplesNameLabel();
        if (samples != null) {
            samples.setText(classification ? "samples per class n" : "samples N (regression)");
        }
    }

    private Label samplesNameLabel() {
        for (var node : getChildren()) {
            if (node instanceof VBox box && "samples".equals(box.getId())) {
                return (Label) ((HBox) box.getChildren().get(0)).getChildren().get(0);
            }
        }
        return null;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-font-size: 13px; -fx-text-fill: #222222;");
        return l;
    }

    private static HBox labelled(String name, javafx.scene.Node control) {
        Label l = new Label(name);
        l.setMinWidth(70);
        HBox box = new HBox(6, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        return box;
    }

    private static <E extends Enum<E> & org.parsimonylab.engine.Labeled> ComboBox<E> combo(
            String id, E[] values, Property<E> property) {
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
        c.valueProperty().bindBidirectional(property);
        return c;
    }

    private static VBox row(String id, String name, Slider slider, Label value, String range) {
        Label n = new Label(name);
        value.setId(id + "Value");
        value.setStyle("-fx-font-weight: bold;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label r = new Label(range);
        r.setStyle("-fx-font-size: 10px; -fx-text-fill: #888888;");
        HBox top = new HBox(4, n, gap, value, r);
        top.setAlignment(Pos.BASELINE_LEFT);
        slider.setId(id);
        VBox box = new VBox(0, top, slider);
        box.setId(id);
        slider.setId(id + "Slider");
        return box;
    }

    /** An integer slider that commits to {@code property} when a drag ends (or at once for keys and clicks). */
    private static VBox intSlider(String id, String name, int min, int max, IntegerProperty property) {
        Slider s = new Slider(min, max, clamp(property.get(), min, max));
        s.setBlockIncrement(1);
        s.setMajorTickUnit(1);
        s.setMinorTickCount(0);
        Label value = new Label(Integer.toString(property.get()));
        s.valueProperty().addListener((obs, old, now) -> {
            int v = (int) Math.round(now.doubleValue());
            value.setText(Integer.toString(v));
            if (!s.isValueChanging()) {
                property.set(v);
            }
        });
        s.valueChangingProperty().addListener((obs, was, now) -> {
            if (!now) {
                property.set((int) Math.round(s.getValue()));
            }
        });
        property.addListener((obs, old, now) -> {
            value.setText(Integer.toString(now.intValue()));
            if ((int) Math.round(s.getValue()) != now.intValue()) {
                s.setValue(clamp(now.intValue(), min, max));
            }
        });
        s.setTooltip(new Tooltip(name + ": " + min + " … " + max + " (new run)"));
        return row(id, name, s, value, "  [" + min + "–" + max + "]");
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A slider over log10 of the value (for ε and η), 3 significant digits. */
    private static VBox logSlider(String id, String name, double min, double max, DoubleProperty property) {
        double initial = property == null ? min : property.get();
        Slider s = new Slider(
                Math.log10(min), Math.log10(max), clamp(Math.log10(initial), Math.log10(min), Math.log10(max)));
        s.setBlockIncrement(0.1);
        Label value = new Label(Format.sig(initial));
        DoubleFunction<Double> fromSlider =
                x -> Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", Math.pow(10, x)));
        if (property != null) {
            s.valueProperty().addListener((obs, old, now) -> {
                double v = fromSlider.apply(now.doubleValue());
                value.setText(Format.sig(v));
                if (!s.isValueChanging()) {
                    property.set(v);
                }
            });
            s.valueChangingProperty().addListener((obs, was, now) -> {
                if (!now) {
                    property.set(fromSlider.apply(s.getValue()));
                }
            });
            property.addListener((obs, old, now) -> {
                value.setText(Format.sig(now.doubleValue()));
                if (Math.abs(fromSlider.apply(s.getValue()) - now.doubleValue())
                        > 1e-12 * Math.abs(now.doubleValue())) {
                    s.setValue(clamp(Math.log10(now.doubleValue()), s.getMin(), s.getMax()));
                }
            });
        }
        s.setTooltip(new Tooltip(name + ": " + Format.sig(min) + " … " + Format.sig(max) + " (logarithmic)"));
        return row(id, name, s, value, "  [" + Format.sig(min) + "–" + Format.sig(max) + "]");
    }

    private static Label stepsLabel(VBox row) {
        HBox top = (HBox) row.getChildren().get(0);
        return (Label) top.getChildren().get(2);
    }

    private static void bindSteps(Slider s, Label value, LongProperty steps) {
        s.setValue(Math.log10(Math.max(10, steps.get())));
        value.setText(Long.toString(steps.get()));
        s.valueProperty().addListener((obs, old, now) -> {
            long v = roundSteps(now.doubleValue());
            value.setText(Long.toString(v));
            if (!s.isValueChanging()) {
                steps.set(v);
            }
        });
        s.valueChangingProperty().addListener((obs, was, now) -> {
            if (!now) {
                steps.set(roundSteps(s.getValue()));
            }
        });
        steps.addListener((obs, old, now) -> {
            value.setText(Long.toString(now.longValue()));
            if (roundSteps(s.getValue()) != now.longValue()) {
                s.setValue(Math.log10(Math.max(10, now.longValue())));
            }
        });
    }

    private static long roundSteps(double log10) {
        double v = Math.pow(10, log10);
        double unit = Math.pow(10, Math.max(0, Math.floor(Math.log10(v)) - 1));
        return Math.round(v / unit) * (long) unit;
    }
}
