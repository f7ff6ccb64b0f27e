package org.parsimonylab.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.parsimonylab.chart.Figure;
import org.parsimonylab.chart.FigureSet;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;
import org.parsimonylab.session.SessionSnapshot;
import org.parsimonylab.session.SessionStatus;

/**
 * The live run as the views see it: properties for the status bar and run controls, and the figures of the charts,
 * all fed by batches of immutable session snapshots on the FX thread. The figures hold their redraws until the
 * {@link ChartRefresher} flushes them, once per frame.
 */
public final class RunViewModel {
    private final FigureSet figures = new FigureSet();
    private final LongProperty runId = new SimpleLongProperty(0);
    private final LongProperty step = new SimpleLongProperty(0);
    private final DoubleProperty loss = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty stepsPerSecond = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty computeStepsPerSecond = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty elapsedSeconds = new SimpleDoubleProperty(0);
    private final ObjectProperty<SessionStatus> status = new SimpleObjectProperty<>(SessionStatus.PAUSED);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty runNote = new SimpleStringProperty("");
    private final StringProperty backend = new SimpleStringProperty("");
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final IntegerProperty layer = new SimpleIntegerProperty(1);
    private final LongProperty budget = new SimpleLongProperty(0);
    private final DoubleProperty speed = new SimpleDoubleProperty(Double.POSITIVE_INFINITY);
    private final IntegerProperty layerCount = new SimpleIntegerProperty(0);
    private final RunHistory history = new RunHistory();
    private final StringProperty showingRecorded = new SimpleStringProperty(null);
    private final FigureExports exports = new FigureExports();
    private long historyRunId = -1;
    private long figuresRunId = -1;
    private String figuresRunNote = "";
    private final RunComparison comparison = new RunComparison();
    private final LongProperty replayStep = new SimpleLongProperty(-1);
    private final List<ValueMarker> replayMarkers = new ArrayList<>();
    private RunHistory recordedShown;
    private int blockRank = 3;
    private final Map<String, Long> lossSteps = new HashMap<>();
    private long rateStep = -1;
    private final Map<String, StepClock> clocks = new HashMap<>();
    private final BooleanProperty wallTime = new SimpleBooleanProperty(false);
    private final ObjectProperty<RunComparison.PastRun> pinned = new SimpleObjectProperty<>(null);
    private final KindFigures kinds = new KindFigures();
    private final javafx.collections.ObservableList<org.parsimonylab.chart.MetricKindFigure.Kind> presentKinds =
            javafx.collections.FXCollections.observableArrayList();
    private final ObjectProperty<LayerFigures> multiples = new SimpleObjectProperty<>(null);
    private long multiplesRunId = -1;
    private final java.util.Set<String> runVariants = new java.util.HashSet<>();
    private RunHistory lastRunHistory;
    private long lastRunHistoryId = -1;
    private long rateNanos;

    /** A model showing nothing yet. */
    public RunViewModel() {
        layer.addListener((obs, old, now) -> {
            figures.setLayer(now.intValue());
            kinds.selectLayer(now.intValue());
            if (replayStep.get() >= 0) {
                replay(replayStep.get());
            } else {
                showGhostSpectrum(step.get());
            }
        });
        pinned.addListener((obs, old, now) -> {
            comparison.pin(now, figures.loss);
            showGhostSpectrum(replayStep.get() >= 0 ? replayStep.get() : step.get());
            figures.loss.chart().fireChartChanged();
            figures.spectrum.chart().fireChartChanged();
        });
        wallTime.addListener((obs, old, now) -> {
            if (replayStep.get() >= 0) {
                placeCursor(replayStep.get());
            }
        });
    }

    private void showGhostSpectrum(long t) {
        comparison.showSpectrum(figures.spectrum, t, layer.get());
    }

