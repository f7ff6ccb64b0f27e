package org.parsimonylab.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.export.FigureMetadata;
import org.parsimonylab.export.RunFolderReader;
import org.parsimonylab.export.RunFolderSaver;
import org.parsimonylab.metrics.MetricCatalog;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunCapture;
import org.parsimonylab.session.SessionStatus;
import org.parsimonylab.session.TrainingSession;

/**
 * Wires the controls and the run view model to a {@link TrainingSession}: a structural change of the controls
 * (data, network, steps, seed, preset) starts a new run and says why; the learning rate changes live; the run
 * controls become session commands. Everything here runs on the FX thread.
 */
public final class AppController implements RunActions, AutoCloseable {
    private final ControlsModel controls;
    private final RunViewModel run;
    private final TrainingSession session;
    private final java.util.concurrent.ExecutorService saver =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "parsimony-save-run");
                t.setDaemon(true);
                return t;
            });
    private final Executor uiExecutor;
    private double speed = RunControlsView.SPEEDS[RunControlsView.DEFAULT_SPEED_INDEX];
    private Preset currentPreset;
    private Path currentBaseDir;
    private Path recordDir;
    private boolean recorded;
    private boolean closed;

    /**
     * A controller whose session delivers snapshots through {@code uiExecutor} (the app's {@link PulseExecutor}; any
     * FX-thread executor works) and takes
     * a fresh backend from {@code linAlgs} for each run.
     */
    public AppController(ControlsModel controls, RunViewModel run, Executor uiExecutor, Supplier<LinAlg> linAlgs) {
        this.controls = Objects.requireNonNull(controls);
        this.run = Objects.requireNonNull(run);
        this.uiExecutor = Objects.requireNonNull(uiExecutor);
        this.session = new TrainingSession(uiExecutor, run::accept, linAlgs);
        session.setSpeed(speed);
        run.speedProperty().set(speed);
        controls.addEditListener(this::edited);
        controls.presetProperty().addListener((obs, old, now) -> {
            if (!controls.loadingProperty().get() && now != null) {
                open(now, run.playingProperty().get());
            }
        });
    }

    /**
     * One accepted edit of the controls: the learning rate goes to the running session live; any other key is
     * structural and starts a new run that says what changed.
     */
    private void edited(ControlsModel.Edit edit) {
        if (edit.key().equals(ControlsModel.LEARNING_RATE)) {
            Preset p = controls.build();
            if (p != null && session.spec() != null) {
                double lr = p.training().learningRate();
                session.setLearningRate(lr);
                run.runNoteProperty()
                        .set("Run #" + session.runId() + ": learning rate η = " + Format.sig(lr)
                                + " from the next step (no reset)");
            }
            return;
        }
        startRun(
                edit.describe() + ": new run, weights re-initialised",
                run.playingProperty().get());
    }

    /** Loads {@code entry} into the controls and starts it, playing if {@code play}. */
    public void open(PresetEntry entry, boolean play) {
        open(entry, java.util.List.of(), play);
    }

    /**
     * Loads {@code entry} with the command line's {@code --set} overrides into the controls and starts it, playing if
     * {@code play}.
     *
     * @throws org.parsimonylab.preset.PresetException if an override is invalid (nothing changes then)
     */
    public void open(PresetEntry entry, java.util.List<String> overrides, boolean play) {
        currentBaseDir = entry.baseDir();
        controls.load(entry, overrides);
        String edits = controls.overridesNote();
        startRun("preset “" + entry.title() + "”" + (edits.isEmpty() ? "" : " with " + edits), play);
    }

    /**
     * Starts a new run from the controls; returns false (and leaves the current run alone) when the controls are
     * invalid, whose reason the controls panel shows in place.
     */
    public boolean startRun(String why, boolean play) {
        Preset p = controls.build();
        if (p == null) {
            run.runNoteProperty().set("Not started: " + controls.errorProperty().get());
            return false;
        }
        ExperimentSpec spec;
        try {
            spec = p.toExperiment();
        } catch (IllegalArgumentException e) {
            run.runNoteProperty().set("Not started: " + e.getMessage());
            return false;
        }
        run.setBlockRank(spec.variants().get(0).metrics().blockRank());
        run.budgetProperty()
                .set(spec.variants().stream()
                        .mapToLong(v -> v.training().steps())
                        .max()
                        .orElse(0));
        run.leaveRecorded();
        currentPreset = p;
        run.exports().metadataProperty().set(new FigureMetadata(PresetWriter.toJson(p), FigureExports.appVersion()));
        run.exports().prefixProperty().set(p.name());
        long id = session.start(spec, currentBaseDir, play);
        run.playingProperty().set(play);
        run.messageProperty().set("");
        run.runNoteProperty().set("Run #" + id + ": " + why);
        return true;
    }

    /** Leaving a shown saved run: the live run starts over, so its charts are complete from step 0. */
    private boolean leaveRecorded() {
        if (run.showingRecordedProperty().get() == null) {
            return false;
        }
        run.leaveRecorded();
        long id = session.reset();
        run.runNoteProperty().set("Run #" + id + ": training the opened preset again from step 0");
        return true;
    }

    @Override
    public void play() {
        leaveRecorded();
        SessionStatus s = run.statusProperty().get();
        if (s == SessionStatus.FINISHED || s == SessionStatus.DIVERGED || s == SessionStatus.FAILED) {
            // A finished run has nothing left to play: playing again means starting over.
            reset();
        }
        session.play();
        run.playingProperty().set(true);
    }

    @Override
    public void pause() {
        session.pause();
        run.playingProperty().set(false);
    }

    @Override
    public void step() {
        leaveRecorded();
        session.step();
        run.playingProperty().set(false);
    }

    @Override
    public void reset() {
        if (leaveRecorded()) {
            return;
        }
        if (session.spec() == null) {
            startRun("reset", run.playingProperty().get());
            return;
        }
        long id = session.reset();
        run.messageProperty().set("");
        run.runNoteProperty().set("Run #" + id + ": reset, weights re-initialised");
    }

    @Override
    public void setSpeed(double stepsPerSecond) {
        speed = stepsPerSecond;
        run.speedProperty().set(stepsPerSecond);
        session.setSpeed(stepsPerSecond);
    }

    /** The session (for tests and the status bar). */
    public ControlsModel controls() {
        return controls;
    }

    /** The training session. */
    public TrainingSession session() {
        return session;
    }

    /**
     * Writes the controls' effective preset (the loaded preset with every edit, what Reset trains; a live η change
     * included) to {@code file} as JSON that {@code run} and File → Open preset… accept.
     *
     * @throws IllegalStateException if the controls hold an invalid value (the controls panel says which)
     */
    public Path savePreset(Path file) throws IOException {
        Preset p = controls.build();
        if (p == null) {
            throw new IllegalStateException(
                    "the settings are invalid: " + controls.errorProperty().get());
        }
        PresetWriter.write(p, file);
        return file;
    }

    /**
     * Loads the preset in {@code file} (relative data files against its folder) into the controls and starts it,
     * playing if {@code play}.
     *
     * @throws org.parsimonylab.preset.PresetException naming the file and field if it is not a valid preset
     */
    public void openPreset(Path file, boolean play) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such preset file");
        }
        open(PresetEntry.load(file.toString(), java.util.List.of()), play);
    }

    /**
     * Writes the current run as a run folder (DESIGN.md §5, layout 1) at {@code out}, a new or empty folder: the
     * preset as trained (live changes in its learning-rate schedule), the data, exactly the metrics {@code run}
     * records (metrics.csv byte for byte), events.csv and the weights at step 0 and now, copied by the trainer
     * thread between two steps. Call on the FX thread; the folder is written on a background thread.
     */
    public CompletableFuture<Path> saveRun(Path out) {
        if (run.showingRecordedProperty().get() != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("this is a saved run already ("
                    + run.showingRecordedProperty().get() + "); press Play or Reset to train it, then save"));
        }
        if (currentPreset == null || session.spec() == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("there is no run to save yet"));
        }
        Preset preset = currentPreset;
        long runId = session.runId();
        return session.capture().thenApplyAsync(capture -> write(out, preset, runId, capture), saver);
    }

    /** Writes {@code capture} of run {@code runId}, started from {@code preset}, to {@code out} (any thread). */
    private static Path write(Path out, Preset preset, long runId, RunCapture capture) {
        if (capture.runId() != runId) {
            throw new IllegalStateException("a new run started while saving; save again");
        }
        Preset asTrained = PresetWriter.withLearningRateSchedules(preset, capture.experiment());
        String title = preset.title().isEmpty() ? preset.name() : preset.title();
        try {
            return RunFolderSaver.save(out, PresetWriter.toJson(asTrained), title, capture, MetricCatalog.lines());
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    /**
     * With {@code dir} (the app's {@code --record=DIR}), writes the run folder of the current run to {@code dir}
     * once: when that run ends, or when the window closes, whichever comes first.
     */
    public void recordTo(Path dir) {
        this.recordDir = dir;
        this.recorded = false;
        // The run is written when it ends (checked on the FX thread, where the preset lives); without --record no
        // capture is taken at the end of a run (a capture copies every variant's weights).
        session.onRunEnded(dir == null ? null : capture -> uiExecutor.execute(() -> recordEnded(capture)));
    }

    /** The folder of {@code --record}, or null. */
    public Path recordDir() {
        return recordDir;
    }

    private void recordEnded(RunCapture capture) {
        if (recordDir == null || recorded || currentPreset == null || !session.isCurrent(capture.runId())) {
            return;
        }
        recorded = true;
        Preset preset = currentPreset;
        Path dir = recordDir;
        CompletableFuture.supplyAsync(() -> write(dir, preset, capture.runId(), capture), saver)
                .whenComplete((path, error) -> uiExecutor.execute(() -> run.runNoteProperty()
                        .set(
                                error == null
                                        ? "Recorded run #" + capture.runId() + " to " + path
                                        : "Cannot record the run to " + dir + ": " + FigureExports.message(error))));
    }

    /**
     * Shows the saved run in {@code dir} (its preset in the controls, its recorded metrics in the charts) without
     * training it; Play or Reset trains the preset again.
     *
     * @throws IOException if the folder is not a readable run folder (one line, naming the file)
     * @throws org.parsimonylab.preset.PresetException if its preset.json is invalid
     */
    public void openRun(Path dir) throws IOException {
        showRun(dir, readRun(dir));
    }

    /**
     * {@link #openRun} with the folder read on a background thread (the FX thread only shows it); the future
     * completes on the FX thread, exceptionally with the reason when the folder cannot be opened.
     */
    public CompletableFuture<Void> openRunAsync(Path dir) {
        CompletableFuture<Void> shown = new CompletableFuture<>();
        readRunInBackground(dir, shown, opened -> {
            try {
                showRun(dir, opened);
                shown.complete(null);
            } catch (RuntimeException e) {
                shown.completeExceptionally(e);
            }
        });
        return shown;
    }

    /**
     * Reads the saved run in {@code dir} on a background thread and overlays it on the live run as a ghost (its loss
     * and its spectrum at the shown step, dashed, in "compare…"); the live run goes on. The future completes on the
     * FX thread, exceptionally with the one-line reason when the folder cannot be read.
     */
    public CompletableFuture<RunComparison.PastRun> openGhostAsync(Path dir) {
        CompletableFuture<RunComparison.PastRun> shown = new CompletableFuture<>();
        readRunInBackground(dir, shown, opened -> {
            Path name = dir.toAbsolutePath().normalize().getFileName();
            RunComparison.PastRun ghost = run.openGhost(
                    name == null ? dir.toString() : name.toString(),
                    opened.folder().history());
            run.runNoteProperty().set("Ghost: the saved run " + dir + " (dashed, on the loss and spectrum)");
            shown.complete(ghost);
        });
        return shown;
    }

    /**
     * Reads the run folder {@code dir} on the saver thread and hands it to {@code show} on the FX thread; a folder that
     * cannot be read completes {@code shown} exceptionally with the one-line reason instead.
     */
    private void readRunInBackground(
            Path dir, CompletableFuture<?> shown, java.util.function.Consumer<OpenedRun> show) {
        CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return readRun(dir);
                            } catch (IOException e) {
                                throw new CompletionException(e);
                            }
                        },
                        saver)
                .whenComplete((opened, error) -> uiExecutor.execute(() -> {
                    if (error != null) {
                        shown.completeExceptionally(
                                error instanceof CompletionException && error.getCause() != null
                                        ? error.getCause()
                                        : error);
                        return;
                    }
                    show.accept(opened);
                }));
    }

    private record OpenedRun(RunFolderReader.RunFolder folder, Preset preset) {}

    private static OpenedRun readRun(Path dir) throws IOException {
        RunFolderReader.RunFolder folder = RunFolderReader.read(dir);
        Preset preset = PresetLoader.parse(
                folder.presetJson(), dir.resolve("preset.json").toString(), java.util.List.of());
        if (folder.history().isEmpty()) {
            throw new IOException("cannot open run folder " + dir + ": its metrics.csv has no rows");
        }
        return new OpenedRun(folder, preset);
    }

    private void showRun(Path dir, OpenedRun opened) {
        open(new PresetEntry(dir.resolve("preset.json").toString(), opened.preset(), dir.toAbsolutePath()), false);
        run.exports()
                .metadataProperty()
                .set(new FigureMetadata(opened.folder().presetJson(), FigureExports.appVersion()));
        run.showRecorded(opened.folder().history(), dir.toString());
    }

    /**
     * Stops the trainer without waiting for it on the FX thread. With {@code --record} and the run not yet recorded,
     * the run is captured and written first, on a non-daemon thread so that the JVM waits for the folder.
     */
    @Override
    public void close() {
        if (closed) {
            return; // the window's close request and Application.stop both close
        }
        closed = true;
        if (recordDir != null
                && !recorded
                && currentPreset != null
                && session.spec() != null
                && run.showingRecordedProperty().get() == null) {
            recorded = true;
            Preset preset = currentPreset;
            long runId = session.runId();
            Path dir = recordDir;
            CompletableFuture<RunCapture> capture = session.capture();
            Thread writer = new Thread(
                    () -> {
                        try {
                            write(dir, preset, runId, capture.get(60, java.util.concurrent.TimeUnit.SECONDS));
                        } catch (Exception e) {
                            java.util.logging.Logger.getLogger(AppController.class.getName())
                                    .warning("cannot record the run to " + dir + ": " + FigureExports.message(e));
                        } finally {
                            session.close(0);
                        }
                    },
                    "parsimony-record");
            writer.setDaemon(false);
            writer.start();
        } else {
            session.close(0);
        }
        saver.shutdown();
    }
}
