package org.parsimonylab.session;

import java.util.List;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.CheckpointParameters;
import org.parsimonylab.engine.train.Model;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.MetricsRecorder;
import org.parsimonylab.metrics.ProbeContext;
import org.parsimonylab.metrics.Probes;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.metrics.SvdKind;
import org.parsimonylab.metrics.TwinStore;

/**
 * One variant's training, one step at a time, so that {@code run} and the app's trainer thread drive it the same
 * way. A step has two halves: {@link #measure} evaluates ℓ(W(t)) with its gradient, records metrics when due (step
 * 0, every {@link Probes#cadence} steps, the reference step for full SVDs, the last step), hands out checkpoints and
 * decides whether training stops; {@link #update} then moves to W(t+1) with η(t). Between the two halves the runner
 * rests "measured": the app pauses there, so showing a step never evaluates the model again and monitoring has no
 * side effect on training (mini-batch cursor, random streams, optimizer state, gradients). Training time (evaluate
 * and update) and monitoring time (probes) are measured apart. Owned by one thread.
 */
public final class VariantRunner {
    private final VariantSpec variant;
    private final Dataset data;
    private final LinAlg linAlg;
    private final Model model;
    private final Trainer trainer;
    private final MetricsRecorder recorder;
    private final MetricsRecorder display; // off-record probes for the app's live view, null for a headless run
    private final long every;
    private long trainNanos;
    private long monitorNanos;
    private double lastLoss = Double.NaN;
    private boolean measured;
    private StepSnapshot lastRecorded;
    private StopReason reason = StopReason.NONE;

    /** A runner at step 0; {@code maxSteps} &gt; 0 caps the preset's step budget. */
    public VariantRunner(VariantSpec variant, Dataset data, long seed, LinAlg linAlg, long maxSteps) {
        this(variant, data, seed, linAlg, maxSteps, null, false);
    }

    /**
     * A runner at step 0 whose end-to-end matrices are compared with (or, for the reference variant, stored in)
     * {@code twins} (null: no twin distance). With {@code live}, {@link #liveSnapshot} measures steps between
     * recorded ones with a second, off-record set of probes (no twin distance), which sees step 0 and the reference
     * step too so that its series start where the record's do.
     */
    public VariantRunner(
            VariantSpec variant, Dataset data, long seed, LinAlg linAlg, long maxSteps, TwinStore twins, boolean live) {
        this.variant = variant;
        this.data = data;
        this.linAlg = linAlg;
        TrainingSpec training = variant.training();
        if (maxSteps > 0 && maxSteps < training.steps()) {
            training = training.withSteps(maxSteps);
        }
        this.model = ModelFactory.build(variant.network(), training, data, seed, linAlg);
        this.trainer = new Trainer(model, training);
        this.recorder = new MetricsRecorder(
                Probes.forVariant(variant.name(), variant.network(), training, variant.metrics(), data, twins));
        this.every = Probes.cadence(variant.metrics(), model, data);
        this.display = live && every > 1
                ? new MetricsRecorder(
                        Probes.forVariant(variant.name(), variant.network(), training, variant.metrics(), data, null))
                : null;
    }

    /**
     * Performs one whole step (the measuring half unless already done, then the update unless training stops) and
     * reports to {@code listener}; returns the stop reason (NONE while training goes on). {@code stopNow} ends
     * training at the current step with {@link StopReason#CANCELLED} after recording it.
     */
    public StopReason advance(RunListener listener, long checkpointEvery, boolean stopNow) {
        StopReason r = measure(listener, checkpointEvery, stopNow);
        if (r != StopReason.NONE) {
            return r;
        }
        update();
        return StopReason.NONE;
    }

    /**
     * The measuring half of step t: evaluates ℓ(W(t)) and its gradient, records a snapshot when the step is due,
     * hands out checkpoints (step 0, every {@code checkpointEvery} &gt; 0, the last step) and returns why training
     * stops here (NONE to go on). Does nothing but return the reason when step t was measured already.
     */
    public StopReason measure(RunListener listener, long checkpointEvery, boolean stopNow) {
        if (reason != StopReason.NONE) {
            return reason;
        }
        long step = trainer.step();
        if (!measured) {
            long t0 = System.nanoTime();
            lastLoss = trainer.evaluate();
            trainNanos += System.nanoTime() - t0;
            measured = true;
        }
        StopReason now = stopNow ? StopReason.CANCELLED : trainer.stopReason(lastLoss);
        boolean last = now != StopReason.NONE;
        // The reference step is recorded off the cadence only when the angle series need its singular vectors.
        boolean reference =
                step == variant.metrics().referenceStep() && variant.metrics().svd() == SvdKind.FULL;
        boolean recordedHere = lastRecorded != null && lastRecorded.step() == step;
        if (!recordedHere && (last || step % every == 0 || reference)) {
            lastRecorded = record(recorder, step, lastLoss);
            if (display != null && (step == 0 || reference)) {
                // The display probes need the same starting points (initial weights, reference vectors).
                record(display, step, lastLoss);
            }
            listener.snapshot(variant.name(), lastRecorded);
        }
        if (!recordedHere && (last || step == 0 || (checkpointEvery > 0 && step % checkpointEvery == 0))) {
            listener.checkpoint(variant.name(), step, model.layerWeights());
            listener.checkpointParameters(variant.name(), step, CheckpointParameters.of(model));
        }
        if (last) {
            reason = now;
            listener.finished(result());
        }
        return reason;
    }

