package org.parsimonylab.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.parsimonylab.chart.Figure;
import org.parsimonylab.chart.MetricLinesFigure;
import org.parsimonylab.chart.SingularValuesFigure;
import org.parsimonylab.chart.SpectrumFigure;
import org.parsimonylab.chart.WaterfallFigure;
import org.parsimonylab.checkpoints.AnalysisFolderWriter;
import org.parsimonylab.checkpoints.AnalysisOptions;
import org.parsimonylab.checkpoints.Checkpoint;
import org.parsimonylab.checkpoints.CheckpointException;
import org.parsimonylab.checkpoints.CheckpointMetrics;
import org.parsimonylab.checkpoints.CheckpointSeries;
import org.parsimonylab.checkpoints.CheckpointWatcher;
import org.parsimonylab.checkpoints.SelectedTensor;
import org.parsimonylab.checkpoints.SeriesAnalyzer;
import org.parsimonylab.checkpoints.TensorMetric;
import org.parsimonylab.checkpoints.TensorSelection;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.export.RunFolderReader;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * The state of a checkpoints window: a series of checkpoints (a folder, or chosen files) analysed by a
 * {@link SeriesAnalyzer} on one background thread, the app's figures fed with the results on the FX thread, the
 * analysed steps a scrubber moves over, and a watch mode that follows a folder a training job is still writing into
 * (a {@link CheckpointWatcher}: a checkpoint is taken only when complete). The i-th selected tensor is "layer" W_i of
 * the figures. Properties and figures belong to the FX thread; {@link #close()} stops the background thread.
 */
public final class CheckpointsModel {
    /** Time between two looks at a watched folder. */
    static final long POLL_MILLIS = 300;

    /**
     * Polls a complete-looking but unreadable checkpoint is waited for before it is skipped with a warning: a minute,
     * so a copy to a shared folder that stalls for a while is not given up on.
     */
    static final int GIVE_UP_POLLS = 200;

    final SpectrumFigure spectrum = new SpectrumFigure();
    final SingularValuesFigure singularValues = new SingularValuesFigure();
    final WaterfallFigure waterfall = new WaterfallFigure();
    final MetricLinesFigure angles = new AnglesOfCheckpoints();
    final MetricLinesFigure updateEnergy = new UpdateEnergyOfCheckpoints();

    private final ObservableList<SelectedTensor> tensors = FXCollections.observableArrayList();
    private final ObservableList<Long> steps = FXCollections.observableArrayList();
    private final IntegerProperty layer = new SimpleIntegerProperty(1);
    private final LongProperty shownStep = new SimpleLongProperty(-1);
    private final BooleanProperty watching = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a folder of checkpoints");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final List<ValueMarker> cursors = new ArrayList<>();
    private RunHistory history = new RunHistory();
    private String seriesName = "";
    private int blockRank = 10;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "checkpoint-analysis");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<Runnable> fx;
    private final Supplier<LinAlg> linAlgs;
    /** The current analysis; a job whose number is not this one any more stops and its results are dropped. */
    private final AtomicLong generation = new AtomicLong();
    /** Whether the current job follows its folder once the checkpoints there are analysed (read by the worker). */
    private volatile boolean watch;

    private final Object wake = new Object();

    /** A model posting to the FX thread, with the default linear-algebra backend. */
    public CheckpointsModel() {
        this(Platform::runLater, LinAlgs::create);
    }

    /** A model posting results through {@code fx} (the FX thread) and analysing with {@code linAlgs}' backend. */
    CheckpointsModel(Consumer<Runnable> fx, Supplier<LinAlg> linAlgs) {
        this.fx = fx;
        this.linAlgs = linAlgs;
        layer.addListener((obs, old, now) -> showLayer(now.intValue()));
    }

    /** Every figure, in display order. */
    public List<Figure> figures() {
        return List.of(spectrum, singularValues, waterfall, angles, updateEnergy);
    }

    /**
     * Starts analysing {@code paths} (FX thread): one folder (its checkpoints; with {@code watchFolder} also the ones
     * that appear later), or checkpoint files (a .safetensors or .npz file, or a folder of .npy files, each). A
     * running analysis is dropped. Bad regular expressions and top-k are reported in {@link #errorProperty()}.
     */
    public void open(List<Path> paths, String include, String exclude, int topK, boolean watchFolder) {
        long gen = generation.incrementAndGet();
        wakeWorker();
        clearShown();
        error.set("");
        if (paths.isEmpty()) {
            status.set("Open a folder of checkpoints");
            return;
        }
        AnalysisOptions options;
        try {
            AnalysisOptions d = AnalysisOptions.defaults();
            options = new AnalysisOptions(
                    TensorSelection.of(include, exclude), topK, -1, d.fullSvdMaxDim(), d.energyShare());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            status.set("Nothing analysed");
            return;
        }
        boolean folder = paths.size() == 1 && isSeriesFolder(paths.get(0));
        blockRank = topK;
        source.set(paths.size() == 1 ? paths.get(0).toString() : paths.size() + " checkpoints");
        seriesName =
                folder ? paths.get(0).toAbsolutePath().normalize().getFileName().toString() : "checkpoints";
        watch = watchFolder && folder && !isAnalysisFolder(paths.get(0));
        watching.set(watch);
        busy.set(true);
        status.set((watch ? "Watching " : "Reading ") + source.get() + "…");
        List<Path> list = List.copyOf(paths);
        worker.execute(() -> analyse(gen, list, folder, options));
    }

    /** Whether {@code p} is a folder holding checkpoints (not itself one checkpoint, a folder of .npy files only). */
    private static boolean isSeriesFolder(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var s = Files.list(p)) {
            return s.noneMatch(f -> f.getFileName().toString().endsWith(".npy"));
        } catch (IOException e) {
            return true; // the worker reports the unreadable folder
        }
    }

    /**
     * Turns watching on or off (FX thread): on, the checkpoints that appear in the opened folder are analysed as they
     * become complete; off, the window keeps what it has. Only a folder can be watched.
     */
    public void setWatch(boolean on) {
        watch = on;
        watching.set(on);
        wakeWorker();
    }

    private void wakeWorker() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Stops the background thread (the window closes); nothing is posted afterwards. */
    public void close() {
        generation.incrementAndGet();
        wakeWorker();
        worker.shutdownNow();
    }

    /** Waits until the background thread has stopped (tests). */
    boolean awaitClosed(long millis) throws InterruptedException {
        return worker.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- background thread

    /** The job of one {@link #open}: the checkpoints there now, then (while watched) the ones that appear. */
    private void analyse(long gen, List<Path> paths, boolean folder, AnalysisOptions options) {
        SeriesAnalyzer analyzer = new SeriesAnalyzer(seriesNameOf(paths, folder), options, linAlgs.get());
        long[] last = {Long.MIN_VALUE};
        try {
            if (folder && isAnalysisFolder(paths.get(0))) {
                readAnalysis(gen, paths.get(0));
                return;
            }
            if (!watch) {
                List<Checkpoint> all =
                        folder ? CheckpointSeries.scan(paths.get(0)).checkpoints() : openFiles(paths);
                long started = System.nanoTime();
                for (int i = 0; i < all.size(); i++) {
                    if (generation.get() != gen) {
                        return;
                    }
                    Checkpoint c = all.get(i);
                    if (!analyseOne(gen, analyzer, c)) {
                        return;
                    }
                    last[0] = c.step();
                    double each = (System.nanoTime() - started) / 1e9 / (i + 1);
                    progress(gen, i + 1, all.size(), each);
                }
            }
            if (!folder) {
                post(gen, () -> busy.set(false));
                return;
            }
            follow(gen, paths.get(0), analyzer, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fail(gen, e);
        }
    }

    /** Whether {@code dir} is what {@code analyze} writes (metrics.csv and selection.csv), not checkpoints. */
    static boolean isAnalysisFolder(Path dir) {
        return AnalysisFolderWriter.isAnalysisFolder(dir);
    }

    /**
     * Shows an analysis folder written by {@code analyze}: its first series' metrics.csv (the tensor names in the
     * layer column, numbered in order of first appearance, which is the order of selection.csv) and selection.csv.
     */
    private void readAnalysis(long gen, Path dir) throws IOException {
        List<MetricsCsv.Row> rows = MetricsCsv.read(dir.resolve("metrics.csv"));
        if (rows.isEmpty()) {
            throw new IOException(dir.resolve("metrics.csv") + ": no measurements");
        }
        String variant = rows.get(0).variant();
        Map<Integer, String> names = new java.util.TreeMap<>();
        for (MetricsCsv.Row r : rows) {
            if (r.variant().equals(variant) && r.layer() != MetricSeries.NO_LAYER) {
                names.putIfAbsent(r.layer(), r.layerName());
            }
        }
        Map<String, SelectedTensor> shapes = selectionCsv(dir.resolve("selection.csv"), variant);
        List<SelectedTensor> selection = new ArrayList<>();
        for (String name : names.values()) {
            SelectedTensor t = shapes.get(name);
            selection.add(t != null ? t : new SelectedTensor(name, new long[] {0, 0}, "?", 0, 0));
        }
        List<StepSnapshot> snaps = RunFolderReader.history(rows).snapshots(variant);
        post(gen, () -> {
            seriesName = variant;
            for (StepSnapshot snap : snaps) {
                accept(selection, snap);
            }
            busy.set(false);
            status.set("Read " + snaps.size() + " analysed checkpoints of " + variant + " from " + dir);
        });
    }

    /** The tensors of {@code variant} in an analysis folder's selection.csv (variant,tensor,shape,dtype,rows,cols,…). */
    private static Map<String, SelectedTensor> selectionCsv(Path file, String variant) throws IOException {
        Map<String, SelectedTensor> out = new HashMap<>();
        List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = MetricsCsv.split(lines.get(i));
            if (f.size() < 6 || !f.get(0).equals(variant)) {
                continue;
            }
            try {
                long[] shape = Arrays.stream(f.get(2).split("x"))
                        .mapToLong(Long::parseLong)
                        .toArray();
                out.put(
                        f.get(1),
                        new SelectedTensor(
                                f.get(1), shape, f.get(3), Integer.parseInt(f.get(4)), Integer.parseInt(f.get(5))));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + (i + 1) + ": shape, rows and cols must be numbers", e);
            }
        }
        return out;
    }

    /** While the job is current: polls the folder when watched, else waits to be told to watch. */
    private void follow(long gen, Path folder, SeriesAnalyzer analyzer, long[] last)
            throws IOException, InterruptedException {
        CheckpointWatcher watcher =
                new CheckpointWatcher(folder, GIVE_UP_POLLS, w -> post(gen, () -> error.set("warning: " + w)));
        int count = 0;
        post(gen, () -> busy.set(false));
        boolean announced = false;
        while (generation.get() == gen) {
            if (!watch) {
                if (announced) {
                    post(gen, this::idleStatus);
                }
                announced = false;
                synchronized (wake) {
                    if (!watch && generation.get() == gen) {
                        wake.wait(1000);
                    }
                }
                continue;
            }
            if (!announced) {
                post(gen, () -> status.set("Watching " + folder + ": " + steps.size() + " checkpoints analysed"));
                announced = true;
            }
            if (!analyzer.selection().isEmpty()) {
                watcher.expectTensors(
                        analyzer.selection().stream().map(SelectedTensor::name).collect(Collectors.toSet()));
            }
            List<Checkpoint> found =
                    watcher.next(POLL_MILLIS, POLL_MILLIS * 3, () -> generation.get() != gen || !watch);
            for (Checkpoint c : found) {
                if (generation.get() != gen) {
                    return;
                }
                if (c.step() <= last[0]) {
                    continue; // analysed before watching started
                }
                if (analyseOne(gen, analyzer, c)) {
                    last[0] = c.step();
                    count++;
                    long step = c.step();
                    int n = count;
                    post(
                            gen,
                            () -> status.set("Watching " + folder + ": " + steps.size() + " checkpoints analysed, " + n
                                    + " new; newest step " + step));
                }
            }
        }
    }

    /** Analyses {@code c} and posts the result; a bad checkpoint is reported and skipped (false: the job is over). */
    private boolean analyseOne(long gen, SeriesAnalyzer analyzer, Checkpoint c) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        CheckpointMetrics m;
        try {
            m = analyzer.analyze(c);
        } catch (IOException | IllegalArgumentException e) {
            post(gen, () -> error.set(oneLine(e)));
            return generation.get() == gen;
        }
        List<SelectedTensor> selection = analyzer.selection();
        StepSnapshot snap = snapshot(m, selection);
        post(gen, () -> accept(selection, snap));
        return generation.get() == gen;
    }

    private void progress(long gen, int done, int total, double secondsEach) {
        post(gen, () -> {
            if (done < total) {
                status.set(String.format(
                        Locale.ROOT,
                        "Analysed %d of %d checkpoints (%s each, %s left)",
                        done,
                        total,
                        secondsEach < 1
                                ? String.format(Locale.ROOT, "%.0f ms", secondsEach * 1000)
                                : Format.duration(secondsEach),
                        Format.duration(secondsEach * (total - done))));
            } else {
                idleStatus();
            }
        });
    }

    private void idleStatus() {
        status.set("Analysed " + steps.size() + " checkpoint" + (steps.size() == 1 ? "" : "s") + " of " + source.get()
                + (steps.isEmpty() ? "" : " (steps " + steps.get(0) + " to " + steps.get(steps.size() - 1) + ")"));
    }

    private void fail(long gen, Exception e) {
        post(gen, () -> {
            error.set(oneLine(e));
            busy.set(false);
            if (steps.isEmpty()) {
                status.set("Nothing analysed");
            } else {
                idleStatus();
            }
        });
    }

    private void post(long gen, Runnable r) {
        fx.accept(() -> {
            if (generation.get() == gen) {
                r.run();
            }
        });
    }

    private static String seriesNameOf(List<Path> paths, boolean folder) {
        Path p = folder
                ? paths.get(0)
                : paths.get(0).toAbsolutePath().normalize().getParent();
        Path name = p == null ? null : p.toAbsolutePath().normalize().getFileName();
        return name == null ? "checkpoints" : name.toString();
    }

    /** The chosen checkpoint files, opened (headers only) and sorted by step; two with one step are an error. */
    static List<Checkpoint> openFiles(List<Path> paths) throws IOException {
        List<Checkpoint> list = new ArrayList<>();
        for (Path p : paths) {
            list.add(Checkpoint.open(p));
        }
        list.sort(Comparator.comparingLong(Checkpoint::step));
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).step() == list.get(i - 1).step()) {
                throw new CheckpointException(list.get(i).path() + ": step "
                        + list.get(i).step() + " again (also " + list.get(i - 1).path() + ")");
            }
        }
        return list;
    }

    /** One line for the status: the message, else the exception's name. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The measurements of one checkpoint as the app's snapshot: the i-th selected tensor is layer i (1-based). */
    static StepSnapshot snapshot(CheckpointMetrics m, List<SelectedTensor> selection) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < selection.size(); i++) {
            index.put(selection.get(i).name(), i + 1);
        }
        List<MetricSeries> series = new ArrayList<>();
        for (TensorMetric t : m.metrics()) {
            Integer l = index.get(t.tensor());
            if (l != null) {
                series.add(new MetricSeries(t.metric(), l, t.values(), t.indexed()));
            }
        }
        return new StepSnapshot(m.step(), Double.NaN, series);
    }

    // ---------------------------------------------------------------- FX thread

    private void accept(List<SelectedTensor> selection, StepSnapshot snap) {
        if (tensors.isEmpty()) {
            tensors.setAll(selection);
            history = new RunHistory(Math.max(16, capacityFor(snap)));
            showLayer(layer.get());
        }
        if (!history.add(seriesName, snap)) {
            return;
        }
        singularValues.add(snap);
        waterfall.add(snap);
        angles.add(snap);
        updateEnergy.add(snap);
        List<StepSnapshot> kept = history.snapshots(seriesName);
        if (kept.size() != steps.size() + 1) {
            // the history was thinned: the scrubber moves over the steps kept
            steps.setAll(kept.stream().map(StepSnapshot::step).toList());
        } else {
            steps.add(snap.step());
        }
        if (shownStep.get() < 0) {
            spectrum.show(snap, layer.get(), blockRank);
        }
    }

    /** Snapshots kept for the scrubber: about an eighth of the heap, as a run folder read back (at most 20 000). */
    private static int capacityFor(StepSnapshot s) {
        long values = 0;
        for (MetricSeries m : s.series()) {
            values += m.values().length;
        }
        double bytes = 8.0 * values + 96.0 * s.series().size() + 64;
        return (int) Math.max(16, Math.min(20_000, Runtime.getRuntime().maxMemory() / 8.0 / bytes));
    }

    private void showLayer(int l) {
        String name = l >= 1 && l <= tensors.size() ? tensors.get(l - 1).name() : "";
        singularValues.setVariant(name);
        waterfall.setVariant(name);
        angles.setVariant(name);
        updateEnergy.setVariant(name);
        spectrum.setVariant(name);
        singularValues.selectLayer(l);
        waterfall.selectLayer(l);
        angles.selectLayer(l);
        updateEnergy.selectLayer(l);
        singularValues.setBlockRank(blockRank);
        StepSnapshot at = shownSnapshot();
        if (at != null) {
            spectrum.show(at, l, blockRank);
        }
    }

    /** The snapshot the spectrum shows: the scrubbed step, else the newest. */
    StepSnapshot shownSnapshot() {
        List<StepSnapshot> list = history.snapshots(seriesName);
        if (list.isEmpty()) {
            return null;
        }
        long t = shownStep.get();
        if (t < 0) {
            return list.get(list.size() - 1);
        }
        StepSnapshot best = list.get(0);
        for (StepSnapshot s : list) {
            if (s.step() <= t) {
                best = s;
            }
        }
        return best;
    }

    /**
     * Shows step {@code t} (FX thread): the spectrum of that checkpoint, a cursor on the charts over time; -1 goes
     * back to the newest step (and follows new ones).
     */
    public void showStep(long t) {
        shownStep.set(t);
        StepSnapshot at = shownSnapshot();
        if (at != null) {
            spectrum.show(at, layer.get(), blockRank);
        }
        if (t < 0) {
            removeCursors();
        } else if (at != null) {
            placeCursor(at.step());
        }
    }

    // As RunViewModel's replay cursor (copied: that class belongs to the run window).
    private void placeCursor(long t) {
        if (cursors.isEmpty()) {
            for (Figure f : List.of(singularValues, waterfall, angles, updateEnergy)) {
                ValueMarker m = new ValueMarker(t, Color.RED, new BasicStroke(1.2f));
                ((XYPlot) f.chart().getPlot()).addDomainMarker(m);
                cursors.add(m);
            }
        }
        for (ValueMarker m : cursors) {
            m.setValue(t);
        }
    }

    private void removeCursors() {
        for (ValueMarker m : cursors) {
            for (Figure f : figures()) {
                if (f.chart().getPlot() instanceof XYPlot plot) {
                    plot.removeDomainMarker(m);
                }
            }
        }
        cursors.clear();
    }

    private void clearShown() {
        removeCursors();
        for (Figure f : figures()) {
            f.clear();
        }
        tensors.clear();
        steps.clear();
        history = new RunHistory();
        shownStep.set(-1);
        layer.set(1);
        showLayer(1);
    }

    /** The tensors analysed, in selection order (tensor i is layer W_i of the figures). */
    public ObservableList<SelectedTensor> tensors() {
        return tensors;
    }

    /** The analysed steps, ascending (the scrubber's stops). */
    public ObservableList<Long> steps() {
        return steps;
    }

    /** The tensor shown (1-based, in {@link #tensors()}). */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** The step the spectrum shows, -1 for the newest. */
    public LongProperty shownStepProperty() {
        return shownStep;
    }

    /** Whether the opened folder is being watched. */
    public BooleanProperty watchingProperty() {
        return watching;
    }

    /** Whether checkpoints found at opening are still being analysed. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Progress, ETA and counts, one line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last error or warning (a bad file, a bad expression), one line; "" when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What is open: the folder, or how many files. */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The history of the analysed steps (the scrubber reads it). */
    RunHistory history() {
        return history;
    }

    /** The update energy of a checkpoint series: the share of ‖W(t) − W(ref)‖²_F in the top-k blocks. */
    static final class UpdateEnergyOfCheckpoints extends MetricLinesFigure {
        UpdateEnergyOfCheckpoints() {
            super(
                    "Update energy",
                    "fraction of ‖W(t) − W(ref)‖²",
                    "Share of the update since the reference checkpoint, ‖W(t) − W(ref)‖²_F, inside a top-k block:"
                            + " of the update's own top-k singular values (how low-rank the update is), and of the"
                            + " reference's top-k singular subspaces (whether learning stays in the directions that"
                            + " were already strongest). 1 = all of it.",
                    "no update yet (the first checkpoint is the reference)",
                    name -> name.equals("update-energy-top-k") || name.equals("update-energy-ref-block"));
            legend(
                    this,
                    Map.of(
                            "update-energy-top-k", "in the update's own top k",
                            "update-energy-ref-block", "in the reference's top-k block"));
        }
    }

    /**
     * Principal angles of a checkpoint series: the largest angle between the top-k left (right) singular subspaces
     * of W(t) and W(ref), and between the top-k left subspace of a tensor and the top-k right subspace of the next
     * one where the shapes chain. (The app's {@code AnglesFigure} would also draw the middle and bottom blocks of the
     * law of parsimony, which a trained network does not have; same base figure, fewer lines.)
     */
    static final class AnglesOfCheckpoints extends MetricLinesFigure {
        AnglesOfCheckpoints() {
            super(
                    "Principal angles",
                    "largest angle (rad)",
                    "Largest principal angle between the selected tensor's top-k singular subspaces now and at the"
                            + " reference checkpoint (0 = the top-k directions did not rotate, π/2 = they are new),"
                            + " left and right; and between its top-k left subspace and the next tensor's top-k right"
                            + " subspace where the shapes chain (0 = the layers pass the same directions on).",
                    "no angles yet (the first checkpoint is the reference)",
                    name -> name.equals("angle-top-left-rad")
                            || name.equals("angle-top-right-rad")
                            || name.equals("alignment-top-rad"));
            legend(
                    this,
                    Map.of(
                            "angle-top-left-rad", "top-k left subspace vs reference",
                            "angle-top-right-rad", "top-k right subspace vs reference",
                            "alignment-top-rad", "top-k alignment with the next tensor"));
        }
    }

    /** Names the legend entries of {@code f}'s lines in words. */
    private static void legend(MetricLinesFigure f, Map<String, String> names) {
        XYPlot plot = (XYPlot) f.chart().getPlot();
        ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer())
                .setLegendItemLabelGenerator((data, series) -> {
                    String key = data.getSeriesKey(series).toString();
                    return names.getOrDefault(key, key);
                });
    }
}