    /** Applies a batch of snapshots (FX thread); a replay ends (the charts show the newest step again). */
    public void accept(List<SessionSnapshot> batch) {
        if (batch.isEmpty() || showingRecorded.get() != null) {
            // While a saved run is shown, the (paused) live run stays off the charts.
            return;
        }
        endReplay();
        record(batch);
        feedFigures(batch);
        SessionSnapshot newest = null;
        String primary = figures.primaryVariant();
        for (SessionSnapshot s : batch) {
            if (s.runId() >= runId.get() && (primary == null || s.variant().equals(primary))) {
                newest = s;
            }
        }
        if (newest == null) {
            return;
        }
        if (newest.runId() != runId.get()) {
            runId.set(newest.runId());
            rateStep = -1;
        }
        updatePace(newest.step());
        step.set(newest.step());
        loss.set(newest.snapshot().loss());
        computeStepsPerSecond.set(newest.stepsPerSecond());
        elapsedSeconds.set(newest.snapshot().elapsedSeconds());
        status.set(newest.status());
        if (newest.status() != SessionStatus.RUNNING && newest.status() != SessionStatus.PAUSED) {
            // Nothing left to play: the button offers Play again (which starts over).
            playing.set(false);
        }
        String problem = "";
        for (SessionSnapshot s : batch) {
            if (!s.message().isEmpty()) {
                problem = s.message();
            }
        }
        if (!problem.isEmpty() || newest.status() == SessionStatus.RUNNING) {
            message.set(problem);
        }
        layerCount.set(figures.layerCount());
        if (layer.get() > layerCount.get() && layerCount.get() > 0) {
            layer.set(layerCount.get());
        }
        showGhostSpectrum(step.get());
        afterFeed();
    }

    /** Keeps the list of measured metric kinds and the small multiples in step with the figures. */
    private void afterFeed() {
        List<org.parsimonylab.chart.MetricKindFigure.Kind> now = kinds.present();
        if (!now.equals(presentKinds)) {
            presentKinds.setAll(now);
        }
        LayerFigures m = multiples.get();
        if (m != null
                && (multiplesRunId != figuresRunId
                        || m.figures().size() != Math.max(1, layerCount.get())
                        || m.variant() == null && figures.primaryVariant() != null)) {
            showMultiples(m.kind());
        }
    }

    /**
     * Hands full snapshots to the figures as they come; a partial one (cheap live metrics only) and every loss trail
     * go to the loss curves alone, in step order, so the spectra keep the last full measurement.
     */
    private void feedFigures(List<SessionSnapshot> batch) {
        List<SessionSnapshot> pending = new ArrayList<>();
        for (SessionSnapshot s : batch) {
            if (s.runId() < figuresRunId) {
                continue;
            }
            if (s.runId() > figuresRunId && s.partial()) {
                // A new run's figures start with a full snapshot (step 0 always is one).
                continue;
            }
            if (s.trail().size() > 0 || s.partial()) {
                if (!pending.isEmpty()) {
                    figures.accept(pending);
                    pending = new ArrayList<>();
                }
                if (s.runId() == figuresRunId) {
                    addTrail(s);
                }
            }
            if (s.runId() > figuresRunId) {
                if (!pending.isEmpty()) {
                    figures.accept(pending);
                    pending = new ArrayList<>();
                }
                if (figuresRunId > 0) {
                    comparison.archive(
                            figuresRunId,
                            figuresRunNote,
                            figures.loss,
                            clocks,
                            lastRunHistoryId == figuresRunId ? lastRunHistory : null);
                }
                figuresRunId = s.runId();
                figuresRunNote = runNote.get();
                lossSteps.clear();
                clocks.clear();
                kinds.clear();
                runVariants.clear();
            }
            if (s.runId() == figuresRunId) {
                clocks.computeIfAbsent(s.variant(), v -> new StepClock())
                        .add(s.step(), s.snapshot().elapsedSeconds());
            }
            if (s.partial()) {
                if (fresh(s.variant(), s.step())) {
                    figures.loss.add(s.variant(), s.snapshot());
                    figures.variants.add(s.variant(), s.snapshot(), s.stepsPerSecond());
                }
            } else {
                fresh(s.variant(), s.step());
                pending.add(s);
                feedExtra(s.variant(), s.snapshot(), s.runId());
            }
        }
        if (!pending.isEmpty()) {
            figures.accept(pending);
        }
    }

    /** Feeds a full snapshot to the metric-kind figures and the small multiples. */
    private void feedExtra(String variant, StepSnapshot s, long id) {
        runVariants.add(variant);
        kinds.add(variant, s, runVariants.size() > 1);
        LayerFigures m = multiples.get();
        if (m != null && multiplesRunId == id) {
            m.add(variant, s);
        }
    }

    private void addTrail(SessionSnapshot s) {
        for (int i = 0; i < s.trail().size(); i++) {
            long t = s.trail().step(i);
            if (fresh(s.variant(), t)) {
                figures.loss.add(
                        s.variant(),
                        new StepSnapshot(
                                t,
                                Double.NaN,
                                List.of(MetricSeries.scalar("loss", s.trail().loss(i)))));
            }
        }
    }