    /** The updating half of step t: W(t) → W(t+1) with η(t); requires a {@link #measure} that did not stop. */
    public void update() {
        if (!measured || reason != StopReason.NONE) {
            throw new IllegalStateException("update needs a measured step that did not stop training");
        }
        long t1 = System.nanoTime();
        trainer.update();
        trainNanos += System.nanoTime() - t1;
        measured = false;
    }

    /** Whether the current step has been measured (its update is pending or training stopped). */
    public boolean isMeasured() {
        return measured;
    }

    private StepSnapshot record(MetricsRecorder probes, long step, double loss) {
        long m0 = System.nanoTime();
        ProbeContext ctx =
                new ProbeContext(step, loss, model, data, variant.network(), variant.metrics(), linAlg, trainer.spec());
        StepSnapshot snap = probes.record(ctx, trainNanos * 1e-9);
        monitorNanos += System.nanoTime() - m0;
        return snap;
    }

    /**
     * The current measured step t for display, free of side effects on training: the recorded snapshot when step t
     * was recorded, otherwise a measurement of W(t) by the off-record probes (on the loss and gradient the training
     * evaluation already computed; the model is not evaluated again), or, for a runner that is not live, only the
     * loss and timings. Null before the first {@link #measure}. Costs monitoring time, never training time.
     */
    public StepSnapshot liveSnapshot() {
        long step = trainer.step();
        if (lastRecorded != null && lastRecorded.step() == step) {
            return lastRecorded;
        }
        if (!measured) {
            return lastRecorded;
        }
        if (display != null) {
            return record(display, step, lastLoss);
        }
        return lossOnly(step);
    }

    /**
     * The current measured step t for display at no monitoring cost: the recorded snapshot when step t was recorded,
     * otherwise only the loss the training evaluation computed and the timings ({@link #isRecorded} false). Null
     * before the first {@link #measure}.
     */
    public StepSnapshot cheapSnapshot() {
        long step = trainer.step();
        if (lastRecorded != null && lastRecorded.step() == step || !measured) {
            return lastRecorded;
        }
        return lossOnly(step);
    }

    /** The loss ℓ(W(t)) of the current measured step (NaN before the first {@link #measure}). */
    public double currentLoss() {
        return lastLoss;
    }

    private StepSnapshot lossOnly(long step) {
        double seconds = trainNanos * 1e-9;
        List<MetricSeries> series = step > 0 && seconds > 0
                ? List.of(
                        MetricSeries.scalar("loss", lastLoss),
                        MetricSeries.scalar("wall-seconds", seconds),
                        MetricSeries.scalar("steps-per-second", step / seconds))
                : List.of(MetricSeries.scalar("loss", lastLoss), MetricSeries.scalar("wall-seconds", seconds));
        return new StepSnapshot(step, seconds, series);
    }

    /** The newest recorded snapshot, or null. */
    public StepSnapshot lastRecorded() {
        return lastRecorded;
    }

    /** Whether {@code snapshot} is one this runner recorded (part of the run's record). */
    public boolean isRecorded(StepSnapshot snapshot) {
        return snapshot != null && snapshot == lastRecorded;
    }

    /** The result so far (final once {@link #measure} returned a stop reason). */
    public VariantResult result() {
        return new VariantResult(
                variant.name(), reason, trainer.step(), lastLoss, trainNanos * 1e-9, monitorNanos * 1e-9);
    }

    /** The recording cadence in steps: {@code metrics.every}, or the automatic one ({@link Probes#cadence}) for 0. */
    public long cadence() {
        return every;
    }

    /** Copies of the current weights W1…WL (call on the thread that owns the runner). */
    public WeightCheckpoint copyWeights() {
        return WeightCheckpoint.copyOf(trainer.step(), model.layerWeights());
    }

    /** The variant's spec as trained so far: the preset's, with live learning-rate changes in its schedule. */
    public VariantSpec variantAsTrained() {
        TrainingSpec t =
                variant.training().withLearningRateSchedule(trainer.spec().learningRateSchedule());
        return variant.withTraining(t);
    }

    /** The variant's spec. */
    public VariantSpec variant() {
        return variant;
    }

    /** The trainer (learning rate can change between steps). */
    public Trainer trainer() {
        return trainer;
    }

    /** Why training stopped, or NONE. */
    public StopReason stopReason() {
        return reason;
    }
}
