package org.parsimonylab.session;

import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.CheckpointParameters;
import org.parsimonylab.engine.train.Model;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsRecorder;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.ProbeContext;
import org.parsimonylab.metrics.Probes;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.metrics.SvdKind;
import org.parsimonylab.metrics.TwinStore;

/**
 * One variant's training, one step at a time, so that a headless run and the app's trainer thread drive it the
 * same way: {@link #advance} evaluates ℓ(W(t)), records metrics when due (at the cadence of {@link Probes#cadence},
 * and at step 0, the last step and, for full SVDs, the reference step), hands out checkpoints, and updates to W(t+1) unless training stops. Training time and
 * monitoring time are measured apart. Owned by one thread.
 */
public final class VariantRunner {
    private final VariantSpec variant;
    private final Dataset data;
    private final LinAlg linAlg;
    private final Model model;
    private final Trainer trainer;
    private final MetricsRecorder recorder;
    private final long every;
    private long trainNanos;
    private long monitorNanos;
    private double lastLoss = Double.NaN;
    private StopReason reason = StopReason.NONE;

    /** A runner at step 0; {@code maxSteps} &gt; 0 caps the preset's step budget. */
    public VariantRunner(VariantSpec variant, Dataset data, long seed, LinAlg linAlg, long maxSteps) {
        this(variant, data, seed, linAlg, maxSteps, null);
    }

    /**
     * A runner at step 0 whose end-to-end matrices are compared with (or, for the reference variant, stored in)
     * {@code twins} (null: no twin distance).
     */
    public VariantRunner(VariantSpec variant, Dataset data, long seed, LinAlg linAlg, long maxSteps, TwinStore twins) {
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
    }

    /**
     * Performs one step and reports to {@code listener}; returns the stop reason (NONE while training goes on).
     * {@code stopNow} ends training at the current step with {@link StopReason#CANCELLED} after recording it.
     */
    public StopReason advance(RunListener listener, long checkpointEvery, boolean stopNow) {
        if (reason != StopReason.NONE) {
            return reason;
        }
        long t0 = System.nanoTime();
        double loss = trainer.evaluate();
        trainNanos += System.nanoTime() - t0;
        lastLoss = loss;
        long step = trainer.step();
        StopReason now = stopNow ? StopReason.CANCELLED : trainer.stopReason(loss);
        boolean last = now != StopReason.NONE;
        // The reference step is recorded off the cadence only when the angle series need its singular vectors.
        boolean reference =
                step == variant.metrics().referenceStep() && variant.metrics().svd() == SvdKind.FULL;
        if (last || step % every == 0 || reference) {
            listener.snapshot(variant.name(), snapshot(step, loss));
        }
        if (last || step == 0 || (checkpointEvery > 0 && step % checkpointEvery == 0)) {
            listener.checkpoint(variant.name(), step, model.layerWeights());
            listener.checkpointParameters(variant.name(), step, CheckpointParameters.of(model));
        }
        if (last) {
            reason = now;
            listener.finished(result());
            return reason;
        }
        long t1 = System.nanoTime();
        trainer.update();
        trainNanos += System.nanoTime() - t1;
        return StopReason.NONE;
    }

    /** Measures the current step now (off the cadence), e.g. for the app's single-step button. */
    public StepSnapshot snapshotNow() {
        long t0 = System.nanoTime();
        double loss = model.evaluate(true);
        trainNanos += System.nanoTime() - t0;
        return snapshot(trainer.step(), loss);
    }

    private StepSnapshot snapshot(long step, double loss) {
        long m0 = System.nanoTime();
        ProbeContext ctx = new ProbeContext(step, loss, model, data, variant.network(), variant.metrics(), linAlg);
        StepSnapshot snap = recorder.record(ctx, trainNanos * 1e-9);
        monitorNanos += System.nanoTime() - m0;
        return snap;
    }

    /** The result so far (final once {@link #advance} returned a stop reason). */
    public VariantResult result() {
        return new VariantResult(
                variant.name(), reason, trainer.step(), lastLoss, trainNanos * 1e-9, monitorNanos * 1e-9);
    }

    /** The recording cadence in steps: {@code metrics.every}, or the automatic one ({@link Probes#cadence}) for 0. */
    public long cadence() {
        return every;
    }

    /** The cadence {@code metrics} would give this runner's model ({@link Probes#cadence}). */
    public long cadenceOf(MetricsSpec metrics) {
        return Probes.cadence(metrics, model, data);
    }

    /** Copies of the current weights W1…WL (call on the thread that owns the runner). */
    public WeightCheckpoint copyWeights() {
        return WeightCheckpoint.copyOf(trainer.step(), model.layerWeights());
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