    /** Whether {@code step} is newer than every loss point of {@code variant} so far (and notes it). */
    private boolean fresh(String variant, long step) {
        Long seen = lossSteps.get(variant);
        if (seen != null && step <= seen) {
            return false;
        }
        lossSteps.put(variant, step);
        return true;
    }

    /** Keeps every new step of the newest run for "Save run"; a newer run id starts a new history. */
    private void record(List<SessionSnapshot> batch) {
        for (SessionSnapshot s : batch) {
            if (s.runId() > historyRunId) {
                // The replaced run's record, thinned, stays for its ghost spectra ("compare…").
                lastRunHistory = RunComparison.thinned(history);
                lastRunHistoryId = historyRunId;
                history.clear();
                historyRunId = s.runId();
            }
            if (s.runId() == historyRunId && !s.partial()) {
                history.add(s.variant(), s.snapshot());
                if (Double.isFinite(s.stepsPerSecond())) {
                    history.setStepsPerSecond(s.variant(), s.stepsPerSecond());
                }
            }
        }
    }

    /**
     * Shows a saved run's figures and numbers instead of the live run's, until {@link #leaveRecorded()}; {@code
     * source} names it (the folder) in the run note.
     */
    public void showRecorded(RunHistory recorded, String source) {
        endReplay();
        recordedShown = recorded;
        showingRecorded.set(source);
        figures.showRecorded(recorded);
        clocks.clear();
        kinds.clear();
        runVariants.clear();
        runVariants.addAll(recorded.variants());
        figuresRunId = FigureSet.RECORDED_RUN_ID;
        for (String v : recorded.variants()) {
            for (StepSnapshot s : recorded.snapshots(v)) {
                kinds.add(v, s, recorded.variants().size() > 1);
            }
        }
        kinds.selectLayer(layer.get());
        for (String v : recorded.variants()) {
            StepClock c = clocks.computeIfAbsent(v, k -> new StepClock());
            for (StepSnapshot s : recorded.snapshots(v)) {
                c.add(s.step(), s.elapsedSeconds());
            }
        }
        String primary =
                recorded.variants().isEmpty() ? null : recorded.variants().get(0);
        org.parsimonylab.metrics.StepSnapshot last = primary == null ? null : recorded.last(primary);
        step.set(last == null ? 0 : last.step());
        loss.set(last == null ? Double.NaN : last.loss());
        computeStepsPerSecond.set(primary == null ? Double.NaN : recorded.stepsPerSecond(primary));
        stepsPerSecond.set(Double.NaN);
        elapsedSeconds.set(0);
        status.set(SessionStatus.FINISHED);
        playing.set(false);
        message.set("");
        runNote.set("Showing the saved run " + source + " (no training). Play or Reset trains it again.");
        layerCount.set(figures.layerCount());
        if (layer.get() > layerCount.get() && layerCount.get() > 0) {
            layer.set(layerCount.get());
        }
        afterFeed();
    }

    /** Goes back to showing the live run (its next snapshots replace the saved run's figures). */
    public void leaveRecorded() {
        showingRecorded.set(null);
    }

    /**
     * The training-time clock of the series named {@code key}: a variant's own, a ghost's (its run's), else the shown
     * variant's (σ_i, angles, … of the spectra's variant). Null when nothing was reported yet.
     */
    public StepClock clockFor(Comparable<?> key) {
        String k = String.valueOf(key);
        StepClock c = clocks.get(k);
        if (c == null) {
            c = comparison.ghostClock(k);
        }
        if (c == null) {
            String primary = figures.primaryVariant();
            c = primary == null ? null : clocks.get(primary);
        }
        if (c == null && !clocks.isEmpty()) {
            c = clocks.values().iterator().next();
        }
        return c;
    }

    /** The live figures of the other metric families (twin distance, errors, accuracy, …). */
    public KindFigures kinds() {
        return kinds;
    }

    /** The metric kinds the run measures (each gets a live pane), in order. */
    public javafx.collections.ObservableList<org.parsimonylab.chart.MetricKindFigure.Kind> presentKinds() {
        return presentKinds;
    }

