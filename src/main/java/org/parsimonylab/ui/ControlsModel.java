package org.parsimonylab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.IdxFiles;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetException;
import org.parsimonylab.preset.PresetOverrides;

/**
 * The left panel's state: the loaded preset and a list of dotted-path overrides, one per edited control, applied by
 * the preset layer exactly as the command line's {@code --set}. Every control maps to one preset key; its value is
 * read from the effective preset (base + overrides), and an edit replaces that key's override only. Loading a preset
 * never changes it: {@link #build()} right after {@link #load} is the loaded preset. An edit the loader rejects keeps
 * the previous value and shows the loader's one-line message in {@link #errorProperty()}.
 */
public final class ControlsModel {
    /** Data kind. */
    public static final String DATA_KIND = "data.kind";
    /**
     * The data file (digits, csv) or the folder of the four IDX files (idx; empty = the Debian package's folder),
     * relative paths against the preset's folder.
     */
    public static final String FILE = "data.file";
    /** Input dimension d. */
    public static final String DIM = "data.dim";
    /** Output dimension (rows of Φ). */
    public static final String OUTPUT_DIM = "data.outputDim";
    /** Target rank r (class-clusters, union-of-subspaces: the subspace dimension). */
    public static final String RANK = "data.rank";
    /** Classes K. */
    public static final String CLASSES = "data.classes";
    /** Samples N of regression. */
    public static final String SAMPLES = "data.samples";
    /** Samples per class n. */
    public static final String SAMPLES_PER_CLASS = "data.samplesPerClass";
    /** Hidden width. */
    public static final String WIDTH = "network.width";
    /** Depth L. */
    public static final String DEPTH = "network.depth";
    /** Init scale ε. */
    public static final String INIT_SCALE = "network.init.scale";
    /** Learning rate η (changes live). */
    public static final String LEARNING_RATE = "training.learningRate";
    /** Optimizer. */
    public static final String OPTIMIZER = "training.optimizer";
    /** Loss. */
    public static final String LOSS = "training.loss";
    /** Step budget. */
    public static final String STEPS = "training.steps";
    /** Block rank of the spectra (how many top and bottom singular values are coloured). */
    public static final String BLOCK_RANK = "metrics.blockRank";
    /** Seed. */
    public static final String SEED = "seed";

    /** Short names of the keys for run notes ("width 30 → 62"), in panel order. */
    private static final Map<String, String> NAMES = names();

    private final ObjectProperty<PresetEntry> preset = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Preset> effective = new ReadOnlyObjectWrapper<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final List<Consumer<Edit>> editListeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> valueCache = new LinkedHashMap<>();
    private final Map<String, Integer> overridingCache = new LinkedHashMap<>();

    /**
     * One accepted edit of the effective preset.
     *
     * @param key the dotted preset key that changed, e.g. {@code network.width}
     * @param name its short name for notes, e.g. {@code width}
     * @param oldValue the value before, as text
     * @param newValue the value now, as text
     */
    public record Edit(String key, String name, String oldValue, String newValue) {
        /** "width 30 → 62". */
        public String describe() {
            return name + " " + oldValue + " → " + newValue;
        }
    }

    /** A model with no preset; choosing one in the gallery (the preset property) loads it. */
    public ControlsModel() {
        preset.addListener((obs, old, now) -> {
            if (!loading.get() && now != null) {
                load(now);
            }
        });
    }

    /** Loads {@code entry}: its preset becomes the base, every override is dropped, and nothing else changes. */
    public void load(PresetEntry entry) {
        load(entry, List.of());
    }

