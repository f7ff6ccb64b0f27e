package org.parsimonylab.ui;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.net.InitSpec;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.LossKind;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.preset.Preset;

/**
 * The left panel's state: the chosen preset and the values of every control, as JavaFX properties. {@link #build()}
 * turns them into a {@link Preset}; an invalid combination is not thrown but explained in {@link #errorProperty()}
 * with the engine's own message, which names the field and the allowed range.
 */
public final class ControlsModel {
    private final ObjectProperty<PresetEntry> preset = new SimpleObjectProperty<>();
    private final ObjectProperty<DataKind> dataKind = new SimpleObjectProperty<>(DataKind.FACTORIZATION);
    private final IntegerProperty dim = new SimpleIntegerProperty(30);
    private final IntegerProperty rank = new SimpleIntegerProperty(3);
    private final IntegerProperty classes = new SimpleIntegerProperty(5);
    private final IntegerProperty samples = new SimpleIntegerProperty(300);
    private final IntegerProperty width = new SimpleIntegerProperty(30);
    private final IntegerProperty depth = new SimpleIntegerProperty(3);
    private final DoubleProperty initScale = new SimpleDoubleProperty(1.0);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(1.0);
    private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(OptimizerKind.GD);
    private final ObjectProperty<LossKind> loss = new SimpleObjectProperty<>(LossKind.HALF_MEAN);
    private final LongProperty steps = new SimpleLongProperty(50);
    private final LongProperty seed = new SimpleLongProperty(0);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");

    /** Sets every control from {@code entry}'s base sections. */
    public void load(PresetEntry entry) {
        loading.set(true);
        try {
            Preset p = entry.preset();
            DataSpec d = p.data();
            dataKind.set(d.kind());
            dim.set(d.dim());
            rank.set(d.kind() == DataKind.CLASSIFICATION ? p.metrics().blockRank() : d.rank());
            classes.set(d.classes());
            samples.set(d.kind() == DataKind.CLASSIFICATION ? d.samplesPerClass() : d.samples());
            width.set(p.network().width());
            depth.set(p.network().depth());
            initScale.set(p.network().init().scale());
            learningRate.set(p.training().learningRate());
            optimizer.set(p.training().optimizer());
            loss.set(p.training().loss());
            steps.set(p.training().steps());
            seed.set(p.seed());
            preset.set(entry);
        } finally {
            loading.set(false);
        }
        build();
    }

    /**
     * The preset the controls describe (the chosen preset with its base sections replaced; variants keep their own
     * overrides), or null with {@link #errorProperty()} explaining why not.
     */
    public Preset build() {
        PresetEntry entry = preset.get();
        if (entry == null) {
            error.set("choose a preset");
            return null;
        }
        Preset p = entry.preset();
        try {
            DataSpec d0 = p.data();
            boolean classification = dataKind.get() == DataKind.CLASSIFICATION;
            boolean square = d0.dim() == d0.outputDim();
            DataSpec data = new DataSpec(
                    dataKind.get(),
                    dim.get(),
                    square ? dim.get() : d0.outputDim(),
                    classification ? d0.rank() : rank.get(),
                    classification ? d0.samples() : samples.get(),
                    classes.get(),
                    classification ? samples.get() : d0.samplesPerClass(),
                    d0.observedFraction(),
                    d0.whiten(),
                    d0.inputScale(),
                    d0.targetSpectrum(),
                    d0.targetKind());
            NetworkSpec n0 = p.network();
            NetworkSpec network = new NetworkSpec(
                    n0.kind(),
                    depth.get(),
                    width.get(),
                    n0.activation(),
                    n0.bias(),
                    new InitSpec(n0.init().kind(), initScale.get()),
                    n0.trainLast(),
                    n0.compression());
            TrainingSpec t0 = p.training();
            TrainingSpec training = new TrainingSpec(
                    optimizer.get(),
                    learningRate.get(),
                    t0.momentum(),
                    loss.get(),
                    t0.outerLearningRateScale(),
                    steps.get(),
                    t0.lossTolerance(),
                    t0.lossCheckEvery(),
                    t0.batchSize(),
                    t0.gradientForm());
            MetricsSpec m0 = p.metrics();
            MetricsSpec metrics = new MetricsSpec(m0.every(), m0.referenceStep(), rank.get(), m0.svd());
            Preset built = new Preset(
                    p.schemaVersion(),
                    p.name(),
                    p.title(),
                    p.description(),
                    seed.get(),
                    data,
                    network,
                    training,
                    metrics,
                    p.variants());
            error.set("");
            warning.set(warningFor(built));
            return built;
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            warning.set("");
            return null;
        }
    }

    private static String warningFor(Preset p) {
        DataSpec d = p.data();
        int r = p.metrics().blockRank();
        int smallest = Math.min(Math.min(d.dim(), d.targetRows()), p.network().width());
        if (d.kind() != DataKind.CLASSIFICATION && 2 * r >= smallest) {
            return String.format(
                    Locale.ROOT,
                    "2r = %d ≥ %d = min(d, width): the top and bottom blocks meet, so there is no middle block for the"
                            + " law of parsimony to keep still (it needs 2r < d).",
                    2 * r,
                    smallest);
        }
        if (p.network().width() < r && d.kind() != DataKind.CLASSIFICATION) {
            return "width < r: the network cannot represent a rank-" + r + " target.";
        }
        return "";
    }

    /** The chosen preset. */
    public ObjectProperty<PresetEntry> presetProperty() {
        return preset;
    }

    /** Data kind. */
    public ObjectProperty<DataKind> dataKindProperty() {
        return dataKind;
    }

    /** Input dimension d. */
    public IntegerProperty dimProperty() {
        return dim;
    }

    /** Target rank r (the block rank of the spectra; for classification only the block rank). */
    public IntegerProperty rankProperty() {
        return rank;
    }

    /** Number of classes K. */
    public IntegerProperty classesProperty() {
        return classes;
    }

    /** Samples N (regression) or per class n (classification). */
    public IntegerProperty samplesProperty() {
        return samples;
    }

    /** Hidden width. */
    public IntegerProperty widthProperty() {
        return width;
    }

    /** Depth L. */
    public IntegerProperty depthProperty() {
        return depth;
    }

    /** Init scale ε. */
    public DoubleProperty initScaleProperty() {
        return initScale;
    }

    /** Learning rate η (live). */
    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    /** Optimizer. */
    public ObjectProperty<OptimizerKind> optimizerProperty() {
        return optimizer;
    }

    /** Loss. */
    public ObjectProperty<LossKind> lossProperty() {
        return loss;
    }

    /** Step budget. */
    public LongProperty stepsProperty() {
        return steps;
    }

    /** Seed. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** True while {@link #load} sets the controls (listeners should not start runs then). */
    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** Why the controls do not make a valid run, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A valid but questionable combination explained, or empty. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }
}