    /**
     * Shows every layer of chart kind {@code kind} ({@link LayerFigures#KINDS} or a per-layer metric kind's key) as
     * small multiples, filled from the recorded history (null: back to one layer). Returns them.
     */
    public LayerFigures showMultiples(String kind) {
        if (kind == null) {
            multiples.set(null);
            return null;
        }
        String variant = figures.primaryVariant();
        for (org.parsimonylab.chart.MetricKindFigure.Kind k : kinds.present()) {
            if (k.key().equals(kind) && kinds.sourceOf(k) != null) {
                variant = kinds.sourceOf(k);
            }
        }
        if (variant == null) {
            RunHistory h = replaySource();
            variant = h.variants().isEmpty() ? null : h.variants().get(0);
        }
        LayerFigures m = new LayerFigures(kind, Math.max(1, layerCount.get()), variant, blockRank, replaySource());
        multiplesRunId = figuresRunId;
        multiples.set(m);
        return m;
    }

    /** The small multiples shown (null: the charts show one layer). */
    public ObjectProperty<LayerFigures> multiplesProperty() {
        return multiples;
    }

    /** The history the charts show: the saved run opened, else the live run's record (FX thread). */
    public RunHistory shownHistory() {
        return replaySource();
    }

    /** The r of the spectrum's top/middle/bottom blocks. */
    public int blockRank() {
        return blockRank;
    }

    /** Whether the charts over steps are drawn against training time (the "wall time" toggle). */
    public BooleanProperty wallTimeProperty() {
        return wallTime;
    }

    /** The past run (or saved run) whose ghost lines are shown, null for none. */
    public ObjectProperty<RunComparison.PastRun> pinnedProperty() {
        return pinned;
    }

    /** Adds the saved run {@code recorded} (a run folder named {@code name}) to "compare…" and pins it as a ghost. */
    public RunComparison.PastRun openGhost(String name, RunHistory recorded) {
        RunComparison.PastRun r = comparison.addSaved(name, recorded);
        pinned.set(r);
        return r;
    }

    /** The past runs of the session and the pinned ghost. */
    public RunComparison comparison() {
        return comparison;
    }

    /** Sets r of the spectrum's top/middle/bottom blocks (the preset's metrics.blockRank). */
    public void setBlockRank(int r) {
        blockRank = r;
        figures.setBlockRank(r);
    }

    /** The history a replay reads: the saved run shown, or the live run's recorded (and fully measured) steps. */
    private RunHistory replaySource() {
        return showingRecorded.get() != null && recordedShown != null ? recordedShown : history;
    }

    /** The last step a replay can reach (0 when nothing was recorded). */
    public long replayEnd() {
        RunHistory h = replaySource();
        StepSnapshot last = h.variants().isEmpty() ? null : h.last(h.variants().get(0));
        return last == null ? 0 : last.step();
    }

    /**
     * Moves the charts to step {@code t} of the history: the spectrum and the separation show the newest snapshot at
     * or before t of each variant, exactly as recorded; the charts over time (loss, σ_i, waterfall, angles, update
     * energy) get a cursor at that step. Returns the step shown (-1 if there is none). For a paused or finished run:
     * the next live snapshot ends the replay.
     */
    public long replay(long t) {
        RunHistory h = replaySource();
        if (h.variants().isEmpty()) {
            return -1;
        }
        String primary = h.variants().get(0);
        StepSnapshot at = atOrBefore(h.snapshots(primary), t);
        if (at == null) {
            return -1;
        }
        figures.spectrum.show(at, layer.get(), blockRank);
        showGhostSpectrum(at.step());
        for (String v : h.variants()) {
            StepSnapshot sv = atOrBefore(h.snapshots(v), t);
            if (sv != null) {
                figures.separation.show(v, sv);
            }
        }
        placeCursor(at.step());
        replayStep.set(at.step());
        step.set(at.step());
        loss.set(at.loss());
        return at.step();
    }

    /** Back to the newest step (the cursor goes). */
    public void endReplay() {
        if (replayStep.get() < 0) {
            return;
        }
        replayStep.set(-1);
        for (ValueMarker m : replayMarkers) {
            for (Figure f : figures.all()) {
                if (f.chart().getPlot() instanceof XYPlot plot) {
                    plot.removeDomainMarker(m);
                }
            }
        }
        replayMarkers.clear();
        RunHistory h = replaySource();
        if (!h.variants().isEmpty()) {
            for (String v : h.variants()) {
                StepSnapshot last = h.last(v);
                if (last != null) {
                    figures.separation.show(v, last);
                }
            }
            StepSnapshot last = h.last(h.variants().get(0));
            if (last != null) {
                step.set(last.step());
                loss.set(last.loss());
            }
        }
        figures.setLayer(layer.get());
        showGhostSpectrum(step.get());
    }

