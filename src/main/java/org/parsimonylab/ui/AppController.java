package org.parsimonylab.ui;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.session.ExperimentSpec;
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
    private double speed = RunControlsView.SPEEDS[RunControlsView.DEFAULT_SPEED_INDEX];

    /**
     * A controller whose session delivers snapshots through {@code uiExecutor} ({@code Platform::runLater}) and takes
     * a fresh backend from {@code linAlgs} for each run.
     */
    public AppController(ControlsModel controls, RunViewModel run, Executor uiExecutor, Supplier<LinAlg> linAlgs) {
        this.controls = Objects.requireNonNull(controls);
        this.run = Objects.requireNonNull(run);
        this.session = new TrainingSession(uiExecutor, run::accept, linAlgs);
        session.setSpeed(speed);
        structural(controls.dataKindProperty(), "data kind");
        structural(controls.dimProperty(), "d");
        structural(controls.rankProperty(), "r");
        structural(controls.classesProperty(), "K");
        structural(controls.samplesProperty(), "samples");
        structural(controls.widthProperty(), "width");
        structural(controls.depthProperty(), "depth");
        structural(controls.initScaleProperty(), "init scale ε");
        structural(controls.optimizerProperty(), "optimizer");
        structural(controls.lossProperty(), "loss");
        structural(controls.stepsProperty(), "step budget");
        structural(controls.seedProperty(), "seed");
        controls.learningRateProperty().addListener((obs, old, now) -> {
            if (controls.loadingProperty().get()) {
                return;
            }
            if (controls.build() != null && session.spec() != null) {
                session.setLearningRate(now.doubleValue());
                run.runNoteProperty()
                        .set("Run #" + session.runId() + ": learning rate η = " + Format.sig(now.doubleValue())
                                + " from the next step (no reset)");
            }
        });
        controls.presetProperty().addListener((obs, old, now) -> {
            if (!controls.loadingProperty().get() && now != null) {
                open(now, run.playingProperty().get());
            }
        });
    }

    private <T> void structural(ObservableValue<T> property, String name) {
        property.addListener((obs, old, now) -> {
            if (controls.loadingProperty().get()) {
                return;
            }
            startRun(
                    name + " " + describe(old) + " → " + describe(now) + ": new run, weights re-initialised",
                    run.playingProperty().get());
        });
    }

    private static String describe(Object v) {
        if (v instanceof Double d) {
            return Format.sig(d);
        }
        if (v instanceof org.parsimonylab.engine.Labeled l) {
            return l.label();
        }
        return String.valueOf(v);
    }

    /** Loads {@code entry} into the controls and starts it, playing if {@code play}. */
    public void open(PresetEntry entry, boolean play) {
        controls.load(entry);
        startRun("preset “" + entry.title() + "”", play);
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
        run.figures().setBlockRank(spec.variants().get(0).metrics().blockRank());
        long id = session.start(spec, play);
        run.playingProperty().set(play);
        run.messageProperty().set("");
        run.runNoteProperty().set("Run #" + id + ": " + why);
        return true;
    }

    @Override
    public void play() {
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
        session.step();
        run.playingProperty().set(false);
    }

    @Override
    public void reset() {
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
        session.setSpeed(stepsPerSecond);
    }

    /** The session (for tests and the status bar). */
    public TrainingSession session() {
        return session;
    }

    /** Stops the trainer thread. */
    @Override
    public void close() {
        session.close();
    }
}