    /**
     * Loads {@code entry} with the command line's {@code --set} overrides ("dotted.path=value") as the controls'
     * overrides, so they show in the run note and in {@link #overrides()}.
     *
     * @throws PresetException with the loader's one-line message if an override is invalid (nothing is loaded then)
     */
    public void load(PresetEntry entry, List<String> sets) {
        Map<String, String> next = new LinkedHashMap<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            next.put(eq <= 0 ? set : set.substring(0, eq).strip(), eq <= 0 ? "" : set.substring(eq + 1));
        }
        Preset p = PresetOverrides.apply(entry.preset(), entry.fileName(), sets);
        for (String key : List.copyOf(next.keySet())) {
            try {
                String value = PresetOverrides.valueText(p, key);
                if (value.equals(PresetOverrides.valueText(entry.preset(), key))) {
                    next.remove(key);
                } else {
                    next.put(key, value);
                }
            } catch (IllegalArgumentException e) {
                // A whole object (e.g. variants.3) has no one-line value: keep the override as given.
            }
        }
        loading.set(true);
        try {
            overrides.clear();
            overrides.putAll(next);
            preset.set(entry);
            setEffective(p);
            error.set("");
        } finally {
            loading.set(false);
        }
    }

    /**
     * Sets {@code key} to {@code text} as {@code --set key=text} would, replacing that key's earlier override (or
     * dropping it when the value is the loaded preset's own). Returns false, keeps the previous value and explains why
     * in {@link #errorProperty()} when the preset layer rejects it; listeners hear of accepted changes only.
     */
    public boolean set(String key, String text) {
        PresetEntry entry = preset.get();
        if (entry == null) {
            error.set("choose a preset");
            return false;
        }
        Map<String, String> next = new LinkedHashMap<>(overrides);
        next.put(key, text.strip());
        Preset candidate;
        String newValue;
        try {
            candidate = PresetOverrides.apply(entry.preset(), entry.fileName(), list(next));
            newValue = PresetOverrides.valueText(candidate, key);
            if (key.equals(FILE)) {
                checkDataFile(candidate.data(), entry.baseDir());
            }
        } catch (PresetException | IllegalArgumentException e) {
            error.set(e.getMessage());
            return false;
        }
        String oldValue = value(key);
        if (newValue.equals(PresetOverrides.valueText(entry.preset(), key))) {
            next.remove(key);
        } else {
            // Canonical text ("1e-3" → "0.001") so the list reads as the values the run uses.
            next.put(key, newValue);
        }
        overrides.clear();
        overrides.putAll(next);
        error.set("");
        if (newValue.equals(oldValue)) {
            return true;
        }
        setEffective(candidate);
        Edit edit = new Edit(key, name(key), oldValue, newValue);
        for (Consumer<Edit> l : editListeners) {
            l.accept(edit);
        }
        return true;
    }

    /**
     * The loader's judgement of an edited idx folder at once rather than when the run starts: it must hold the four
     * IDX files, else the loader's one line names the first missing one and the install command. (A digits or csv
     * file is judged when the run loads it, since a shipped preset's file may come from the class path.)
     */
    private static void checkDataFile(DataSpec data, Path baseDir) {
        if (data.kind() == DataKind.IDX) {
            IdxFiles.requireFolder(IdxFiles.folder(data.file(), base(baseDir)));
        }
    }

    private static Path base(Path baseDir) {
        return baseDir == null ? Path.of("") : baseDir;
    }

    /**
     * The folder (idx) or file (digits, csv) that {@code data.file} names in the effective preset, resolved as the
     * loader resolves it, or null before a preset is loaded.
     */
    public Path dataFile() {
        Preset p = effective.get();
        PresetEntry entry = preset.get();
        if (p == null || entry == null) {
            return null;
        }
        return p.data().kind() == DataKind.IDX
                ? IdxFiles.folder(p.data().file(), base(entry.baseDir()))
                : DataGenerator.resolve(base(entry.baseDir()), p.data().file());
    }

    private void setEffective(Preset p) {
        valueCache.clear();
        overridingCache.clear();
        effective.set(p);
        warning.set(warningFor(p));
    }

    private static List<String> list(Map<String, String> overrides) {
        List<String> out = new ArrayList<>();
        overrides.forEach((k, v) -> out.add(PresetOverrides.override(k, v)));
        return out;
    }

    /** The value of {@code key} in the effective preset, as text ("300", "0.001", "half-mean"). */
    public String value(String key) {
        Preset p = effective.get();
        if (p == null) {
            return "";
        }
        return valueCache.computeIfAbsent(key, k -> PresetOverrides.valueText(p, k));
    }

    /** The value of {@code key} in the loaded preset, before any override. */
    public String loadedValue(String key) {
        PresetEntry entry = preset.get();
        return entry == null ? "" : PresetOverrides.valueText(entry.preset(), key);
    }

    /** How many variants of the loaded preset override {@code key}, so the base value the control edits misses them. */
    public int variantsOverriding(String key) {
        Preset p = effective.get();
        return p == null ? 0 : overridingCache.computeIfAbsent(key, k -> PresetOverrides.variantsOverriding(p, k));
    }

    /** Number of variants of the loaded preset (0 when it has none). */
    public int variantCount() {
        Preset p = effective.get();
        return p == null ? 0 : p.variants().size();
    }

    /**
     * The preset the controls describe: the loaded one with the overrides applied, or null (with {@link
     * #errorProperty()} saying so) before a preset is loaded.
     */
    public Preset build() {
        Preset p = effective.get();
        if (p == null) {
            error.set("choose a preset");
        }
        return p;
    }

    /** The overrides as {@code --set} arguments ("network.width=187"), in the order the keys were first edited. */
    public List<String> overrides() {
        return list(overrides);
    }

    /** The overrides as a note, "width 30 → 187, learning rate η 1 → 0.5", or empty. */
    public String overridesNote() {
        List<String> parts = new ArrayList<>();
        overrides.forEach((k, v) -> parts.add(name(k) + " " + loadedValue(k) + " → " + v));
        return String.join(", ", parts);
    }

    /** Calls {@code listener} after every accepted edit (not on load). */
    public void addEditListener(Consumer<Edit> listener) {
        editListeners.add(listener);
    }

    /** The short name of {@code key} for notes. */
    public static String name(String key) {
        return NAMES.getOrDefault(key, key);
    }

    /** The keys of the panel's controls, in panel order. */
    public static Set<String> keys() {
        return NAMES.keySet();
    }

    /** Whether the control of {@code key} means anything for data of {@code kind} (the panel hides it otherwise). */
    public static boolean relevant(String key, DataKind kind) {
        boolean file = kind == DataKind.DIGITS || kind == DataKind.CSV || kind == DataKind.IDX;
        boolean subspace = kind == DataKind.CLASS_CLUSTERS || kind == DataKind.UNION_OF_SUBSPACES;
        boolean classes = kind == DataKind.CLASSIFICATION || subspace;
        return switch (key) {
            case DIM -> !file;
            case OUTPUT_DIM -> kind == DataKind.FACTORIZATION
                    || kind == DataKind.COMPLETION
                    || kind == DataKind.REGRESSION;
            case RANK -> !file && kind != DataKind.CLASSIFICATION;
            case CLASSES, SAMPLES_PER_CLASS -> classes;
            case SAMPLES -> kind == DataKind.REGRESSION || kind == DataKind.IDX;
            case FILE -> file;
            default -> true;
        };
    }

    private static Map<String, String> names() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DATA_KIND, "data kind");
        m.put(FILE, "data file");
        m.put(DIM, "d");
        m.put(OUTPUT_DIM, "output dim");
        m.put(RANK, "r");
        m.put(CLASSES, "K");
        m.put(SAMPLES, "samples N");
        m.put(SAMPLES_PER_CLASS, "samples per class");
        m.put(WIDTH, "width");
        m.put(DEPTH, "depth");
        m.put(INIT_SCALE, "init scale ε");
        m.put(BLOCK_RANK, "block rank");
        m.put(LEARNING_RATE, "learning rate η");
        m.put(OPTIMIZER, "optimizer");
        m.put(LOSS, "loss");
        m.put(STEPS, "step budget");
        m.put(SEED, "seed");
        return m;
    }

    private static String warningFor(Preset p) {
        DataSpec d = p.data();
        int r = p.metrics().blockRank();
        boolean lowRankTarget = d.kind() == DataKind.FACTORIZATION
                || d.kind() == DataKind.COMPLETION
                || (d.kind() == DataKind.REGRESSION && d.targetKind() == TargetKind.LOW_RANK_MAP);
        if (!lowRankTarget) {
            return "";
        }
        int smallest = Math.min(Math.min(d.dim(), d.targetRows()), p.network().width());
        if (2 * r >= smallest) {
            return String.format(
                    Locale.ROOT,
                    "2r = %d ≥ %d = min(d, width): the top and bottom blocks meet, so there is no middle block for the"
                            + " law of parsimony to keep still (it needs 2r < d).",
                    2 * r,
                    smallest);
        }
        if (p.network().width() < d.rank()) {
            return "width < r: the network cannot represent a rank-" + d.rank() + " target.";
        }
        if (r != d.rank()) {
            return "block rank " + r + " ≠ target rank " + d.rank() + ": the spectra colour the top and bottom " + r
                    + " singular values.";
        }
        return "";
    }

    /** The chosen preset (the gallery's selection); setting it loads the preset. */
    public ObjectProperty<PresetEntry> presetProperty() {
        return preset;
    }

    /** The preset the controls describe (loaded preset + overrides); changes on load and on every accepted edit. */
    public ReadOnlyObjectProperty<Preset> effectiveProperty() {
        return effective.getReadOnlyProperty();
    }

    /** True while {@link #load} runs (listeners of the preset property should not start runs then). */
    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** Why the last edit was not taken (the preset loader's one-line message), or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A valid but questionable combination explained, or empty. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }
}