    private void placeCursor(long t) {
        if (replayMarkers.isEmpty()) {
            for (Figure f : List.of(
                    figures.loss, figures.singularValues, figures.waterfall, figures.angles, figures.updateEnergy)) {
                ValueMarker m = new ValueMarker(t, java.awt.Color.RED, new java.awt.BasicStroke(1.2f));
                ((XYPlot) f.chart().getPlot()).addDomainMarker(m);
                replayMarkers.add(m);
            }
        }
        double x = t;
        if (wallTime.get()) {
            StepClock c = clockFor(figures.primaryVariant() == null ? "" : figures.primaryVariant());
            x = c == null ? t : c.seconds(t);
        }
        for (ValueMarker m : replayMarkers) {
            m.setValue(x);
        }
    }

    private static StepSnapshot atOrBefore(List<StepSnapshot> list, long t) {
        return RunComparison.atOrBefore(list, t);
    }

    /** The step a replay shows, -1 while the charts show the newest step. */
    public LongProperty replayStepProperty() {
        return replayStep;
    }

    /** The folder of the saved run shown, or null while the live run is shown. */
    public StringProperty showingRecordedProperty() {
        return showingRecorded;
    }

    /** The recorded snapshots of the newest live run (FX thread only). */
    public RunHistory history() {
        return history;
    }

    /** The run id {@link #history()} belongs to (-1 before any). */
    public long historyRunId() {
        return historyRunId;
    }

    /** Figure export for the charts and the File menu. */
    public FigureExports exports() {
        return exports;
    }

    /** Steps per second of wall time, measured over at least half a second of snapshots. */
    private void updatePace(long nowStep) {
        long now = System.nanoTime();
        if (rateStep < 0 || nowStep < rateStep) {
            rateStep = nowStep;
            rateNanos = now;
            return;
        }
        double dt = (now - rateNanos) * 1e-9;
        if (dt >= 0.5) {
            stepsPerSecond.set((nowStep - rateStep) / dt);
            rateStep = nowStep;
            rateNanos = now;
        }
    }

    /** The figures drawn by the charts. */
    public FigureSet figures() {
        return figures;
    }

    /** The run id shown. */
    public LongProperty runIdProperty() {
        return runId;
    }

    /** The step shown. */
    public LongProperty stepProperty() {
        return step;
    }

    /** The loss at that step. */
    public DoubleProperty lossProperty() {
        return loss;
    }

    /** Measured pace, steps per second of wall time. */
    public DoubleProperty stepsPerSecondProperty() {
        return stepsPerSecond;
    }

    /** Training throughput, steps per second of training time (monitoring excluded). */
    public DoubleProperty computeStepsPerSecondProperty() {
        return computeStepsPerSecond;
    }

    /** Training time so far. */
    public DoubleProperty elapsedSecondsProperty() {
        return elapsedSeconds;
    }

    /** What the run is doing. */
    public ObjectProperty<SessionStatus> statusProperty() {
        return status;
    }

    /** What happened and what to try (divergence, end of budget, errors). */
    public StringProperty messageProperty() {
        return message;
    }

    /** Why the current run started (e.g. "new run: width changed, weights re-initialised"). */
    public StringProperty runNoteProperty() {
        return runNote;
    }

    /** The BLAS/LAPACK backend in use. */
    public StringProperty backendProperty() {
        return backend;
    }

    /** Whether the user asked the run to play (the play/pause button's state). */
    public BooleanProperty playingProperty() {
        return playing;
    }

    /** The step budget of the run: the largest {@code training.steps} of its variants (0 before any run). */
    public LongProperty budgetProperty() {
        return budget;
    }

    /** The pace asked for, steps per second (infinite: as fast as possible). */
    public DoubleProperty speedProperty() {
        return speed;
    }

    /**
     * Seconds the rest of the budget takes at the pace asked for (NaN at full speed: then only the measured pace
     * tells, see {@link #secondsLeftMeasured()}).
     */
    public double secondsLeftAtSpeed() {
        double v = speed.get();
        return Double.isFinite(v) && v > 0 ? Math.max(0, budget.get() - step.get()) / v : Double.NaN;
    }

    /** Seconds the rest of the budget takes at the measured pace (NaN until measured). */
    public double secondsLeftMeasured() {
        double v = stepsPerSecond.get();
        return v > 0 ? Math.max(0, budget.get() - step.get()) / v : Double.NaN;
    }

    /** The selected weight layer (1..L). */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** L, the number of weight layers of the run. */
    public IntegerProperty layerCountProperty() {
        return layerCount;
    }
}
