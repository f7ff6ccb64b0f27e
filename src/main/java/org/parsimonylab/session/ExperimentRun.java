package org.parsimonylab.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.Model;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsRecorder;
import org.parsimonylab.metrics.ProbeContext;
import org.parsimonylab.metrics.Probes;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.metrics.TwinStore;

/**
 * Runs an experiment headlessly on the calling thread: generates the data once, then trains each variant in turn
 * from the same seed, recording metrics at the variant's cadence (and always at step 0, the reference step and the
 * last step)
 * and handing weights to the listener at checkpoints. Training time and monitoring time are measured separately.
 */
public final class ExperimentRun {
    private final ExperimentSpec spec;
    private final LinAlg linAlg;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Dataset data;
    private TwinStore twins;

    /** A run of {@code spec} using {@code linAlg} (owned by the running thread). */
    public ExperimentRun(ExperimentSpec spec, LinAlg linAlg) {
        this.spec = spec;
        this.linAlg = linAlg;
    }

    /** The data set (generated on first use). */
    public Dataset data() {
        if (data == null) {
            data = DataGenerator.generate(spec.data(), spec.seed(), linAlg);
        }
        return data;
    }

    /** Asks the run to stop after the current step (from any thread). */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * Trains every variant; {@code maxSteps} &gt; 0 caps each variant's step budget (0 keeps the preset's), and
     * {@code checkpointEvery} &gt; 0 adds weight checkpoints every that many steps.
     */
    public List<VariantResult> run(RunListener listener, long maxSteps, long checkpointEvery) {
        Dataset ds = data();
        listener.data(ds);
        List<VariantResult> results = new ArrayList<>();
        twins = TwinStore.forVariants(
                spec.variants().stream().map(VariantSpec::name).toList(),
                spec.variants().stream().map(VariantSpec::network).toList());
        for (VariantSpec variant : spec.variants()) {
            if (cancelled.get()) {
                break;
            }
            results.add(runVariant(variant, ds, listener, maxSteps, checkpointEvery));
        }
        return results;
    }

    private VariantResult runVariant(
            VariantSpec variant, Dataset ds, RunListener listener, long maxSteps, long checkpointEvery) {
        TrainingSpec training = variant.training();
        if (maxSteps > 0 && maxSteps < training.steps()) {
            training = training.withSteps(maxSteps);
        }
        Model model = ModelFactory.build(variant.network(), training, ds, spec.seed(), linAlg);
        Trainer trainer = new Trainer(model, training);
        MetricsRecorder recorder = new MetricsRecorder(
                Probes.forVariant(variant.name(), variant.network(), training, variant.metrics(), ds, twins));
        long every = Probes.cadence(variant.metrics(), model, ds);
        long trainNanos = 0;
        long monitorNanos = 0;
        double loss;
        StopReason reason;
        while (true) {
            long t0 = System.nanoTime();
            loss = trainer.evaluate();
            trainNanos += System.nanoTime() - t0;
            long step = trainer.step();
            reason = cancelled.get() ? StopReason.CANCELLED : trainer.stopReason(loss);
            boolean last = reason != StopReason.NONE;
            if (last || step % every == 0 || step == variant.metrics().referenceStep()) {
                long m0 = System.nanoTime();
                ProbeContext ctx =
                        new ProbeContext(step, loss, model, ds, variant.network(), variant.metrics(), linAlg);
                StepSnapshot snap = recorder.record(ctx, trainNanos * 1e-9);
                monitorNanos += System.nanoTime() - m0;
                listener.snapshot(variant.name(), snap);
            }
            if (last || step == 0 || (checkpointEvery > 0 && step % checkpointEvery == 0)) {
                listener.checkpoint(variant.name(), step, model.parameters());
            }
            if (last) {
                break;
            }
            long t1 = System.nanoTime();
            trainer.update();
            trainNanos += System.nanoTime() - t1;
        }
        VariantResult result =
                new VariantResult(variant.name(), reason, trainer.step(), loss, trainNanos * 1e-9, monitorNanos * 1e-9);
        listener.finished(result);
        return result;
    }
}
